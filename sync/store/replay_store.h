// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/replay_guard.h"
#include "sync/store/database.h"
#include "sync/store/types.h"

namespace hearth::store {

//! What was accepted once and must not be accepted again, kept in the profile database so a
//! restart does not forget it (tables `group_message_indices` and `pairwise_seen`, schema v3).
//! Call it inside the transaction that stores what the message carried: a rollback then
//! forgets both, and the message is accepted when it comes again.
class ReplayStore final {
public:
    explicit ReplayStore(Database &db)
        : m_db(db) {}

    //! Records that event `seq` of `conversation` is message `index` of group session
    //! `sessionId` sent by `senderDevice` (authenticated: after decryption). False when that
    //! message was recorded under another seq: the event is a replay. Recording the same seq
    //! again is true (idempotent).
    [[nodiscard]] StoreResult<bool> recordGroupMessage(ConversationId conversation,
                                                       DeviceId senderDevice,
                                                       const crypto::SessionId &sessionId,
                                                       quint32 index, quint64 seq);
    //! Whether that message was recorded under another seq than `seq` (records nothing).
    [[nodiscard]] StoreResult<bool> replayedGroupMessage(ConversationId conversation,
                                                         DeviceId senderDevice,
                                                         const crypto::SessionId &sessionId,
                                                         quint32 index, quint64 seq);
    //! Records pairwise message `id` from `sender`; false when it was recorded before.
    [[nodiscard]] StoreResult<bool> recordPairwise(const DeviceAddress &sender,
                                                   const crypto::MessageId &id, qint64 timestampMs);

private:
    Database &m_db;
};

//! crypto::ReplayGuard over ReplayStore::recordPairwise. A store failure refuses the message
//! (safe side: the relay's copy is gone, but an unreadable store cannot keep keys anyway).
class SqlReplayGuard final : public crypto::ReplayGuard {
public:
    explicit SqlReplayGuard(Database &db)
        : m_store(db) {}

    [[nodiscard]] bool remember(const DeviceAddress &sender, const crypto::MessageId &id,
                                qint64 timestampMs) override;

private:
    ReplayStore m_store;
};

} // namespace hearth::store
