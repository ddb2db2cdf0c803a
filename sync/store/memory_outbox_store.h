// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/outbox_store.h"

#include <QMap>

namespace hearth::store {

//! OutboxStore in memory, for unit tests of the sync engine. Same rules as the SQL one.
class MemoryOutboxStore final : public OutboxStore {
public:
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
    //! The item `id` if it may move to `to` (NotFound / InvalidArgument otherwise).
    [[nodiscard]] StoreResult<OutboxItem *> itemFor(qint64 id, OutboxState to);

    QMap<qint64, OutboxItem> m_items;
    qint64 m_lastId = 0;
};

} // namespace hearth::store
