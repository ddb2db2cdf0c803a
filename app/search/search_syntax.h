// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace hearth::app {

//! One `key:value` operator as typed, where it stands in the text (for a removable chip).
struct SearchOperator final {
    QString key;   //!< "from", "in", "before", "after", "on", "has", "mentions", "is"
    QString value; //!< without quotes
    qsizetype start = 0;
    qsizetype length = 0;
    bool understood = true; //!< false: unknown or not available (see SearchSyntax::problem)
    friend bool operator==(const SearchOperator &, const SearchOperator &) = default;
};

//! What a member typed into the search field: words and "phrases" for the full-text index,
//! and operators that filter (docs/search.md):
//! `from:NAME`, `in:CONVERSATION` (or `in:thread`), `before:DATE`, `after:DATE`, `on:DATE`
//! (YYYY-MM-DD, `today`, `yesterday`), `has:link`, `mentions:me` / `mentions:NAME`. Values with
//! spaces are quoted: `in:"book club"`. Anything else stays a word.
struct SearchSyntax final {
    QString words; //!< the text left for the index: words and "quoted phrases"
    std::optional<QString> from;
    std::optional<QString> in; //!< a conversation's title (not "thread")
    bool inThread = false;
    bool hasLink = false;
    std::optional<QString> mentions; //!< a user name; "me" already replaced by the member's
    std::optional<QDate> after;      //!< messages from the day after this one on
    std::optional<QDate> before;     //!< messages up to the day before this one
    std::optional<QDate> on;
    QList<SearchOperator> operators; //!< in the order typed
    //! The first operator that was not understood, as a sentence ("has:file: …"); empty if none.
    QString problem;

    //! Parses `text`; `self` replaces "me", `today` anchors "today" and "yesterday".
    [[nodiscard]] static SearchSyntax parse(const QString &text, const QString &self,
                                            const QDate &today);
    //! `text` without the operator `op` (one of parse(text).operators), spaces tidied.
    [[nodiscard]] static QString without(const QString &text, const SearchOperator &op);

    //! The time range the date operators allow, as local-time milliseconds since the epoch
    //! (inclusive); unset ends are open.
    [[nodiscard]] std::optional<qint64> fromMs() const;
    [[nodiscard]] std::optional<qint64> toMs() const;
    //! Whether anything narrows the search besides words.
    [[nodiscard]] bool hasFilter() const {
        return from || in || inThread || hasLink || mentions || after || before || on;
    }
};

} // namespace hearth::app
