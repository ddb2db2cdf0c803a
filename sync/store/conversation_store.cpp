// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/conversation_store.h"

#include "sync/store/details/conversation_rows.h"
#include "sync/store/transaction.h"

#include <QSet>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

std::string select(std::string_view tail) {
    return "SELECT " + std::string(details::kConversationColumns) + " FROM conversations " +
           std::string(tail);
}

Conversation readConversation(const Statement &row) {
    return details::readConversation(row, 0);
}

} // namespace

StoreStatus ConversationStore::upsert(const ConversationInfo &info) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto known = details::ensureConversation(m_db, info.id); !known)
            return known;
        // why: a conversation's signed creation, not the relay's word, says its kind and title.
        auto update = m_db.prepare("UPDATE conversations SET kind = ?2, title = ?3 "
                                   "WHERE conv_id = ?1 AND NOT EXISTS "
                                   "(SELECT 1 FROM membership_chains WHERE conv_id = ?1)");
        update->bindInt(1, info.id.value).bindInt(2, int(info.kind)).bindText(3, info.title);
        if (auto updated = update->run(); !updated)
            return updated;
        auto own = m_db.prepare("SELECT user_id FROM account WHERE id = 1");
        auto ownUser = firstRow<QString>(*own, [](const Statement &row) { return row.text(0); });
        if (!ownUser)
            return ownUser.error();
        if (!*ownUser) {
            // why: without an account there is no own member row to order changes by.
            auto direct = m_db.prepare("UPDATE conversations SET own_role = ?2, joined_seq = ?3, "
                                       "left_seq = ?4 WHERE conv_id = ?1");
            direct->bindInt(1, info.id.value).bindInt(2, int(info.ownRole));
            direct->bindInt(3, info.joinedSeq).bindOptInt(4, info.leftSeq);
            return direct->run();
        }
        details::MemberState state;
        state.role = info.ownRole;
        state.joinedSeq = info.joinedSeq;
        state.present = !info.leftSeq.has_value();
        state.leftSeq = info.leftSeq;
        return details::applyMemberState(m_db, info.id, UserId{**ownUser}, state, info.lastSeq);
    });
}

StoreResult<std::optional<Conversation>> ConversationStore::conversation(ConversationId id) {
    auto query = m_db.prepare(select("WHERE conv_id = ?1"));
    query->bindInt(1, id.value);
    return firstRow<Conversation>(*query, readConversation);
}

StoreResult<QList<Conversation>> ConversationStore::conversations() {
    auto query = m_db.prepare(select("ORDER BY last_activity_ts DESC, conv_id"));
    return collectRows<Conversation>(*query, readConversation);
}

StoreStatus ConversationStore::setNotificationLevel(ConversationId id, NotificationLevel level) {
    auto update = m_db.prepare("UPDATE conversations SET notify_level = ?2 WHERE conv_id = ?1");
    return update->bindInt(1, id.value).bindInt(2, int(level)).run();
}

StoreStatus ConversationStore::setMuted(ConversationId id, bool muted) {
    auto update = m_db.prepare("UPDATE conversations SET muted = ?2 WHERE conv_id = ?1");
    return update->bindInt(1, id.value).bindBool(2, muted).run();
}

StoreStatus ConversationStore::setDraft(ConversationId id, const QString &draft) {
    auto update = m_db.prepare("UPDATE conversations SET draft = ?2 WHERE conv_id = ?1");
    return update->bindInt(1, id.value).bindText(2, draft).run();
}

StoreStatus ConversationStore::remove(ConversationId id) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        for (const char *sql : {"DELETE FROM outbound_sessions WHERE conv_id = ?1",
                                "DELETE FROM inbound_sessions WHERE conv_id = ?1",
                                "DELETE FROM outbound_session_shares WHERE conv_id = ?1",
                                "DELETE FROM conversations WHERE conv_id = ?1"}) {
            auto remove = m_db.prepare(sql);
            if (auto removed = remove->bindInt(1, id.value).run(); !removed)
                return removed;
        }
        return {};
    });
}

StoreResult<QList<Member>> ConversationStore::members(ConversationId id) {
    auto query = m_db.prepare("SELECT user_id, role, joined_seq FROM members "
                              "WHERE conv_id = ?1 AND left_seq IS NULL ORDER BY user_id");
    query->bindInt(1, id.value);
    return collectRows<Member>(*query, [](const Statement &row) {
        return Member{UserId{row.text(0)}, static_cast<Role>(row.int64(1)), row.uint64(2)};
    });
}

StoreStatus ConversationStore::replaceMembers(ConversationId id, const QList<Member> &members,
                                              quint64 asOfSeq) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto known = details::ensureConversation(m_db, id); !known)
            return known;
        auto current = this->members(id);
        if (!current)
            return current.error();
        QSet<QString> listed;
        for (const Member &member : members) {
            listed.insert(member.user.name);
            const details::MemberState state{member.role, member.joinedSeq, true, std::nullopt};
            if (auto applied = details::applyMemberState(m_db, id, member.user, state, asOfSeq);
                !applied)
                return applied;
        }
        for (const Member &member : *current) {
            if (listed.contains(member.user.name))
                continue;
            const details::MemberState gone{std::nullopt, std::nullopt, false, asOfSeq};
            if (auto applied = details::applyMemberState(m_db, id, member.user, gone, asOfSeq);
                !applied)
                return applied;
        }
        return {};
    });
}

StoreResult<quint64> ConversationStore::cursor(ConversationId id) {
    auto query = m_db.prepare("SELECT seq FROM sync_cursors WHERE conv_id = ?1");
    query->bindInt(1, id.value);
    auto seq = firstRow<quint64>(*query, [](const Statement &row) { return row.uint64(0); });
    if (!seq)
        return seq.error();
    return seq->value_or(0);
}

StoreResult<quint64> ConversationStore::advanceCursor(ConversationId id, quint64 seq) {
    return inTransaction(m_db, [&]() -> StoreResult<quint64> {
        if (auto known = details::ensureConversation(m_db, id); !known)
            return known.error();
        auto insert = m_db.prepare("INSERT OR IGNORE INTO sync_cursors (conv_id, seq) "
                                   "VALUES (?1, 0)");
        if (auto inserted = insert->bindInt(1, id.value).run(); !inserted)
            return inserted.error();
        auto update = m_db.prepare("UPDATE sync_cursors SET seq = max(seq, ?2) WHERE conv_id = ?1");
        if (auto updated = update->bindInt(1, id.value).bindInt(2, seq).run(); !updated)
            return updated.error();
        return cursor(id);
    });
}

} // namespace hearth::store
