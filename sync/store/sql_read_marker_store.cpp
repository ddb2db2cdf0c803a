// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/sql_read_marker_store.h"

#include "sync/store/details/conversation_rows.h"
#include "sync/store/transaction.h"

namespace hearth::store {

namespace {

constexpr std::string_view kInsertMarker =
    "INSERT OR IGNORE INTO read_markers (conv_id, seq, ts) VALUES (:conv, 0, 0)";
constexpr std::string_view kReadMarker = "SELECT seq FROM read_markers WHERE conv_id = :conv";
constexpr std::string_view kReadPublished =
    "SELECT published_seq FROM read_markers WHERE conv_id = :conv";
constexpr std::string_view kReadReceipt =
    "SELECT seq FROM receipts WHERE conv_id = :conv AND user_id = :user";

// The statements share named parameters; each binds those it uses.
void bindUsed(Statement &statement, ConversationId conversation, quint64 seq, qint64 ts,
              const QString &user) {
    if (int index = statement.parameterIndex(":conv"))
        statement.bindInt(index, conversation.value);
    if (int index = statement.parameterIndex(":seq"))
        statement.bindInt(index, seq);
    if (int index = statement.parameterIndex(":ts"))
        statement.bindInt(index, ts);
    if (int index = statement.parameterIndex(":user"))
        statement.bindText(index, user);
}

} // namespace

StoreResult<quint64> SqlReadMarkerStore::value(std::string_view read, ConversationId conversation,
                                               const QString &user) {
    auto query = m_db.prepare(read);
    bindUsed(*query, conversation, 0, 0, user);
    auto seq = firstRow<quint64>(*query, [](const Statement &row) { return row.uint64(0); });
    if (!seq)
        return seq.error();
    return seq->value_or(0);
}

StoreResult<quint64> SqlReadMarkerStore::merge(std::string_view insert, std::string_view update,
                                               std::string_view read, ConversationId conversation,
                                               quint64 seq, qint64 ts, const QString &user) {
    return inTransaction(m_db, [&]() -> StoreResult<quint64> {
        if (auto known = details::ensureConversation(m_db, conversation); !known)
            return known.error();
        for (std::string_view sql : {insert, update}) {
            auto statement = m_db.prepare(sql);
            bindUsed(*statement, conversation, seq, ts, user);
            if (auto ran = statement->run(); !ran)
                return ran.error();
        }
        return value(read, conversation, user);
    });
}

StoreResult<quint64> SqlReadMarkerStore::setReadMarker(ConversationId conversation, quint64 seq,
                                                       qint64 ts) {
    return merge(
        kInsertMarker,
        "UPDATE read_markers SET seq = :seq, ts = :ts WHERE conv_id = :conv AND seq < :seq",
        kReadMarker, conversation, seq, ts, {});
}

StoreResult<quint64> SqlReadMarkerStore::readMarker(ConversationId conversation) {
    return value(kReadMarker, conversation, {});
}

StoreResult<quint64> SqlReadMarkerStore::setPublishedMarker(ConversationId conversation,
                                                            quint64 seq) {
    return merge(kInsertMarker,
                 "UPDATE read_markers SET published_seq = :seq "
                 "WHERE conv_id = :conv AND published_seq < :seq",
                 kReadPublished, conversation, seq, 0, {});
}

StoreResult<quint64> SqlReadMarkerStore::publishedMarker(ConversationId conversation) {
    return value(kReadPublished, conversation, {});
}

StoreResult<quint64> SqlReadMarkerStore::setReceipt(ConversationId conversation, const UserId &user,
                                                    quint64 seq, qint64 ts) {
    return merge("INSERT OR IGNORE INTO receipts (conv_id, user_id, seq, ts) "
                 "VALUES (:conv, :user, 0, 0)",
                 "UPDATE receipts SET seq = :seq, ts = :ts "
                 "WHERE conv_id = :conv AND user_id = :user AND seq < :seq",
                 kReadReceipt, conversation, seq, ts, user.name);
}

StoreResult<QList<Receipt>> SqlReadMarkerStore::receipts(ConversationId conversation) {
    auto query = m_db.prepare("SELECT user_id, seq, ts FROM receipts WHERE conv_id = :conv "
                              "ORDER BY user_id");
    query->bindInt(1, conversation.value);
    return collectRows<Receipt>(*query, [](const Statement &row) {
        return Receipt{UserId{row.text(0)}, row.uint64(1), row.int64(2)};
    });
}

} // namespace hearth::store
