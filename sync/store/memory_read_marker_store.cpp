// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/memory_read_marker_store.h"

namespace hearth::store {

StoreResult<quint64> MemoryReadMarkerStore::setReadMarker(ConversationId conversation, quint64 seq,
                                                          qint64 ts) {
    Marker &marker = m_markers[conversation];
    if (seq > marker.seq) {
        marker.seq = seq;
        marker.ts = ts;
    }
    return marker.seq;
}

StoreResult<quint64> MemoryReadMarkerStore::readMarker(ConversationId conversation) {
    return m_markers.value(conversation).seq;
}

StoreResult<quint64> MemoryReadMarkerStore::setPublishedMarker(ConversationId conversation,
                                                               quint64 seq) {
    Marker &marker = m_markers[conversation];
    marker.published = std::max(marker.published, seq);
    return marker.published;
}

StoreResult<quint64> MemoryReadMarkerStore::publishedMarker(ConversationId conversation) {
    return m_markers.value(conversation).published;
}

StoreResult<quint64> MemoryReadMarkerStore::setReceipt(ConversationId conversation,
                                                       const UserId &user, quint64 seq, qint64 ts) {
    Receipt &receipt = m_receipts[conversation][user.name];
    receipt.user = user;
    if (seq > receipt.seq) {
        receipt.seq = seq;
        receipt.ts = ts;
    }
    return receipt.seq;
}

StoreResult<QList<Receipt>> MemoryReadMarkerStore::receipts(ConversationId conversation) {
    return m_receipts.value(conversation).values();
}

} // namespace hearth::store
