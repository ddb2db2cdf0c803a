// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/event_store.h"

#include "sync/store/details/conversation_rows.h"
#include "sync/store/details/event_ids.h"
#include "sync/store/details/event_validation.h"
#include "sync/store/details/optional_ids.h"
#include "sync/store/details/relations.h"
#include "sync/store/transaction.h"

#include <algorithm>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

//! Binds the 15 content columns (content_type … thread_sender) from parameter `first` on.
void bindContent(Statement &statement, int first, const std::optional<MessageContent> &content) {
    if (!content) {
        for (int i = 0; i < 15; ++i)
            statement.bindNull(first + i);
        statement.bindInt(first + 3, 0).bindInt(first + 8, 0); // rel_type, rel_moderator
        return;
    }
    const bool shown = content->relation == Relation::None;
    statement.bindText(first, content->contentType);
    statement.bindOptText(first + 1, shown ? std::optional(content->text) : std::nullopt);
    statement.bindBlobOrNull(first + 2, content->payload);
    statement.bindInt(first + 3, int(content->relation));
    details::bindRef(statement, first + 4, content->target);
    statement.bindOptText(first + 7, shown ? std::nullopt : std::optional(content->text));
    statement.bindBool(first + 8, content->byModerator);
    details::bindRef(statement, first + 9, content->replyTo);
    details::bindRef(statement, first + 12, content->threadRoot);
}

} // namespace

StoreResult<InsertOutcome> EventStore::insert(const IncomingEvent &event) {
    return inTransaction(m_db, [&]() -> StoreResult<InsertOutcome> {
        Activity activity;
        auto outcome = insertOne(event, activity);
        if (!outcome)
            return outcome;
        if (auto touched = touch(activity); !touched)
            return touched.error();
        return outcome;
    });
}

StoreResult<int> EventStore::insertAll(std::span<const IncomingEvent> events) {
    // why: one transaction scope for the whole batch, not one per event, and the index written
    // at its end: FTS4 writes a new index segment at every savepoint (see SearchIndex).
    auto result = inTransaction(m_db, [&]() -> StoreResult<int> {
        int inserted = 0;
        Activity activity;
        m_index.beginBatch();
        for (const IncomingEvent &event : events) {
            auto outcome = insertOne(event, activity);
            if (!outcome)
                return outcome.error();
            inserted += *outcome == InsertOutcome::Inserted ? 1 : 0;
        }
        if (auto indexed = m_index.flush(); !indexed)
            return indexed.error();
        if (auto touched = touch(activity); !touched)
            return touched.error();
        return inserted;
    });
    m_index.abandon(); // after a failure: what was deferred was rolled back with the batch
    return result;
}

StoreResult<InsertOutcome> EventStore::insertOne(const IncomingEvent &event, Activity &activity) {
    if (auto valid = details::validateEvent(event); !valid)
        return valid.error();
    auto known = exists(event);
    if (!known)
        return known.error();
    if (*known)
        return InsertOutcome::Duplicate;
    if (auto stored = store(event); !stored)
        return stored.error();
    // Relations are not activity of their own; undecrypted messages show as placeholders.
    const bool shown = event.kind == EventKind::Membership ||
                       event.decryption != DecryptionState::Ok ||
                       event.content.relation == Relation::None;
    if (shown) {
        qint64 &latest = activity[event.conversation.value];
        latest = std::max(latest, event.ts);
    }
    return InsertOutcome::Inserted;
}

StoreResult<bool> EventStore::exists(const IncomingEvent &event) {
    auto bySeq = m_db.prepare("SELECT 1 FROM events WHERE conv_id = ?1 AND seq = ?2");
    bySeq->bindInt(1, event.conversation.value).bindInt(2, event.seq);
    auto found = bySeq->step();
    if (!found || *found || !event.cmid)
        return found;
    // why: a relay replaying a message under a new seq must not show it twice.
    auto byCmid =
        m_db.prepare("SELECT 1 FROM events WHERE conv_id = ?1 AND cmid = ?2 AND sender = ?3");
    byCmid->bindInt(1, event.conversation.value).bindBlob(2, event.cmid->bytes());
    byCmid->bindText(3, event.sender.user.name);
    return byCmid->step();
}

StoreStatus EventStore::store(const IncomingEvent &event) {
    if (auto known = details::ensureConversation(m_db, event.conversation); !known)
        return known;
    auto id = details::allocateEventId(m_db, event.ts);
    if (!id)
        return id.error();
    auto insert = m_db.prepare(
        "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, cmid, own, "
        "decryption, ciphertext, session_id, member_action, member_user, member_role, "
        "content_type, body, payload, rel_type, rel_seq, rel_cmid, rel_sender, rel_text, "
        "rel_moderator, reply_seq, reply_cmid, reply_sender, thread_seq, thread_cmid, "
        "thread_sender, member_trust) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "coalesce((SELECT user_id FROM account WHERE id = 1) = ?5, 0), "
        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
        "?27, ?28, ?29, ?30)");
    insert->bindInt(1, *id).bindInt(2, event.conversation.value).bindInt(3, event.seq);
    insert->bindInt(4, event.ts).bindText(5, event.sender.user.name);
    insert->bindInt(6, event.sender.device.value).bindInt(7, int(event.kind));
    insert->bindBlobOrNull(8, event.cmid ? event.cmid->bytes() : QByteArray());
    const bool decrypted = event.decryption == DecryptionState::Ok;
    const bool hasContent = event.kind == EventKind::Message && decrypted;
    insert->bindInt(9, int(event.decryption));
    insert->bindBlobOrNull(10, decrypted ? QByteArray() : event.ciphertext);
    insert->bindBlobOrNull(11,
                           event.sessionId && !decrypted ? event.sessionId->bytes() : QByteArray());
    const auto &membership = event.membership;
    insert->bindOptInt(12, membership ? std::optional(int(membership->action)) : std::nullopt);
    insert->bindOptText(13, membership ? std::optional(membership->user.name) : std::nullopt);
    insert->bindOptInt(14, membership ? details::enumOrNull(membership->role) : std::nullopt);
    bindContent(*insert, 15, hasContent ? std::optional(event.content) : std::nullopt);
    insert->bindOptInt(30, membership ? details::enumOrNull(membership->trust) : std::nullopt);
    if (auto inserted = insert->run(); !inserted)
        return inserted;
    if (hasContent && event.content.relation == Relation::None) {
        if (auto indexed = m_index.add(*id, event.content.text); !indexed)
            return indexed;
    }

    if (event.kind == EventKind::Membership)
        return applyMembership(event);
    if (!hasContent)
        return {};
    return applyMessage(*id, event.conversation, event.content);
}

StoreStatus EventStore::applyMessage(qint64 rowId, ConversationId conversation,
                                     const MessageContent &content) {
    if (content.relation == Relation::None)
        return details::refreshRelations(m_db, m_index, rowId);
    auto target = details::findReferencedRow(m_db, conversation, *content.target);
    if (!target)
        return target.error();
    if (!*target)
        return {}; // kept: applied when the target arrives
    return details::refreshRelations(m_db, m_index, **target);
}

StoreStatus EventStore::applyMembership(const IncomingEvent &event) {
    const MembershipChange &change = *event.membership;
    // why: only what verified changes the members (keys go to members); a relay's own removal
    // may only remove. Everything else is kept as an event, to show, and applied to nothing.
    const bool removal =
        change.action == MembershipAction::Remove || change.action == MembershipAction::Leave;
    if (change.trust != MemberTrust::Signed && !(change.trust == MemberTrust::ByRelay && removal))
        return {};
    if (change.action == MembershipAction::Create) {
        auto describe = m_db.prepare("UPDATE conversations SET kind = coalesce(kind, ?2), "
                                     "title = CASE title WHEN '' THEN ?3 ELSE title END "
                                     "WHERE conv_id = ?1");
        describe->bindInt(1, event.conversation.value);
        describe->bindOptInt(2, details::enumOrNull(change.conversationKind));
        describe->bindText(3, change.title);
        if (auto described = describe->run(); !described)
            return described;
    }
    details::MemberState state;
    state.role = change.role;
    switch (change.action) {
    case MembershipAction::Create:
    case MembershipAction::Add:
        state.joinedSeq = change.action == MembershipAction::Create ? 1 : event.seq;
        break;
    case MembershipAction::Remove:
    case MembershipAction::Leave:
        state.present = false;
        state.leftSeq = event.seq;
        break;
    case MembershipAction::Role:
        break;
    }
    return details::applyMemberState(m_db, event.conversation, change.user, state, event.seq);
}

StoreStatus EventStore::touch(const Activity &activity) {
    // why: once per batch, not per event. An UPDATE of a table with foreign keys runs in a
    // statement transaction, which makes FTS4 flush its pending terms (see schema_v1.cpp).
    for (const auto &[conversation, ts] : activity) {
        auto update = m_db.prepare("UPDATE conversations SET last_activity_ts = ?2 "
                                   "WHERE conv_id = ?1 AND last_activity_ts < ?2");
        if (auto updated = update->bindInt(1, conversation).bindInt(2, ts).run(); !updated)
            return updated;
    }
    return {};
}

StoreStatus EventStore::resolve(ConversationId conversation, quint64 seq,
                                const MessageContent &content) {
    if (auto valid = details::validateContent(content); !valid)
        return valid;
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto row = m_db.prepare("SELECT id, decryption FROM events "
                                "WHERE conv_id = ?1 AND seq = ?2 AND kind = 0");
        row->bindInt(1, conversation.value).bindInt(2, seq);
        auto found = row->step();
        if (!found)
            return found.error();
        if (!*found)
            return storeFailure(StoreError::NotFound, u"(no such message)"_s);
        const qint64 rowId = row->int64(0);
        if (static_cast<DecryptionState>(row->int64(1)) == DecryptionState::Ok)
            return {}; // already decrypted: idempotent
        auto update =
            m_db.prepare("UPDATE events SET decryption = 0, ciphertext = NULL, session_id = NULL, "
                         "content_type = ?2, body = ?3, payload = ?4, rel_type = ?5, rel_seq = ?6, "
                         "rel_cmid = ?7, rel_sender = ?8, rel_text = ?9, rel_moderator = ?10, "
                         "reply_seq = ?11, reply_cmid = ?12, reply_sender = ?13, thread_seq = ?14, "
                         "thread_cmid = ?15, thread_sender = ?16 WHERE id = ?1");
        update->bindInt(1, rowId);
        bindContent(*update, 2, content);
        if (auto updated = update->run(); !updated)
            return updated;
        if (content.relation == Relation::None) {
            if (auto indexed = m_index.add(rowId, content.text); !indexed)
                return indexed;
        }
        return applyMessage(rowId, conversation, content);
    });
}

StoreStatus EventStore::markFailed(ConversationId conversation, quint64 seq) {
    auto update = m_db.prepare("UPDATE events SET decryption = 2 "
                               "WHERE conv_id = ?1 AND seq = ?2 AND decryption = 1");
    return update->bindInt(1, conversation.value).bindInt(2, seq).run();
}

StoreResult<QList<UndecryptedEvent>> EventStore::pending(std::optional<crypto::SessionId> sessionId,
                                                         int limit) {
    constexpr std::string_view kColumns = "SELECT conv_id, seq, ts, sender, sender_device, "
                                          "decryption, ciphertext, session_id, cmid FROM events ";
    auto query =
        sessionId ? m_db.prepare(std::string(kColumns) + "WHERE decryption = 1 AND session_id = ?1 "
                                                         "ORDER BY conv_id, seq LIMIT ?2")
                  : m_db.prepare(std::string(kColumns) +
                                 "WHERE decryption = 1 ORDER BY conv_id, seq LIMIT ?2");
    if (sessionId)
        query->bindBlob(1, sessionId->bytes());
    query->bindInt(2, limit);
    return collectRows<UndecryptedEvent>(*query, [](const Statement &row) {
        return UndecryptedEvent{ConversationId{row.uint64(0)},
                                row.uint64(1),
                                row.int64(2),
                                DeviceAddress{UserId{row.text(3)}, DeviceId{row.uint64(4)}},
                                static_cast<DecryptionState>(row.int64(5)),
                                row.blob(6),
                                row.blob(7),
                                ClientMessageId::fromBytes(row.blob(8))};
    });
}

} // namespace hearth::store
