// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/markdown/markdown_style.h"

#include <QString>
#include <QStringView>

namespace hearth::app {

//! Message markdown (CommonMark with strikethrough and autolinks, md4c's parser) made safe to
//! show: HTML for a QML `Text` with `textFormat: Text.RichText`, a one-line preview, and
//! whether the member is mentioned.
//!
//! Safety: raw HTML in a message is shown as the text it is; every character of user text is
//! escaped; links are kept only for http(s) URLs with a host and mailto addresses (the rest,
//! javascript: included, stays as plain text); an image is never an <img> (nothing remote is
//! fetched): it becomes its alt text, linked to the image's URL when that URL is safe.
//! Input beyond kMaxInputChars is cut (with an ellipsis); nesting beyond 16 levels is shown
//! flat.
//!
//! Supported: bold, italics, strikethrough, inline code and fenced code blocks (monospace on
//! style().codeBackground), lists, block quotes, headings (as bold paragraphs), rules, links and
//! autolinks (URLs, www., e-mail), line breaks as typed, and "@name" highlighted when it names
//! mentionName(). Plain value type; const members are safe to call from several threads.
class MarkdownRenderer final {
public:
    static constexpr qsizetype kMaxInputChars = qsizetype{64} * 1024; //!< longer messages are cut
    static constexpr qsizetype kDefaultPreviewLength = 160;

    explicit MarkdownRenderer(MarkdownStyle style = MarkdownStyle::light(),
                              QString mentionName = {});

    [[nodiscard]] const MarkdownStyle &style() const { return m_style; }
    //! E.g. MarkdownStyle::dark() when the theme changes (re-render what is shown).
    void setStyle(const MarkdownStyle &style) { m_style = style; }

    [[nodiscard]] const QString &mentionName() const { return m_mentionName; }
    //! The member's user name, without '@'; empty: highlight nothing.
    void setMentionName(const QString &userName) { m_mentionName = userName; }

    //! `markdown` as rich-text HTML (a fragment: paragraphs, lists… no <html> wrapper).
    [[nodiscard]] QString toHtml(QStringView markdown) const;
    //! The words of `markdown` on one line, markdown removed, at most `maxLength` characters
    //! (an ellipsis ends a cut text). For the sidebar and notifications.
    [[nodiscard]] QString toPreview(QStringView markdown,
                                    qsizetype maxLength = kDefaultPreviewLength) const;
    //! True when "@mentionName()" appears in `markdown` outside code (case-insensitive, as a
    //! whole word: "bob@alice.org" and "@alicette" do not mention alice).
    [[nodiscard]] bool mentions(QStringView markdown) const;

private:
    MarkdownStyle m_style;
    QString m_mentionName;
};

} // namespace hearth::app
