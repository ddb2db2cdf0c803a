// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/conversation_cache.h"
#include "relay/storage/storage.h"
#include "sync/protocol/message_parts.h"

namespace hearth::relay {

//! Fields of a relay-written membership event.
struct MembershipChange {
    QString action;
    QString user;
    QString role;
    QString convKind; //!< create events only
    QString title;    //!< create events only
    QByteArray op;    //!< the signed change (crypto::MembershipOp bytes), stored and served as is
};

//! Inside a write operation: gives `event` the conversation's next sequence number and
//! stores it. False on a storage failure (the batch then rolls back and the cache is dropped).
[[nodiscard]] bool appendToLog(Storage &storage, ConversationState &state, EventRecord &event);

//! A membership event by `actor` (not yet stored).
[[nodiscard]] EventRecord membershipEvent(const ConversationState &state, AccountId actor,
                                          const QString &actorName, DeviceId actorDevice,
                                          qint64 nowMs, const MembershipChange &change);

//! The event as sync replies and event pushes carry it.
[[nodiscard]] protocol::Event toWire(const EventRecord &event);
//! An encoded {"t":"event"} push frame.
[[nodiscard]] QByteArray encodeEventPush(const EventRecord &event);

} // namespace hearth::relay
