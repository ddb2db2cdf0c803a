// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/types.h"

#include <QString>
#include <optional>

namespace hearth::store {

//! A conversation as stored locally.
struct Conversation final {
    ConversationId id;
    std::optional<ConversationKind> kind; //!< unknown until `convs` or the create event is seen
    QString title;
    std::optional<Role> ownRole;    //!< the account's role (its last one, if it left)
    quint64 joinedSeq = 0;          //!< start of the account's current or last window
    std::optional<quint64> leftSeq; //!< set while the account is not a member
    NotificationLevel notificationLevel = NotificationLevel::All;
    bool muted = false;
    qint64 lastActivityTs = 0; //!< relay time of the newest shown event
    QString draft;             //!< unsent text the user left in the composer
    MembershipAlert membershipAlert = MembershipAlert::None; //!< shown until dismissed
    //! Stored before signed membership: its members are frozen as they were accepted then.
    bool legacyMembership = false;
};

//! One entry of the relay's `convs` reply.
struct ConversationInfo final {
    ConversationId id;
    ConversationKind kind = ConversationKind::Group;
    QString title;
    Role ownRole = Role::Member;
    quint64 lastSeq = 0; //!< the snapshot is as of this seq
    quint64 joinedSeq = 0;
    std::optional<quint64> leftSeq;
};

//! A current member of a conversation.
struct Member final {
    UserId user;
    Role role = Role::Member;
    quint64 joinedSeq = 0;
    friend bool operator==(const Member &, const Member &) = default;
};

} // namespace hearth::store
