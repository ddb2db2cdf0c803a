// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/types.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hearth::demo {

//! One conversation of the demo community, played from its script.
struct DemoConversation final {
    QString script; //!< resource name under app/demo/scripts/ (without .txt)
    hearth::ConversationKind kind = hearth::ConversationKind::Group;
    QString title;       //!< empty for DMs
    QString owner;       //!< creates it
    QStringList members; //!< everyone else in it
    //! Messages from others sam has not read yet (the newest ones); 0: sam has read it all.
    int unreadForSam = 0;
    //! The busy group: the one whose history a seed run may shorten (SeedOptions::historySize).
    bool busy = false;
};

//! The community, in creation order.
[[nodiscard]] QList<DemoConversation> demoConversations();

//! A sentence about each member, for people reading the scripts (and `--help`).
[[nodiscard]] QString demoCast();

} // namespace hearth::demo
