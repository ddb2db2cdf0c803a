// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/sql_session_store.h"

#include "sync/store/transaction.h"

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

std::optional<crypto::SessionId> sessionIdOf(const Statement &row, int column) {
    return crypto::SessionId::fromBytes(row.blob(column));
}

StoreFailure damagedSession() {
    return storeFailure(StoreError::Corrupt, u"(a stored session id is malformed)"_s);
}

} // namespace

StoreStatus SqlSessionStore::saveOutbound(const OutboundSessionRecord &record) {
    auto save = m_db.prepare("INSERT OR REPLACE INTO outbound_sessions (conv_id, session_id, "
                             "state, created_ts, message_count) VALUES (?1, ?2, ?3, ?4, ?5)");
    save->bindInt(1, record.conversation.value).bindBlob(2, record.sessionId.bytes());
    save->bindSecret(3, record.state).bindInt(4, record.createdTs);
    return save->bindInt(5, record.messageCount).run();
}

StoreResult<std::optional<OutboundSessionRecord>>
SqlSessionStore::outbound(ConversationId conversation) {
    auto query = m_db.prepare("SELECT session_id, state, created_ts, message_count "
                              "FROM outbound_sessions WHERE conv_id = ?1");
    query->bindInt(1, conversation.value);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<OutboundSessionRecord>();
    auto id = sessionIdOf(*query, 0);
    if (!id)
        return damagedSession();
    return std::optional(OutboundSessionRecord{conversation, *id, query->secret(1), query->int64(2),
                                               static_cast<quint32>(query->int64(3))});
}

StoreStatus SqlSessionStore::removeOutbound(ConversationId conversation) {
    auto remove = m_db.prepare("DELETE FROM outbound_sessions WHERE conv_id = ?1");
    return remove->bindInt(1, conversation.value).run();
}

StoreResult<bool> SqlSessionStore::saveInbound(const InboundSessionRecord &record) {
    return inTransaction(m_db, [&]() -> StoreResult<bool> {
        auto existing = m_db.prepare("SELECT first_index FROM inbound_sessions WHERE conv_id = ?1 "
                                     "AND sender_device = ?2 AND session_id = ?3");
        existing->bindInt(1, record.conversation.value).bindInt(2, record.sender.device.value);
        existing->bindBlob(3, record.sessionId.bytes());
        auto found = existing->step();
        if (!found)
            return found.error();
        // why: neither a later copy (it would lose messages) nor an earlier one (it would widen
        // the history this device reads past what its share allowed) replaces a session.
        if (*found && static_cast<quint32>(existing->int64(0)) != record.firstIndex)
            return false;
        auto save = m_db.prepare(
            "INSERT OR REPLACE INTO inbound_sessions (conv_id, sender_user, sender_device, "
            "session_id, state, first_index, received_ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        save->bindInt(1, record.conversation.value).bindText(2, record.sender.user.name);
        save->bindInt(3, record.sender.device.value).bindBlob(4, record.sessionId.bytes());
        save->bindSecret(5, record.state).bindInt(6, record.firstIndex);
        save->bindInt(7, record.receivedTs);
        if (auto saved = save->run(); !saved)
            return saved.error();
        return true;
    });
}

StoreResult<std::optional<InboundSessionRecord>>
SqlSessionStore::inbound(ConversationId conversation, DeviceId senderDevice,
                         const crypto::SessionId &sessionId) {
    auto query = m_db.prepare("SELECT sender_user, state, first_index, received_ts "
                              "FROM inbound_sessions WHERE conv_id = ?1 AND sender_device = ?2 "
                              "AND session_id = ?3");
    query->bindInt(1, conversation.value).bindInt(2, senderDevice.value);
    query->bindBlob(3, sessionId.bytes());
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<InboundSessionRecord>();
    return std::optional(InboundSessionRecord{
        conversation, DeviceAddress{UserId{query->text(0)}, senderDevice}, sessionId,
        query->secret(1), static_cast<quint32>(query->int64(2)), query->int64(3)});
}

StoreStatus SqlSessionStore::recordShares(ConversationId conversation,
                                          const crypto::SessionId &sessionId,
                                          const QList<DeviceAddress> &devices, quint32 firstIndex,
                                          qint64 ts) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        for (const DeviceAddress &device : devices) {
            auto insert = m_db.prepare(
                "INSERT OR IGNORE INTO outbound_session_shares (conv_id, session_id, user_id, "
                "device_id, shared_ts, shared_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            insert->bindInt(1, conversation.value).bindBlob(2, sessionId.bytes());
            insert->bindText(3, device.user.name).bindInt(4, device.device.value);
            if (auto inserted = insert->bindInt(5, ts).bindInt(6, firstIndex).run(); !inserted)
                return inserted;
        }
        return {};
    });
}

StoreResult<QList<DeviceAddress>> SqlSessionStore::shares(ConversationId conversation,
                                                          const crypto::SessionId &sessionId) {
    auto query = m_db.prepare("SELECT user_id, device_id FROM outbound_session_shares "
                              "WHERE conv_id = ?1 AND session_id = ?2 ORDER BY user_id, device_id");
    query->bindInt(1, conversation.value).bindBlob(2, sessionId.bytes());
    return collectRows<DeviceAddress>(*query, [](const Statement &row) {
        return DeviceAddress{UserId{row.text(0)}, DeviceId{row.uint64(1)}};
    });
}

StoreResult<std::optional<quint32>> SqlSessionStore::sharedIndex(ConversationId conversation,
                                                                 const crypto::SessionId &sessionId,
                                                                 const DeviceAddress &device) {
    auto query = m_db.prepare("SELECT shared_index FROM outbound_session_shares WHERE conv_id = ?1 "
                              "AND session_id = ?2 AND user_id = ?3 AND device_id = ?4");
    query->bindInt(1, conversation.value).bindBlob(2, sessionId.bytes());
    query->bindText(3, device.user.name).bindInt(4, device.device.value);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row || query->isNull(0))
        return std::optional<quint32>();
    return std::optional(static_cast<quint32>(query->int64(0)));
}

} // namespace hearth::store
