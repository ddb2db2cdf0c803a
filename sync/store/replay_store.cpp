// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/replay_store.h"

#include "sync/store/statement.h"

namespace hearth::store {

StoreResult<bool> ReplayStore::recordGroupMessage(ConversationId conversation,
                                                  DeviceId senderDevice,
                                                  const crypto::SessionId &sessionId, quint32 index,
                                                  quint64 seq) {
    auto insert = m_db.prepare(
        "INSERT OR IGNORE INTO group_message_indices (conv_id, sender_device, session_id, "
        "msg_index, seq) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert->bindInt(1, conversation.value).bindInt(2, senderDevice.value);
    insert->bindBlob(3, sessionId.bytes()).bindInt(4, index).bindInt(5, seq);
    if (auto inserted = insert->run(); !inserted)
        return inserted.error();
    if (m_db.changes() > 0)
        return true;
    auto replayed = replayedGroupMessage(conversation, senderDevice, sessionId, index, seq);
    if (!replayed)
        return replayed.error();
    return !*replayed;
}

StoreResult<bool> ReplayStore::replayedGroupMessage(ConversationId conversation,
                                                    DeviceId senderDevice,
                                                    const crypto::SessionId &sessionId,
                                                    quint32 index, quint64 seq) {
    auto known = m_db.prepare("SELECT seq FROM group_message_indices WHERE conv_id = ?1 AND "
                              "sender_device = ?2 AND session_id = ?3 AND msg_index = ?4");
    known->bindInt(1, conversation.value).bindInt(2, senderDevice.value);
    known->bindBlob(3, sessionId.bytes()).bindInt(4, index);
    auto found = known->step();
    if (!found)
        return found.error();
    return *found && known->uint64(0) != seq;
}

StoreResult<bool> ReplayStore::recordPairwise(const DeviceAddress &sender,
                                              const crypto::MessageId &id, qint64 timestampMs) {
    auto insert = m_db.prepare("INSERT OR IGNORE INTO pairwise_seen (sender_user, sender_device, "
                               "message_id, sent_ts) VALUES (?1, ?2, ?3, ?4)");
    insert->bindText(1, sender.user.name).bindInt(2, sender.device.value);
    insert->bindBlob(3, id.bytes()).bindInt(4, timestampMs);
    if (auto inserted = insert->run(); !inserted)
        return inserted.error();
    return m_db.changes() > 0;
}

bool SqlReplayGuard::remember(const DeviceAddress &sender, const crypto::MessageId &id,
                              qint64 timestampMs) {
    auto recorded = m_store.recordPairwise(sender, id, timestampMs);
    return recorded && *recorded;
}

} // namespace hearth::store
