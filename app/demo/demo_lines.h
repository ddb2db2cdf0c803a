// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace hearth::demo {

//! What the members say in live mode: short, in character, rarely the same twice in a row.
class DemoLines final {
public:
    //! Something `member` might drop into the group titled `group`.
    [[nodiscard]] QString chatter(const QString &member, const QString &group);
    //! `member`'s answer in their DM with sam to sam's `message`.
    [[nodiscard]] QString dmReply(const QString &member, const QString &message);
    //! An emoji `member` might react with.
    [[nodiscard]] static QString reaction(const QString &member);

private:
    //! Draws from `pool` without repeats until it is used up (a shuffle bag per key).
    [[nodiscard]] QString draw(const QString &key, const QStringList &pool);

    QHash<QString, QStringList> m_bags;
};

} // namespace hearth::demo
