// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/outbox_store.h"

namespace hearth::store {

//! The outbox in the profile database (table `outbox`).
class SqlOutboxStore final : public OutboxStore {
public:
    explicit SqlOutboxStore(Database &db)
        : m_db(db) {}

    [[nodiscard]] StoreResult<OutboxItem> enqueue(ConversationId conversation,
                                                  const ClientMessageId &cmid,
                                                  const QByteArray &payload,
                                                  qint64 createdTs) override;
    [[nodiscard]] StoreResult<std::optional<OutboxItem>> item(qint64 id) override;
    [[nodiscard]] StoreResult<QList<OutboxItem>>
    unsent(std::optional<ConversationId> conversation = std::nullopt) override;
    [[nodiscard]] StoreStatus markSending(qint64 id, const QByteArray &ciphertext) override;
    [[nodiscard]] StoreStatus markSent(qint64 id, quint64 seq, qint64 sentTs) override;
    [[nodiscard]] StoreStatus markFailed(qint64 id, const QString &error) override;
    [[nodiscard]] StoreStatus retry(qint64 id) override;
    [[nodiscard]] StoreResult<int> requeueSending() override;
    [[nodiscard]] StoreStatus cancel(qint64 id) override;
    [[nodiscard]] StoreResult<int> purgeSent(qint64 beforeTs) override;

private:
    //! Loads item `id` and checks that it may move to `to` (NotFound / InvalidArgument).
    [[nodiscard]] StoreResult<OutboxItem> itemFor(qint64 id, OutboxState to);

    Database &m_db;
};

} // namespace hearth::store
