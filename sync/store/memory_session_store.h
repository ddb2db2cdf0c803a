// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/session_store.h"

#include <QMap>
#include <map>
#include <tuple>

namespace hearth::store {

//! SessionStore in memory, for unit tests of the sync engine and crypto glue. Same rules as the
//! SQL one; the states stay in guarded memory.
class MemorySessionStore final : public SessionStore {
public:
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
    using InboundKey = std::tuple<quint64, quint64, QByteArray>; // conv, device, session id
    using ShareKey = std::pair<quint64, QByteArray>;             // conv, session id

    std::map<quint64, OutboundSessionRecord> m_outbound;
    std::map<InboundKey, InboundSessionRecord> m_inbound;
    struct Share {
        DeviceAddress device;
        quint32 firstIndex = 0;
    };
    std::map<ShareKey, QMap<std::pair<QString, quint64>, Share>> m_shares;
};

} // namespace hearth::store
