// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/timeline.h"

#include "sync/store/details/conversation_rows.h"
#include "sync/store/details/event_ids.h"
#include "sync/store/details/optional_ids.h"
#include "sync/store/details/relations.h"
#include "sync/store/details/unread.h"

#include <algorithm>

namespace hearth::store {

namespace {

constexpr std::string_view kColumns =
    "SELECT conv_id, seq, ts, sender, sender_device, kind, cmid, own, decryption, content_type, "
    "body, payload, reply_seq, reply_cmid, thread_seq, thread_cmid, edited_ts, deleted, "
    "member_action, member_user, member_role, reply_sender, thread_sender, member_trust "
    "FROM events ";

TimelineEvent readEvent(const Statement &row) {
    TimelineEvent event;
    event.conversation = ConversationId{row.uint64(0)};
    event.seq = row.uint64(1);
    event.ts = row.int64(2);
    event.sender = DeviceAddress{UserId{row.text(3)}, DeviceId{row.uint64(4)}};
    event.kind = static_cast<EventKind>(row.int64(5));
    event.cmid = ClientMessageId::fromBytes(row.blob(6));
    event.own = row.boolean(7);
    event.decryption = static_cast<DecryptionState>(row.int64(8));
    event.contentType = row.text(9);
    event.text = row.text(10);
    event.payload = row.blob(11);
    event.replyTo = details::optionalRef(row, 12, 13, 21);
    event.threadRoot = details::optionalRef(row, 14, 15, 22);
    event.editedTs = row.optInt64(16);
    event.deleted = row.boolean(17);
    if (event.kind == EventKind::Membership) {
        MembershipChange change;
        change.action = static_cast<MembershipAction>(row.int64(18));
        change.user = UserId{row.text(19)};
        change.role = details::optionalEnum<Role>(row, 20);
        change.trust = details::optionalEnum<MemberTrust>(row, 23);
        event.membership = change;
    }
    return event;
}

std::string select(std::string_view tail) {
    return std::string(kColumns) + std::string(tail);
}

} // namespace

StoreResult<QList<TimelineEvent>> Timeline::page(std::string_view where,
                                                 ConversationId conversation,
                                                 std::initializer_list<qint64> parameters,
                                                 bool descending) {
    auto query = m_db.prepare(select(where));
    query->bindInt(1, conversation.value);
    int index = 2;
    for (qint64 parameter : parameters)
        query->bindInt(index++, parameter);
    auto events = collectRows<TimelineEvent>(*query, readEvent);
    if (!events)
        return events;
    if (descending)
        std::reverse(events->begin(), events->end());
    if (auto attached = attachReactions(conversation, *events); !attached)
        return attached.error();
    return events;
}

StoreResult<QList<TimelineEvent>> Timeline::latest(ConversationId conversation, int limit) {
    return page("WHERE conv_id = ?1 AND rel_type = 0 ORDER BY seq DESC LIMIT ?2", conversation,
                {limit}, true);
}

StoreResult<QList<TimelineEvent>> Timeline::before(ConversationId conversation, quint64 seq,
                                                   int limit) {
    return page("WHERE conv_id = ?1 AND seq < ?2 AND rel_type = 0 ORDER BY seq DESC LIMIT ?3",
                conversation, {qint64(seq), limit}, true);
}

StoreResult<QList<TimelineEvent>> Timeline::after(ConversationId conversation, quint64 seq,
                                                  int limit) {
    return page("WHERE conv_id = ?1 AND seq > ?2 AND rel_type = 0 ORDER BY seq LIMIT ?3",
                conversation, {qint64(seq), limit}, false);
}

StoreResult<std::optional<TimelineEvent>> Timeline::firstAt(ConversationId conversation,
                                                            qint64 ts) {
    // why: ids are time-ordered (event_ids.h): the walk starts at `ts` rather than at the
    // conversation's first event.
    return single("WHERE conv_id = ?1 AND id >= ?2 AND rel_type = 0 ORDER BY id LIMIT 1",
                  conversation, details::eventIdsAt(ts).first);
}

StoreResult<QList<TimelineEvent>> Timeline::thread(ConversationId conversation, quint64 rootSeq,
                                                   int limit) {
    // why: replies name their root by (sender, cmid); rows from before schema 4 by seq.
    return page("WHERE conv_id = ?1 AND rel_type = 0 AND (thread_seq = ?2 OR ("
                "thread_cmid = (SELECT cmid FROM events WHERE conv_id = ?1 AND seq = ?2) AND "
                "thread_sender = (SELECT sender FROM events WHERE conv_id = ?1 AND seq = ?2))) "
                "ORDER BY seq LIMIT ?3",
                conversation, {qint64(rootSeq), limit}, false);
}

StoreResult<std::optional<TimelineEvent>>
Timeline::single(std::string_view where, ConversationId conversation, qint64 parameter) {
    auto events = page(where, conversation, {parameter}, false);
    if (!events)
        return events.error();
    if (events->isEmpty())
        return std::optional<TimelineEvent>();
    return std::optional(events->front());
}

StoreResult<std::optional<TimelineEvent>> Timeline::event(ConversationId conversation,
                                                          quint64 seq) {
    return single("WHERE conv_id = ?1 AND seq = ?2", conversation, qint64(seq));
}

StoreResult<std::optional<TimelineEvent>> Timeline::find(ConversationId conversation,
                                                         const EventRef &ref) {
    if (ref.seq)
        return event(conversation, *ref.seq);
    auto row = details::findReferencedRow(m_db, conversation, ref);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<TimelineEvent>();
    return single("WHERE conv_id = ?1 AND id = ?2", conversation, **row);
}

StoreStatus Timeline::attachReactions(ConversationId conversation, QList<TimelineEvent> &events) {
    if (events.isEmpty())
        return {};
    auto query = m_db.prepare("SELECT target_seq, emoji, user_id FROM reactions "
                              "WHERE conv_id = ?1 AND target_seq BETWEEN ?2 AND ?3 "
                              "ORDER BY target_seq, emoji, user_id");
    query->bindInt(1, conversation.value).bindInt(2, events.front().seq);
    query->bindInt(3, events.back().seq);
    auto it = events.begin();
    for (;;) {
        auto row = query->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        const quint64 target = query->uint64(0);
        while (it != events.end() && it->seq < target)
            ++it;
        if (it == events.end())
            return {};
        if (it->seq != target)
            continue;
        const QString emoji = query->text(1);
        if (it->reactions.isEmpty() || it->reactions.back().emoji != emoji)
            it->reactions.push_back(ReactionGroup{emoji, {}});
        it->reactions.back().users.push_back(UserId{query->text(2)});
    }
}

StoreResult<TimelineSpan> Timeline::span(ConversationId conversation, qint64 fromTs, qint64 toTs) {
    auto query = m_db.prepare("SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0) "
                              "FROM events WHERE conv_id = ?1 AND rel_type = 0 "
                              "AND ts BETWEEN ?2 AND ?3");
    query->bindInt(1, conversation.value).bindInt(2, fromTs);
    query->bindInt(3, toTs);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return TimelineSpan{};
    return TimelineSpan{query->int64(0), query->uint64(1), query->uint64(2)};
}

StoreResult<qint64> Timeline::unreadCount(ConversationId conversation) {
    auto query = m_db.prepare(details::kUnreadCountSql);
    query->bindInt(1, conversation.value);
    auto row = query->step();
    if (!row)
        return row.error();
    return *row ? query->int64(0) : 0;
}

StoreResult<QList<ConversationSummary>> Timeline::summaries(qint64 unreadCap) {
    return summariesOf(std::nullopt, unreadCap);
}

StoreResult<std::optional<ConversationSummary>> Timeline::summary(ConversationId conversation,
                                                                  qint64 unreadCap) {
    auto one = summariesOf(conversation, unreadCap);
    if (!one)
        return one.error();
    if (one->isEmpty())
        return std::optional<ConversationSummary>();
    return std::optional(one->front());
}

StoreResult<QList<ConversationSummary>> Timeline::summariesOf(std::optional<ConversationId> only,
                                                              qint64 unreadCap) {
    auto query = m_db.prepare(
        "SELECT " + std::string(details::kConversationColumns) +
        ", coalesce(read_markers.seq, 0), " + std::string(details::kCappedUnreadSubquery) +
        ", (SELECT seq FROM events WHERE events.conv_id = conversations.conv_id AND kind = 0 "
        "AND rel_type = 0 ORDER BY seq DESC LIMIT 1) "
        "FROM conversations LEFT JOIN read_markers USING (conv_id) "
        "WHERE ?2 = 0 OR conversations.conv_id = ?2 "
        "ORDER BY conversations.last_activity_ts DESC, conversations.conv_id");
    query->bindInt(1, unreadCap > 0 ? unreadCap : -1);
    query->bindInt(2, only ? qint64(only->value) : 0); // why: conversation ids start at 1
    constexpr int kMarker = details::kConversationColumnCount;
    struct Row {
        ConversationSummary summary;
        std::optional<quint64> lastSeq;
    };
    auto rows = collectRows<Row>(*query, [](const Statement &row) {
        ConversationSummary summary;
        summary.conversation = details::readConversation(row, 0);
        summary.readMarker = row.uint64(kMarker);
        summary.unreadCount = row.int64(kMarker + 1);
        return Row{summary, row.optUint64(kMarker + 2)};
    });
    if (!rows)
        return rows.error();
    QList<ConversationSummary> summaries;
    summaries.reserve(rows->size());
    for (Row &row : *rows) {
        if (row.lastSeq) {
            auto last = event(row.summary.conversation.id, *row.lastSeq);
            if (!last)
                return last.error();
            row.summary.lastMessage = std::move(*last);
        }
        summaries.push_back(std::move(row.summary));
    }
    return summaries;
}

} // namespace hearth::store
