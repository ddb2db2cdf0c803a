// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/memory_session_store.h"

#include "crypto/secret_view.h"

namespace hearth::store {

namespace {

crypto::SecretBytes copyOf(const crypto::SecretBytes &secret) {
    return crypto::SecretBytes::fromBytes(crypto::secretView(secret));
}

OutboundSessionRecord copyOf(const OutboundSessionRecord &record) {
    return {record.conversation, record.sessionId, copyOf(record.state), record.createdTs,
            record.messageCount};
}

InboundSessionRecord copyOf(const InboundSessionRecord &record) {
    return {record.conversation,  record.sender,     record.sessionId,
            copyOf(record.state), record.firstIndex, record.receivedTs};
}

} // namespace

StoreStatus MemorySessionStore::saveOutbound(const OutboundSessionRecord &record) {
    m_outbound.insert_or_assign(record.conversation.value, copyOf(record));
    return {};
}

StoreResult<std::optional<OutboundSessionRecord>>
MemorySessionStore::outbound(ConversationId conversation) {
    auto it = m_outbound.find(conversation.value);
    if (it == m_outbound.end())
        return std::optional<OutboundSessionRecord>();
    return std::optional(copyOf(it->second));
}

StoreStatus MemorySessionStore::removeOutbound(ConversationId conversation) {
    m_outbound.erase(conversation.value);
    return {};
}

StoreResult<bool> MemorySessionStore::saveInbound(const InboundSessionRecord &record) {
    const InboundKey key{record.conversation.value, record.sender.device.value,
                         record.sessionId.bytes()};
    auto it = m_inbound.find(key);
    if (it != m_inbound.end() && it->second.firstIndex != record.firstIndex)
        return false;
    m_inbound.insert_or_assign(key, copyOf(record));
    return true;
}

StoreResult<std::optional<InboundSessionRecord>>
MemorySessionStore::inbound(ConversationId conversation, DeviceId senderDevice,
                            const crypto::SessionId &sessionId) {
    auto it = m_inbound.find(InboundKey{conversation.value, senderDevice.value, sessionId.bytes()});
    if (it == m_inbound.end())
        return std::optional<InboundSessionRecord>();
    return std::optional(copyOf(it->second));
}

StoreStatus MemorySessionStore::recordShares(ConversationId conversation,
                                             const crypto::SessionId &sessionId,
                                             const QList<DeviceAddress> &devices,
                                             quint32 firstIndex, qint64) {
    auto &shared = m_shares[ShareKey{conversation.value, sessionId.bytes()}];
    for (const DeviceAddress &device : devices) {
        const std::pair<QString, quint64> key{device.user.name, device.device.value};
        if (!shared.contains(key))
            shared.insert(key, Share{device, firstIndex});
    }
    return {};
}

StoreResult<QList<DeviceAddress>> MemorySessionStore::shares(ConversationId conversation,
                                                             const crypto::SessionId &sessionId) {
    auto it = m_shares.find(ShareKey{conversation.value, sessionId.bytes()});
    if (it == m_shares.end())
        return QList<DeviceAddress>();
    QList<DeviceAddress> devices;
    for (const Share &share : it->second)
        devices.append(share.device);
    return devices;
}

StoreResult<std::optional<quint32>>
MemorySessionStore::sharedIndex(ConversationId conversation, const crypto::SessionId &sessionId,
                                const DeviceAddress &device) {
    auto it = m_shares.find(ShareKey{conversation.value, sessionId.bytes()});
    if (it == m_shares.end())
        return std::optional<quint32>();
    auto share = it->second.constFind({device.user.name, device.device.value});
    if (share == it->second.cend())
        return std::optional<quint32>();
    return std::optional(share->firstIndex);
}

} // namespace hearth::store
