// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/read_marker_store.h"

#include <QHash>
#include <QMap>

namespace hearth::store {

//! ReadMarkerStore in memory, for unit tests of the sync engine. Same merge rules as the SQL one.
class MemoryReadMarkerStore final : public ReadMarkerStore {
public:
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
    struct Marker {
        quint64 seq = 0;
        qint64 ts = 0;
        quint64 published = 0;
    };
    QHash<ConversationId, Marker> m_markers;
    QHash<ConversationId, QMap<QString, Receipt>> m_receipts; // by user name
};

} // namespace hearth::store
