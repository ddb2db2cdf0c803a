// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: where "@name" mentions one user in a run of text.

#include <QList>
#include <QString>

namespace hearth::app::details {

//! Finds "@name" (case-insensitive) standing as a word: not preceded by a letter, digit or '_'
//! (so e-mail addresses do not count) and not followed by one, nor by '-', '_' or a '.' that
//! continues a longer name ("@alice." ends a sentence; "@alice.smith" is someone else).
class MentionMatcher final {
public:
    struct Match final {
        qsizetype start = 0;  //!< index of the '@'
        qsizetype length = 0; //!< '@' and the name
    };

    //! `name` without the '@'; an empty name matches nothing.
    explicit MentionMatcher(QString name = {})
        : m_name(std::move(name)) {}

    [[nodiscard]] bool isEmpty() const { return m_name.isEmpty(); }
    [[nodiscard]] QList<Match> find(QStringView text) const;
    [[nodiscard]] bool matches(QStringView text) const { return !find(text).isEmpty(); }

private:
    QString m_name;
};

} // namespace hearth::app::details
