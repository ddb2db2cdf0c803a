// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/sql_outbox_store.h"

#include "sync/store/details/conversation_rows.h"
#include "sync/store/transaction.h"

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr std::string_view kColumns = "SELECT id, conv_id, cmid, payload, ciphertext, created_ts, "
                                      "state, attempts, last_error, seq, sent_ts FROM outbox ";

OutboxItem readItem(const Statement &row) {
    OutboxItem item;
    item.id = row.int64(0);
    item.conversation = ConversationId{row.uint64(1)};
    item.cmid = ClientMessageId::fromBytes(row.blob(2));
    item.payload = row.blob(3);
    item.ciphertext = row.blob(4);
    item.createdTs = row.int64(5);
    item.state = static_cast<OutboxState>(row.int64(6));
    item.attempts = static_cast<int>(row.int64(7));
    item.lastError = row.text(8);
    item.seq = row.optUint64(9);
    item.sentTs = row.optInt64(10);
    return item;
}

std::string sql(std::string_view tail) {
    return std::string(kColumns) + std::string(tail);
}

} // namespace

StoreResult<OutboxItem> SqlOutboxStore::enqueue(ConversationId conversation,
                                                const ClientMessageId &cmid,
                                                const QByteArray &payload, qint64 createdTs) {
    return inTransaction(m_db, [&]() -> StoreResult<OutboxItem> {
        if (auto known = details::ensureConversation(m_db, conversation); !known)
            return known.error();
        auto insert = m_db.prepare("INSERT INTO outbox (conv_id, cmid, payload, created_ts) "
                                   "VALUES (?1, ?2, ?3, ?4)");
        insert->bindInt(1, conversation.value).bindBlob(2, cmid.bytes());
        insert->bindBlob(3, payload).bindInt(4, createdTs);
        if (auto inserted = insert->run(); !inserted) {
            if (inserted.error().code == StoreError::Conflict)
                return storeFailure(StoreError::Conflict, u"(that cmid is already queued)"_s);
            return inserted.error();
        }
        auto stored = item(m_db.lastInsertRowId());
        if (!stored)
            return stored.error();
        return std::move(**stored);
    });
}

StoreResult<std::optional<OutboxItem>> SqlOutboxStore::item(qint64 id) {
    auto query = m_db.prepare(sql("WHERE id = ?1"));
    query->bindInt(1, id);
    return firstRow<OutboxItem>(*query, readItem);
}

StoreResult<QList<OutboxItem>> SqlOutboxStore::unsent(std::optional<ConversationId> conversation) {
    auto query = m_db.prepare(sql("WHERE state <> 2 AND (?1 IS NULL OR conv_id = ?1) ORDER BY id"));
    query->bindOptInt(1, conversation ? std::optional(conversation->value) : std::nullopt);
    return collectRows<OutboxItem>(*query, readItem);
}

StoreResult<OutboxItem> SqlOutboxStore::itemFor(qint64 id, OutboxState to) {
    auto found = item(id);
    if (!found)
        return found.error();
    if (!*found)
        return storeFailure(StoreError::NotFound, u"(no such outbox item)"_s);
    if (!outboxTransitionAllowed((*found)->state, to))
        return storeFailure(
            StoreError::InvalidArgument,
            u"(outbox item cannot go from state %1 to %2)"_s.arg(int((*found)->state))
                .arg(int(to)));
    return std::move(**found);
}

StoreStatus SqlOutboxStore::markSending(qint64 id, const QByteArray &ciphertext) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto checked = itemFor(id, OutboxState::Sending); !checked)
            return checked.error();
        auto update = m_db.prepare("UPDATE outbox SET state = 1, attempts = attempts + 1, "
                                   "ciphertext = coalesce(?2, ciphertext) WHERE id = ?1");
        return update->bindInt(1, id).bindBlobOrNull(2, ciphertext).run();
    });
}

StoreStatus SqlOutboxStore::markSent(qint64 id, quint64 seq, qint64 sentTs) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto found = item(id);
        if (!found)
            return found.error();
        if (*found && (*found)->state == OutboxState::Sent) {
            if ((*found)->seq == seq)
                return {};
            return storeFailure(StoreError::Conflict,
                                u"(outbox item already sent at another seq)"_s);
        }
        if (auto checked = itemFor(id, OutboxState::Sent); !checked)
            return checked.error();
        auto update = m_db.prepare("UPDATE outbox SET state = 2, seq = ?2, sent_ts = ?3, "
                                   "last_error = NULL WHERE id = ?1");
        return update->bindInt(1, id).bindInt(2, seq).bindInt(3, sentTs).run();
    });
}

StoreStatus SqlOutboxStore::markFailed(qint64 id, const QString &error) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto checked = itemFor(id, OutboxState::Failed); !checked)
            return checked.error();
        auto update = m_db.prepare("UPDATE outbox SET state = 3, last_error = ?2 WHERE id = ?1");
        return update->bindInt(1, id).bindText(2, error).run();
    });
}

StoreStatus SqlOutboxStore::retry(qint64 id) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto checked = itemFor(id, OutboxState::Pending); !checked)
            return checked.error();
        auto update = m_db.prepare("UPDATE outbox SET state = 0 WHERE id = ?1");
        return update->bindInt(1, id).run();
    });
}

StoreResult<int> SqlOutboxStore::requeueSending() {
    auto update = m_db.prepare("UPDATE outbox SET state = 0 WHERE state = 1");
    if (auto updated = update->run(); !updated)
        return updated.error();
    return m_db.changes();
}

StoreStatus SqlOutboxStore::cancel(qint64 id) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto found = item(id);
        if (!found)
            return found.error();
        if (!*found)
            return storeFailure(StoreError::NotFound, u"(no such outbox item)"_s);
        const OutboxState state = (*found)->state;
        if (state != OutboxState::Pending && state != OutboxState::Failed)
            return storeFailure(StoreError::InvalidArgument,
                                u"(only pending or failed items can be cancelled)"_s);
        auto remove = m_db.prepare("DELETE FROM outbox WHERE id = ?1");
        return remove->bindInt(1, id).run();
    });
}

StoreResult<int> SqlOutboxStore::purgeSent(qint64 beforeTs) {
    auto remove = m_db.prepare("DELETE FROM outbox WHERE state = 2 AND sent_ts < ?1");
    if (auto removed = remove->bindInt(1, beforeTs).run(); !removed)
        return removed.error();
    return m_db.changes();
}

} // namespace hearth::store
