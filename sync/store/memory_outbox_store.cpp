// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/memory_outbox_store.h"

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

StoreResult<OutboxItem> MemoryOutboxStore::enqueue(ConversationId conversation,
                                                   const ClientMessageId &cmid,
                                                   const QByteArray &payload, qint64 createdTs) {
    for (const OutboxItem &item : std::as_const(m_items)) {
        if (item.cmid == cmid)
            return storeFailure(StoreError::Conflict, u"(that cmid is already queued)"_s);
    }
    OutboxItem item;
    item.id = ++m_lastId;
    item.conversation = conversation;
    item.cmid = cmid;
    item.payload = payload;
    item.createdTs = createdTs;
    m_items.insert(item.id, item);
    return item;
}

StoreResult<std::optional<OutboxItem>> MemoryOutboxStore::item(qint64 id) {
    auto it = m_items.constFind(id);
    return it == m_items.cend() ? std::nullopt : std::optional(*it);
}

StoreResult<QList<OutboxItem>>
MemoryOutboxStore::unsent(std::optional<ConversationId> conversation) {
    QList<OutboxItem> items;
    for (const OutboxItem &item : std::as_const(m_items)) {
        if (item.state != OutboxState::Sent &&
            (!conversation || item.conversation == *conversation))
            items.push_back(item);
    }
    return items;
}

StoreResult<OutboxItem *> MemoryOutboxStore::itemFor(qint64 id, OutboxState to) {
    auto it = m_items.find(id);
    if (it == m_items.end())
        return storeFailure(StoreError::NotFound, u"(no such outbox item)"_s);
    if (!outboxTransitionAllowed(it->state, to))
        return storeFailure(StoreError::InvalidArgument, u"(outbox transition not allowed)"_s);
    return &*it;
}

StoreStatus MemoryOutboxStore::markSending(qint64 id, const QByteArray &ciphertext) {
    auto item = itemFor(id, OutboxState::Sending);
    if (!item)
        return item.error();
    (*item)->state = OutboxState::Sending;
    ++(*item)->attempts;
    if (!ciphertext.isEmpty())
        (*item)->ciphertext = ciphertext;
    return {};
}

StoreStatus MemoryOutboxStore::markSent(qint64 id, quint64 seq, qint64 sentTs) {
    auto it = m_items.find(id);
    if (it != m_items.end() && it->state == OutboxState::Sent) {
        if (it->seq == seq)
            return {};
        return storeFailure(StoreError::Conflict, u"(outbox item already sent at another seq)"_s);
    }
    auto item = itemFor(id, OutboxState::Sent);
    if (!item)
        return item.error();
    (*item)->state = OutboxState::Sent;
    (*item)->seq = seq;
    (*item)->sentTs = sentTs;
    (*item)->lastError.clear();
    return {};
}

StoreStatus MemoryOutboxStore::markFailed(qint64 id, const QString &error) {
    auto item = itemFor(id, OutboxState::Failed);
    if (!item)
        return item.error();
    (*item)->state = OutboxState::Failed;
    (*item)->lastError = error;
    return {};
}

StoreStatus MemoryOutboxStore::retry(qint64 id) {
    auto item = itemFor(id, OutboxState::Pending);
    if (!item)
        return item.error();
    (*item)->state = OutboxState::Pending;
    return {};
}

StoreResult<int> MemoryOutboxStore::requeueSending() {
    int moved = 0;
    for (OutboxItem &item : m_items) {
        if (item.state == OutboxState::Sending) {
            item.state = OutboxState::Pending;
            ++moved;
        }
    }
    return moved;
}

StoreStatus MemoryOutboxStore::cancel(qint64 id) {
    auto it = m_items.find(id);
    if (it == m_items.end())
        return storeFailure(StoreError::NotFound, u"(no such outbox item)"_s);
    if (it->state != OutboxState::Pending && it->state != OutboxState::Failed)
        return storeFailure(StoreError::InvalidArgument,
                            u"(only pending or failed items can be cancelled)"_s);
    m_items.erase(it);
    return {};
}

StoreResult<int> MemoryOutboxStore::purgeSent(qint64 beforeTs) {
    const auto removed = m_items.removeIf([beforeTs](const auto &entry) {
        const OutboxItem &item = entry.value();
        return item.state == OutboxState::Sent && item.sentTs && *item.sentTs < beforeTs;
    });
    return static_cast<int>(removed);
}

} // namespace hearth::store
