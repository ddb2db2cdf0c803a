// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/read_marker_store.h"

namespace hearth::store {

//! Read markers in the profile database (tables `read_markers` and `receipts`). Unread counts
//! derive from them: Timeline::unreadCount.
class SqlReadMarkerStore final : public ReadMarkerStore {
public:
    explicit SqlReadMarkerStore(Database &db)
        : m_db(db) {}

    [[nodiscard]] StoreResult<quint64> setReadMarker(ConversationId conversation, quint64 seq,
                                                     qint64 ts) override;
    [[nodiscard]] StoreResult<quint64> readMarker(ConversationId conversation) override;
    [[nodiscard]] StoreResult<quint64> setPublishedMarker(ConversationId conversation,
                                                          quint64 seq) override;
    [[nodiscard]] StoreResult<quint64> publishedMarker(ConversationId conversation) override;
    [[nodiscard]] StoreResult<quint64> setReceipt(ConversationId conversation, const UserId &user,
                                                  quint64 seq, qint64 ts) override;
    [[nodiscard]] StoreResult<QList<Receipt>> receipts(ConversationId conversation) override;

private:
    //! Runs `insert` then `update` (parameters :conv, :seq, :ts, :user) after making sure the
    //! conversation exists, then returns the first column of `read`.
    [[nodiscard]] StoreResult<quint64> merge(std::string_view insert, std::string_view update,
                                             std::string_view read, ConversationId conversation,
                                             quint64 seq, qint64 ts, const QString &user);
    [[nodiscard]] StoreResult<quint64> value(std::string_view read, ConversationId conversation,
                                             const QString &user);

    Database &m_db;
};

} // namespace hearth::store
