// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"
#include "crypto/secret_bytes.h"
#include "sync/store/store_result.h"
#include "sync/store/types.h"

#include <QList>
#include <optional>

namespace hearth::store {

//! This device's current sending session in one conversation.
struct OutboundSessionRecord final {
    ConversationId conversation;
    crypto::SessionId sessionId;
    crypto::SecretBytes state; //!< OutboundGroupSession::serialize()
    qint64 createdTs = 0;
    quint32 messageCount = 0; //!< messages sent with it (for the rotation policy)
};

//! A session another device (or this one) sends with, as far as this device can decrypt it.
struct InboundSessionRecord final {
    ConversationId conversation;
    DeviceAddress sender;
    crypto::SessionId sessionId;
    crypto::SecretBytes state; //!< InboundGroupSession::serialize()
    quint32 firstIndex = 0;    //!< the earliest message index the state can decrypt
    qint64 receivedTs = 0;
};

//! Group session state for the crypto code. The blobs are secret: they are returned in
//! sodium-guarded memory, and only ever leave the process encrypted (the database file).
class SessionStore {
public:
    virtual ~SessionStore() = default;

    //! Replaces the conversation's outbound session (a rotation replaces it too).
    [[nodiscard]] virtual StoreStatus saveOutbound(const OutboundSessionRecord &record) = 0;
    [[nodiscard]] virtual StoreResult<std::optional<OutboundSessionRecord>>
    outbound(ConversationId conversation) = 0;
    //! Forgets it, so the next send starts a new session (e.g. after a member left).
    [[nodiscard]] virtual StoreStatus removeOutbound(ConversationId conversation) = 0;

    //! Stores an inbound session unless one with the same (conversation, sender device,
    //! session id) is stored from another index: a copy starting later must not cost the
    //! messages before it, and one starting earlier never replaces it (the sender shared it from
    //! an index on purpose; history before it is not to be widened afterwards). The same first
    //! index replaces it (the ratchet cursor moved on). Returns whether `record` was stored.
    [[nodiscard]] virtual StoreResult<bool> saveInbound(const InboundSessionRecord &record) = 0;
    [[nodiscard]] virtual StoreResult<std::optional<InboundSessionRecord>>
    inbound(ConversationId conversation, DeviceId senderDevice,
            const crypto::SessionId &sessionId) = 0;

    //! Notes that `devices` received outbound session `sessionId` from message index
    //! `firstIndex` (idempotent: a device keeps the index of its first share).
    [[nodiscard]] virtual StoreStatus recordShares(ConversationId conversation,
                                                   const crypto::SessionId &sessionId,
                                                   const QList<DeviceAddress> &devices,
                                                   quint32 firstIndex, qint64 ts) = 0;
    //! The devices `sessionId` was shared with, by user then device.
    [[nodiscard]] virtual StoreResult<QList<DeviceAddress>>
    shares(ConversationId conversation, const crypto::SessionId &sessionId) = 0;
    //! The index `device` was first given `sessionId` from; nullopt when it never was, or when
    //! the share predates schema v4 and its index is unknown.
    [[nodiscard]] virtual StoreResult<std::optional<quint32>>
    sharedIndex(ConversationId conversation, const crypto::SessionId &sessionId,
                const DeviceAddress &device) = 0;
};

} // namespace hearth::store
