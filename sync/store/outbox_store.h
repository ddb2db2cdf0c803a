// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/store_result.h"
#include "sync/store/types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace hearth::store {

//! A message composed locally and not yet known to be stored by the relay (or just sent).
struct OutboxItem final {
    qint64 id = 0; //!< local order: items go out in ascending id
    ConversationId conversation;
    std::optional<ClientMessageId> cmid; //!< always set for stored items
    QByteArray payload;                  //!< the plaintext content, encrypted at send time
    QByteArray ciphertext; //!< the envelope of the first attempt, reused on retries (may be empty)
    qint64 createdTs = 0;
    OutboxState state = OutboxState::Pending;
    int attempts = 0;           //!< times it went to Sending
    QString lastError;          //!< why it failed (no user data), when Failed
    std::optional<quint64> seq; //!< the relay's seq once Sent
    std::optional<qint64> sentTs;
};

//! The outbox: what the sync engine sends, in order, exactly once (the relay deduplicates by
//! cmid, so a retry after a lost reply is safe). Items survive restarts. States: see OutboxState.
//! Transitions not listed give InvalidArgument; an unknown id gives NotFound.
class OutboxStore {
public:
    virtual ~OutboxStore() = default;

    //! Adds a Pending item at the end of the queue. Conflict when the cmid is already queued.
    [[nodiscard]] virtual StoreResult<OutboxItem> enqueue(ConversationId conversation,
                                                          const ClientMessageId &cmid,
                                                          const QByteArray &payload,
                                                          qint64 createdTs) = 0;
    [[nodiscard]] virtual StoreResult<std::optional<OutboxItem>> item(qint64 id) = 0;
    //! Every item not Sent (Pending, Sending, Failed), oldest first; of one conversation or all.
    [[nodiscard]] virtual StoreResult<QList<OutboxItem>>
    unsent(std::optional<ConversationId> conversation = std::nullopt) = 0;

    //! Pending → Sending; counts an attempt and keeps `ciphertext` (if not empty) for retries.
    [[nodiscard]] virtual StoreStatus markSending(qint64 id, const QByteArray &ciphertext) = 0;
    //! Pending or Sending → Sent with the relay's seq. Repeating it with the same seq is a no-op;
    //! another seq gives Conflict.
    [[nodiscard]] virtual StoreStatus markSent(qint64 id, quint64 seq, qint64 sentTs) = 0;
    //! Pending or Sending → Failed (given up until retry()).
    [[nodiscard]] virtual StoreStatus markFailed(qint64 id, const QString &error) = 0;
    //! Sending or Failed → Pending (connection lost, or the user asked to retry).
    [[nodiscard]] virtual StoreStatus retry(qint64 id) = 0;
    //! Every Sending item back to Pending: call once at start-up (a crash may have left some).
    //! Returns how many moved.
    [[nodiscard]] virtual StoreResult<int> requeueSending() = 0;
    //! Drops an unsent item (Pending or Failed): the user cancelled it.
    [[nodiscard]] virtual StoreStatus cancel(qint64 id) = 0;
    //! Deletes Sent items sent before `beforeTs` (they are in the timeline by then); returns
    //! how many.
    [[nodiscard]] virtual StoreResult<int> purgeSent(qint64 beforeTs) = 0;
};

//! The transition rules shared by the implementations: whether `from` may become `to`.
[[nodiscard]] bool outboxTransitionAllowed(OutboxState from, OutboxState to);

} // namespace hearth::store
