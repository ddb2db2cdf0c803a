// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/setting_names.h"
#include "sync/store/store.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace hearth::app {

//! One conversation as the sidebar shows it.
struct ConversationRow final {
    quint64 id = 0;
    QString title; //!< for a DM: the other member's name
    QString kind;  //!< "dm", "group", "channel"
    QString peer;  //!< DMs: the other member
    qint64 unreadCount = 0;
    QString lastMessageText; //!< plain, one line
    QString lastMessageSender;
    QDateTime lastMessageTime;
    bool muted = false;
    QString notificationLevel; //!< "all", "mentions", "none"
    QString draft;
    bool member = true; //!< false once the account left or was removed
    //! The conversation's membership warning: "", "refused" (a change did not verify) or
    //! "fork" (members were shown different membership histories).
    QString membershipAlert;
    friend bool operator==(const ConversationRow &, const ConversationRow &) = default;
};

using engine::notificationLevelFrom;
using engine::notificationLevelName;

//! The sidebar's rows, most recent activity first; runs on a reader.
[[nodiscard]] store::StoreResult<QList<ConversationRow>> loadConversationRows(store::Store &store,
                                                                              const QString &self);

//! One conversation's row (as loadConversationRows has it); nullopt when it is unknown. Runs on
//! a reader.
[[nodiscard]] store::StoreResult<std::optional<ConversationRow>>
loadConversationRow(store::Store &store, const QString &self, hearth::ConversationId id);

//! The sidebar's order: the newest message (or unsent message, or activity) first.
[[nodiscard]] bool newerFirst(const ConversationRow &a, const ConversationRow &b);

//! A message body as one line of plain text for previews (markdown marks dropped).
[[nodiscard]] QString previewText(const store::TimelineEvent &event);

} // namespace hearth::app
