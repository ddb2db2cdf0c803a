// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/relations.h"

#include <QList>
#include <algorithm>
#include <map>
#include <utility>

namespace hearth::store::details {

namespace {

struct Target {
    ConversationId conversation;
    quint64 seq = 0;
    QByteArray cmid;
    QString sender;
    std::optional<QString> body;
    std::optional<QString> originalBody;
    bool deleted = false;
    std::optional<quint64> editSeq;
};

struct RelationRow {
    quint64 seq = 0;
    QString sender;
    qint64 ts = 0;
    Relation relation = Relation::None;
    QString text;
    bool byModerator = false;
};

StoreResult<std::optional<Target>> loadTarget(Database &db, qint64 rowId) {
    auto query = db.prepare("SELECT conv_id, seq, cmid, sender, body, original_body, deleted, "
                            "edit_seq FROM events "
                            "WHERE id = ?1 AND kind = 0 AND rel_type = 0 AND decryption = 0");
    query->bindInt(1, rowId);
    return firstRow<Target>(*query, [](const Statement &row) {
        return Target{ConversationId{row.uint64(0)},
                      row.uint64(1),
                      row.blob(2),
                      row.text(3),
                      row.optText(4),
                      row.optText(5),
                      row.boolean(6),
                      row.optUint64(7)};
    });
}

StoreResult<QList<RelationRow>> loadRelations(Database &db, const Target &target) {
    auto query =
        db.prepare("SELECT seq, sender, ts, rel_type, rel_text, rel_moderator FROM events "
                   "WHERE conv_id = ?1 AND rel_seq = ?2 AND decryption = 0 "
                   "UNION ALL "
                   "SELECT seq, sender, ts, rel_type, rel_text, rel_moderator FROM events "
                   "WHERE conv_id = ?1 AND rel_cmid = ?3 AND rel_sender = ?4 AND decryption = 0");
    query->bindInt(1, target.conversation.value).bindInt(2, target.seq);
    query->bindBlobOrNull(3, target.cmid).bindText(4, target.sender);
    auto rows = collectRows<RelationRow>(*query, [](const Statement &row) {
        return RelationRow{row.uint64(0), row.text(1),
                           row.int64(2),  static_cast<Relation>(row.int64(3)),
                           row.text(4),   row.boolean(5)};
    });
    // why: sorted here, not by ORDER BY: SQLite 3.15 would rather walk the conversation in seq
    // order than use the relation indexes and sort the few rows they give.
    if (rows)
        std::sort(rows->begin(), rows->end(),
                  [](const RelationRow &a, const RelationRow &b) { return a.seq < b.seq; });
    return rows;
}

StoreStatus run(Database &db, std::string_view sql, qint64 rowId) {
    auto statement = db.prepare(sql);
    return statement->bindInt(1, rowId).run();
}

StoreStatus applyDeletion(Database &db, SearchIndex &index, qint64 rowId, const Target &target) {
    if (target.body) {
        if (auto removed = index.remove(rowId); !removed)
            return removed;
    }
    if (!target.deleted) {
        if (auto wiped = run(db,
                             "UPDATE events SET body = NULL, original_body = NULL, payload = NULL, "
                             "edited_ts = NULL, edit_seq = NULL, deleted = 1 WHERE id = ?1",
                             rowId);
            !wiped)
            return wiped;
    }
    // The edits' texts go too: a deleted message leaves no readable trace.
    auto edits =
        db.prepare("UPDATE events SET rel_text = NULL WHERE rel_type = 1 AND "
                   "conv_id = ?1 AND (rel_seq = ?2 OR (rel_cmid = ?3 AND rel_sender = ?4))");
    edits->bindInt(1, target.conversation.value).bindInt(2, target.seq);
    edits->bindBlobOrNull(3, target.cmid).bindText(4, target.sender);
    if (auto wiped = edits->run(); !wiped)
        return wiped;
    auto reactions = db.prepare("DELETE FROM reactions WHERE conv_id = ?1 AND target_seq = ?2");
    return reactions->bindInt(1, target.conversation.value).bindInt(2, target.seq).run();
}

StoreStatus applyEdit(Database &db, SearchIndex &index, qint64 rowId, const Target &target,
                      const RelationRow *latestEdit) {
    const std::optional<QString> base = target.originalBody ? target.originalBody : target.body;
    const std::optional<QString> body = latestEdit ? std::optional(latestEdit->text) : base;
    const std::optional<QString> original = latestEdit ? base : std::nullopt;
    const std::optional<quint64> editSeq =
        latestEdit ? std::optional(latestEdit->seq) : std::nullopt;
    if (body == target.body && original == target.originalBody && editSeq == target.editSeq)
        return {};
    if (target.body) {
        if (auto removed = index.remove(rowId); !removed)
            return removed;
    }
    auto update = db.prepare("UPDATE events SET body = ?2, original_body = ?3, edited_ts = ?4, "
                             "edit_seq = ?5 WHERE id = ?1");
    update->bindInt(1, rowId).bindOptText(2, body).bindOptText(3, original);
    update->bindOptInt(4, latestEdit ? std::optional(latestEdit->ts) : std::nullopt);
    update->bindOptInt(5, editSeq);
    if (auto updated = update->run(); !updated)
        return updated;
    return body ? index.add(rowId, *body) : StoreStatus();
}

StoreStatus applyReactions(Database &db, const Target &target, const QList<RelationRow> &rows) {
    // Newest React/Unreact per (user, emoji); rows come in ascending seq.
    std::map<std::pair<QString, QString>, const RelationRow *> latest;
    for (const RelationRow &row : rows) {
        if (row.relation == Relation::React || row.relation == Relation::Unreact)
            latest[{row.sender, row.text}] = &row;
    }
    auto clear = db.prepare("DELETE FROM reactions WHERE conv_id = ?1 AND target_seq = ?2");
    if (auto cleared = clear->bindInt(1, target.conversation.value).bindInt(2, target.seq).run();
        !cleared)
        return cleared;
    for (const auto &[key, row] : latest) {
        if (row->relation != Relation::React)
            continue;
        auto insert = db.prepare("INSERT INTO reactions (conv_id, target_seq, user_id, emoji, "
                                 "event_seq, ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert->bindInt(1, target.conversation.value).bindInt(2, target.seq);
        insert->bindText(3, key.first).bindText(4, key.second);
        insert->bindInt(5, row->seq).bindInt(6, row->ts);
        if (auto inserted = insert->run(); !inserted)
            return inserted;
    }
    return {};
}

} // namespace

StoreResult<std::optional<qint64>> findReferencedRow(Database &db, ConversationId conversation,
                                                     const EventRef &ref) {
    auto query = ref.seq ? db.prepare("SELECT id FROM events WHERE conv_id = ?1 AND seq = ?2")
                         : db.prepare("SELECT id FROM events "
                                      "WHERE conv_id = ?1 AND cmid = ?2 AND sender = ?3");
    query->bindInt(1, conversation.value);
    if (ref.seq)
        query->bindInt(2, *ref.seq);
    else
        query->bindBlob(2, ref.cmid ? ref.cmid->bytes() : QByteArray())
            .bindText(3, ref.sender.name);
    return firstRow<qint64>(*query, [](const Statement &row) { return row.int64(0); });
}

StoreStatus refreshRelations(Database &db, SearchIndex &index, qint64 rowId) {
    auto target = loadTarget(db, rowId);
    if (!target)
        return target.error();
    if (!*target)
        return {}; // not (yet) something relations apply to
    auto rows = loadRelations(db, **target);
    if (!rows)
        return rows.error();
    if (rows->isEmpty() && !(*target)->editSeq)
        return {}; // the common case: nothing names this event

    const RelationRow *latestEdit = nullptr;
    bool deleted = false;
    for (const RelationRow &row : *rows) {
        const bool bySender = row.sender == (*target)->sender;
        if (row.relation == Relation::Delete && (bySender || row.byModerator))
            deleted = true;
        if (row.relation == Relation::Edit && bySender)
            latestEdit = &row;
    }
    if (deleted)
        return applyDeletion(db, index, rowId, **target);
    if (auto edited = applyEdit(db, index, rowId, **target, latestEdit); !edited)
        return edited;
    return applyReactions(db, **target, *rows);
}

} // namespace hearth::store::details
