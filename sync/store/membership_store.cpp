// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/membership_store.h"

#include "sync/store/details/conversation_rows.h"

namespace hearth::store {

StoreResult<std::optional<ChainRecord>> MembershipStore::chain(ConversationId conversation) {
    auto query =
        m_db.prepare("SELECT chain_id, kind, head, length, fetched_seq FROM membership_chains "
                     "WHERE conv_id = ?1");
    query->bindInt(1, conversation.value);
    auto record = firstRow<ChainRecord>(*query, [](const Statement &row) {
        return ChainRecord{*crypto::ChainId::fromBytes(row.blob(0)),
                           static_cast<ConversationKind>(row.int64(1)),
                           row.blob(2),
                           row.uint64(3),
                           row.uint64(4),
                           {}};
    });
    if (!record || !*record)
        return record;
    auto members =
        m_db.prepare("SELECT user_id, role FROM membership_chain_members WHERE conv_id = ?1");
    members->bindInt(1, conversation.value);
    for (;;) {
        auto row = members->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        (*record)->members.insert(members->text(0), static_cast<Role>(members->int64(1)));
    }
    return record;
}

StoreResult<std::optional<QByteArray>> MembershipStore::head(ConversationId conversation) {
    auto query = m_db.prepare("SELECT head FROM membership_chains WHERE conv_id = ?1");
    query->bindInt(1, conversation.value);
    return firstRow<QByteArray>(*query, [](const Statement &row) { return row.blob(0); });
}

StoreResult<std::optional<ConversationId>>
MembershipStore::conversationOf(const crypto::ChainId &chain) {
    auto query = m_db.prepare("SELECT conv_id FROM membership_chains WHERE chain_id = ?1");
    query->bindBlob(1, chain.bytes());
    return firstRow<ConversationId>(
        *query, [](const Statement &row) { return ConversationId{row.uint64(0)}; });
}

StoreStatus MembershipStore::saveChain(ConversationId conversation, const ChainRecord &record) {
    if (auto known = details::ensureConversation(m_db, conversation); !known)
        return known;
    // why: no REPLACE, which would delete another conversation's row holding the same chain id;
    // a chain id used elsewhere (or a conversation's chain changing) fails the constraint.
    auto update = m_db.prepare("UPDATE membership_chains SET head = ?3, length = ?4, "
                               "fetched_seq = ?5 WHERE conv_id = ?1 AND chain_id = ?2");
    update->bindInt(1, conversation.value).bindBlob(2, record.chain.bytes());
    update->bindBlob(3, record.head).bindInt(4, record.length).bindInt(5, record.fetchedSeq);
    if (auto updated = update->run(); !updated)
        return updated;
    if (m_db.changes() == 0) {
        auto insert = m_db.prepare("INSERT INTO membership_chains "
                                   "(conv_id, chain_id, kind, head, length, fetched_seq) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert->bindInt(1, conversation.value).bindBlob(2, record.chain.bytes());
        insert->bindInt(3, int(record.kind)).bindBlob(4, record.head).bindInt(5, record.length);
        insert->bindInt(6, record.fetchedSeq);
        if (auto inserted = insert->run(); !inserted)
            return inserted;
    }
    auto clear = m_db.prepare("DELETE FROM membership_chain_members WHERE conv_id = ?1");
    if (auto cleared = clear->bindInt(1, conversation.value).run(); !cleared)
        return cleared;
    auto member = m_db.prepare("INSERT INTO membership_chain_members (conv_id, user_id, role) "
                               "VALUES (?1, ?2, ?3)");
    for (auto it = record.members.cbegin(); it != record.members.cend(); ++it) {
        member->reset();
        member->bindInt(1, conversation.value).bindText(2, it.key()).bindInt(3, int(it.value()));
        if (auto saved = member->run(); !saved)
            return saved;
    }
    if (auto remembered = rememberHead(conversation, record.head, record.length); !remembered)
        return remembered;
    // why: the chain, not the relay's `convs` reply, says what kind of conversation this is.
    auto describe = m_db.prepare("UPDATE conversations SET kind = ?2 WHERE conv_id = ?1");
    return describe->bindInt(1, conversation.value).bindInt(2, int(record.kind)).run();
}

StoreStatus MembershipStore::rememberHead(ConversationId conversation, const QByteArray &head,
                                          quint64 position) {
    if (auto known = details::ensureConversation(m_db, conversation); !known)
        return known;
    auto insert = m_db.prepare("INSERT OR IGNORE INTO membership_heads (conv_id, head, position) "
                               "VALUES (?1, ?2, ?3)");
    return insert->bindInt(1, conversation.value).bindBlob(2, head).bindInt(3, position).run();
}

StoreStatus MembershipStore::describe(ConversationId conversation, const QString &title) {
    auto update = m_db.prepare("UPDATE conversations SET title = ?2 WHERE conv_id = ?1");
    return update->bindInt(1, conversation.value).bindText(2, title).run();
}

StoreResult<bool> MembershipStore::knowsHead(ConversationId conversation, const QByteArray &head) {
    auto query = m_db.prepare("SELECT 1 FROM membership_heads WHERE conv_id = ?1 AND head = ?2");
    query->bindInt(1, conversation.value).bindBlob(2, head);
    return query->step();
}

StoreResult<bool> MembershipStore::isLegacy(ConversationId conversation) {
    auto query =
        m_db.prepare("SELECT 1 FROM conversations WHERE conv_id = ?1 AND legacy_membership = 1");
    query->bindInt(1, conversation.value);
    return query->step();
}

StoreStatus MembershipStore::raiseAlert(ConversationId conversation, MembershipAlert alert,
                                        quint64 seq) {
    if (auto known = details::ensureConversation(m_db, conversation); !known)
        return known;
    auto raise = m_db.prepare("UPDATE conversations SET membership_alert = ?2, "
                              "membership_alert_seq = ?3 WHERE conv_id = ?1 "
                              "AND membership_alert <= ?2");
    return raise->bindInt(1, conversation.value).bindInt(2, int(alert)).bindInt(3, seq).run();
}

StoreResult<MembershipAlert> MembershipStore::alert(ConversationId conversation) {
    auto query = m_db.prepare("SELECT membership_alert FROM conversations WHERE conv_id = ?1");
    query->bindInt(1, conversation.value);
    auto found = firstRow<MembershipAlert>(
        *query, [](const Statement &row) { return static_cast<MembershipAlert>(row.int64(0)); });
    if (!found)
        return found.error();
    return found->value_or(MembershipAlert::None);
}

StoreStatus MembershipStore::dismissAlert(ConversationId conversation) {
    auto clear = m_db.prepare("UPDATE conversations SET membership_alert = 0 WHERE conv_id = ?1");
    return clear->bindInt(1, conversation.value).run();
}

} // namespace hearth::store
