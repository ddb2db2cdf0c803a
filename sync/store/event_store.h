// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/details/search_index.h"
#include "sync/store/event.h"

#include <QList>
#include <map>
#include <optional>
#include <span>

namespace hearth::store {

//! What insert() did.
enum class InsertOutcome {
    Inserted,  //!< stored (and applied: relations, membership, search index)
    Duplicate, //!< already stored — same (conversation, seq), or same (conversation, sender,
               //!< cmid) — so nothing changed
};

//! Writes conversation events. Every call is idempotent, and relations (edit, delete, react)
//! converge whatever order their events and their targets arrive in: a relation whose target is
//! not stored yet is kept and applied when the target comes.
class EventStore final {
public:
    explicit EventStore(Database &db)
        : m_db(db)
        , m_index(db) {}

    //! Stores one event (in its own transaction scope). InvalidArgument when the event is
    //! inconsistent (seq 0, no sender, a relation without a target, a membership event without
    //! its change, an invalid EventRef).
    [[nodiscard]] StoreResult<InsertOutcome> insert(const IncomingEvent &event);
    //! Stores a batch in one transaction; returns how many were new. Wrap it together with
    //! ConversationStore::advanceCursor in Store::transaction for a catch-up page.
    [[nodiscard]] StoreResult<int> insertAll(std::span<const IncomingEvent> events);

    //! Fills in the content of a Pending or Failed message once it could be decrypted, and
    //! applies it. A message already decrypted is left alone. NotFound for an unknown event.
    [[nodiscard]] StoreStatus resolve(ConversationId conversation, quint64 seq,
                                      const MessageContent &content);
    //! Pending → Failed (the ciphertext stays). No-op for other states.
    [[nodiscard]] StoreStatus markFailed(ConversationId conversation, quint64 seq);
    //! True when this event is stored already: its seq, or for a message its sender's cmid.
    [[nodiscard]] StoreResult<bool> exists(const IncomingEvent &event);
    //! Pending messages waiting for `sessionId` (all pending ones when absent), oldest first.
    [[nodiscard]] StoreResult<QList<UndecryptedEvent>>
    pending(std::optional<crypto::SessionId> sessionId, int limit);

private:
    //! Newest relay time of shown events, per conversation id, to record after a batch.
    using Activity = std::map<quint64, qint64>;

    //! insert() without a transaction scope of its own (the caller provides it).
    [[nodiscard]] StoreResult<InsertOutcome> insertOne(const IncomingEvent &event,
                                                       Activity &activity);
    [[nodiscard]] StoreStatus store(const IncomingEvent &event);
    //! Applies a decrypted message in row `rowId`: its relation target, or its own relations.
    [[nodiscard]] StoreStatus applyMessage(qint64 rowId, ConversationId conversation,
                                           const MessageContent &content);
    [[nodiscard]] StoreStatus applyMembership(const IncomingEvent &event);
    [[nodiscard]] StoreStatus touch(const Activity &activity);

    Database &m_db;
    details::SearchIndex m_index;
};

} // namespace hearth::store
