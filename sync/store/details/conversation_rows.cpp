// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/conversation_rows.h"

#include "sync/store/details/optional_ids.h"

namespace hearth::store::details {

Conversation readConversation(const Statement &row, int first) {
    Conversation conversation;
    conversation.id = ConversationId{row.uint64(first)};
    conversation.kind = optionalEnum<ConversationKind>(row, first + 1);
    conversation.title = row.text(first + 2);
    conversation.ownRole = optionalEnum<Role>(row, first + 3);
    conversation.joinedSeq = row.uint64(first + 4);
    conversation.leftSeq = row.optUint64(first + 5);
    conversation.notificationLevel = static_cast<NotificationLevel>(row.int64(first + 6));
    conversation.muted = row.boolean(first + 7);
    conversation.lastActivityTs = row.int64(first + 8);
    conversation.draft = row.text(first + 9);
    conversation.membershipAlert = static_cast<MembershipAlert>(row.int64(first + 10));
    conversation.legacyMembership = row.boolean(first + 11);
    return conversation;
}

StoreStatus ensureConversation(Database &db, ConversationId conversation) {
    auto insert = db.prepare("INSERT OR IGNORE INTO conversations (conv_id) VALUES (?1)");
    return insert->bindInt(1, conversation.value).run();
}

StoreStatus applyMemberState(Database &db, ConversationId conversation, const UserId &user,
                             const MemberState &state, quint64 asOfSeq) {
    // Last writer by seq wins: a state older than the change already applied is dropped.
    auto existing =
        db.prepare("SELECT changed_seq FROM members WHERE conv_id = ?1 AND user_id = ?2");
    existing->bindInt(1, conversation.value).bindText(2, user.name);
    auto row = existing->step();
    if (!row)
        return row.error();
    if (*row && static_cast<quint64>(existing->int64(0)) > asOfSeq)
        return {};
    // Absent fields keep the stored value (or default: member, joined at 0). SQLite 3.15 has
    // no upsert; REPLACE reads the old row in its subqueries before replacing it.
    auto save = db.prepare(
        "INSERT OR REPLACE INTO members (conv_id, user_id, role, joined_seq, left_seq, "
        "changed_seq) VALUES (?1, ?2, "
        "coalesce(?3, (SELECT role FROM members WHERE conv_id = ?1 AND user_id = ?2), 2), "
        "coalesce(?4, (SELECT joined_seq FROM members WHERE conv_id = ?1 AND user_id = ?2), 0), "
        "?5, ?6)");
    save->bindInt(1, conversation.value).bindText(2, user.name);
    save->bindOptInt(3, enumOrNull(state.role)).bindOptInt(4, state.joinedSeq);
    save->bindOptInt(5, state.present ? std::nullopt : state.leftSeq).bindInt(6, asOfSeq);
    if (auto saved = save->run(); !saved)
        return saved;
    auto mirror = db.prepare(
        "UPDATE conversations SET (own_role, joined_seq, left_seq) = "
        "(SELECT role, joined_seq, left_seq FROM members WHERE conv_id = ?1 AND user_id = ?2) "
        "WHERE conv_id = ?1 AND ?2 = (SELECT user_id FROM account WHERE id = 1)");
    return mirror->bindInt(1, conversation.value).bindText(2, user.name).run();
}

} // namespace hearth::store::details
