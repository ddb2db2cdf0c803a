// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/timeline_rows.h"

#include "sync/engine/payload_codec.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

QList<TimelineRow> rowsOf(const QList<store::TimelineEvent> &events) {
    QList<TimelineRow> rows;
    rows.reserve(events.size());
    for (const store::TimelineEvent &event : events)
        rows.append(TimelineRow{event, std::nullopt, {}});
    return rows;
}

//! Pending messages (not relations: an unsent edit or reaction shows on its target later).
store::StoreResult<QList<TimelineRow>>
pendingRows(store::Store &store, hearth::ConversationId conversation, const QString &self) {
    auto unsent = store.outbox().unsent(conversation);
    if (!unsent)
        return unsent.error();
    QList<TimelineRow> rows;
    for (const store::OutboxItem &item : *unsent) {
        const auto payload = engine::readPayload(item.payload);
        if (!payload || payload->content.relation != store::Relation::None)
            continue;
        const store::MessageContent *content = &payload->content;
        TimelineRow row;
        row.event.conversation = conversation;
        row.event.ts = item.createdTs;
        row.event.sender.user.name = self;
        row.event.cmid = item.cmid;
        row.event.own = true;
        row.event.contentType = content->contentType;
        row.event.text = content->text;
        row.event.replyTo = content->replyTo;
        row.outbox = item.state;
        rows.append(row);
    }
    return rows;
}

//! Adds the pending messages to `slice` when it reaches the newest event, and renders it.
store::StoreStatus addPending(store::Store &store, hearth::ConversationId conversation,
                              const MarkdownRenderer &renderer, TimelineSlice &slice) {
    if (slice.reachedEnd) {
        auto pending = pendingRows(store, conversation, renderer.mentionName());
        if (!pending)
            return pending.error();
        slice.pending = pending.value();
    }
    renderRows(slice.events, renderer);
    renderRows(slice.pending, renderer);
    return {};
}

//! addPending(), and the receipts and the read marker.
store::StoreStatus addState(store::Store &store, hearth::ConversationId conversation,
                            const MarkdownRenderer &renderer, TimelineSlice &slice) {
    if (auto status = addPending(store, conversation, renderer, slice); !status)
        return status;
    auto receipts = store.readMarkers().receipts(conversation);
    if (!receipts)
        return receipts.error();
    for (const store::Receipt &receipt : *receipts)
        slice.receipts.insert(receipt.user.name, receipt.seq);
    auto marker = store.readMarkers().readMarker(conversation);
    if (!marker)
        return marker.error();
    slice.readMarker = marker.value();
    return {};
}

} // namespace

QByteArray TimelineRow::key() const {
    if (event.cmid)
        return event.cmid->bytes();
    return "s" + QByteArray::number(event.seq);
}

void renderRows(QList<TimelineRow> &rows, const MarkdownRenderer &renderer) {
    for (TimelineRow &row : rows) {
        if (row.event.kind == store::EventKind::Message && !row.event.deleted &&
            row.event.decryption == store::DecryptionState::Ok)
            row.html = renderer.toHtml(row.event.text);
    }
}

store::StoreResult<TimelineSlice> loadLatest(store::Store &store,
                                             hearth::ConversationId conversation, int limit,
                                             const MarkdownRenderer &renderer) {
    auto events = store.timeline().latest(conversation, limit);
    if (!events)
        return events.error();
    TimelineSlice slice;
    slice.events = rowsOf(events.value());
    slice.reachedStart = events->size() < limit;
    if (auto status = addState(store, conversation, renderer, slice); !status)
        return status.error();
    return slice;
}

store::StoreResult<TimelineSlice> loadBefore(store::Store &store,
                                             hearth::ConversationId conversation, quint64 seq,
                                             int limit, const MarkdownRenderer &renderer) {
    auto events = store.timeline().before(conversation, seq, limit);
    if (!events)
        return events.error();
    TimelineSlice slice;
    slice.events = rowsOf(events.value());
    slice.reachedStart = events->size() < limit;
    renderRows(slice.events, renderer);
    return slice;
}

store::StoreResult<TimelineSlice> loadAround(store::Store &store,
                                             hearth::ConversationId conversation, quint64 seq,
                                             int limit, const MarkdownRenderer &renderer) {
    const int half = std::max(limit / 2, 1);
    auto older = store.timeline().before(conversation, seq + 1, half + 1);
    if (!older)
        return older.error();
    auto newer = store.timeline().after(conversation, seq, half + 1);
    if (!newer)
        return newer.error();
    TimelineSlice slice;
    slice.reachedStart = older->size() <= half;
    if (!slice.reachedStart)
        older->removeFirst();
    slice.reachedEnd = newer->size() <= half;
    if (!slice.reachedEnd)
        newer->removeLast();
    slice.events = rowsOf(older.value() + newer.value());
    if (auto status = addState(store, conversation, renderer, slice); !status)
        return status.error();
    return slice;
}

store::StoreResult<TimelineSlice> loadAfter(store::Store &store,
                                            hearth::ConversationId conversation, quint64 seq,
                                            int limit, const MarkdownRenderer &renderer) {
    auto events = store.timeline().after(conversation, seq, limit + 1);
    if (!events)
        return events.error();
    TimelineSlice slice;
    slice.reachedEnd = events->size() <= limit;
    if (!slice.reachedEnd)
        events->removeLast();
    slice.events = rowsOf(events.value());
    if (auto status = addPending(store, conversation, renderer, slice); !status)
        return status.error();
    return slice;
}

store::StoreResult<TimelineSlice> loadUpdate(store::Store &store,
                                             hearth::ConversationId conversation, quint64 seq,
                                             int maxGap, int limit,
                                             const MarkdownRenderer &renderer) {
    auto gap = store.timeline().after(conversation, seq, maxGap + 1);
    if (!gap)
        return gap.error();
    if (gap->size() > maxGap) {
        auto latest = loadLatest(store, conversation, limit, renderer);
        if (latest)
            latest->replaces = true;
        return latest;
    }
    TimelineSlice slice;
    slice.events = rowsOf(gap.value());
    if (auto status = addPending(store, conversation, renderer, slice); !status)
        return status.error();
    return slice;
}

store::StoreResult<QList<TimelineRow>> loadRows(store::Store &store,
                                                hearth::ConversationId conversation,
                                                const QList<quint64> &seqs,
                                                const MarkdownRenderer &renderer) {
    QList<TimelineRow> rows;
    for (const quint64 seq : seqs) {
        auto event = store.timeline().event(conversation, seq);
        if (!event)
            return event.error();
        if (*event)
            rows.append(TimelineRow{**event, std::nullopt, {}});
    }
    renderRows(rows, renderer);
    return rows;
}

} // namespace hearth::app
