// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/session_store.h"

namespace hearth::store {

//! Group sessions in the profile database (outbound_sessions, inbound_sessions,
//! outbound_session_shares).
class SqlSessionStore final : public SessionStore {
public:
    explicit SqlSessionStore(Database &db)
        : m_db(db) {}

    [[nodiscard]] StoreStatus saveOutbound(const OutboundSessionRecord &record) override;
    [[nodiscard]] StoreResult<std::optional<OutboundSessionRecord>>
    outbound(ConversationId conversation) override;
    [[nodiscard]] StoreStatus removeOutbound(ConversationId conversation) override;
    [[nodiscard]] StoreResult<bool> saveInbound(const InboundSessionRecord &record) override;
    [[nodiscard]] StoreResult<std::optional<InboundSessionRecord>>
    inbound(ConversationId conversation, DeviceId senderDevice,
            const crypto::SessionId &sessionId) override;
    [[nodiscard]] StoreStatus recordShares(ConversationId conversation,
                                           const crypto::SessionId &sessionId,
                                           const QList<DeviceAddress> &devices, quint32 firstIndex,
                                           qint64 ts) override;
    [[nodiscard]] StoreResult<QList<DeviceAddress>>
    shares(ConversationId conversation, const crypto::SessionId &sessionId) override;
    [[nodiscard]] StoreResult<std::optional<quint32>>
    sharedIndex(ConversationId conversation, const crypto::SessionId &sessionId,
                const DeviceAddress &device) override;

private:
    Database &m_db;
};

} // namespace hearth::store
