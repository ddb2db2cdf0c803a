// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/markdown/markdown_renderer.h"
#include "sync/store/store.h"

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace hearth::app {

//! One timeline row: a stored event, or an own message still in the outbox (seq 0).
struct TimelineRow final {
    store::TimelineEvent event;
    std::optional<store::OutboxState> outbox; //!< set for a message not yet acknowledged
    QString html;                             //!< the body rendered for Text.RichText
    //! Identity across the pending → sent step: the cmid when there is one, else the seq.
    [[nodiscard]] QByteArray key() const;
    friend bool operator==(const TimelineRow &a, const TimelineRow &b) {
        return a.outbox == b.outbox && a.html == b.html && a.event.seq == b.event.seq &&
               a.event.text == b.event.text && a.event.deleted == b.event.deleted &&
               a.event.editedTs == b.event.editedTs && a.event.reactions == b.event.reactions &&
               a.event.decryption == b.event.decryption;
    }
};

//! What one read of a conversation's timeline brings back.
struct TimelineSlice final {
    QList<TimelineRow> events;        //!< ascending seq
    QList<TimelineRow> pending;       //!< unsent own messages, oldest first
    QHash<QString, quint64> receipts; //!< other members' read positions
    quint64 readMarker = 0;
    bool reachedStart = false; //!< no older events exist
    bool reachedEnd = true;    //!< no newer events exist (then `pending` is filled)
    bool replaces = false;     //!< an update too far ahead: these rows replace the model's
};

//! Renders rows' bodies (markdown → safe HTML, mentions of the member highlighted).
void renderRows(QList<TimelineRow> &rows, const MarkdownRenderer &renderer);

//! The newest `limit` events, the pending messages, receipts and marker. On a reader.
[[nodiscard]] store::StoreResult<TimelineSlice> loadLatest(store::Store &store,
                                                           hearth::ConversationId conversation,
                                                           int limit,
                                                           const MarkdownRenderer &renderer);
//! Up to `limit` events before `seq`. On a reader.
[[nodiscard]] store::StoreResult<TimelineSlice> loadBefore(store::Store &store,
                                                           hearth::ConversationId conversation,
                                                           quint64 seq, int limit,
                                                           const MarkdownRenderer &renderer);
//! About `limit` events around `seq` (it included, if stored), and the receipts and marker; the
//! pending messages too when they reach the newest event. On a reader.
[[nodiscard]] store::StoreResult<TimelineSlice> loadAround(store::Store &store,
                                                           hearth::ConversationId conversation,
                                                           quint64 seq, int limit,
                                                           const MarkdownRenderer &renderer);
//! Up to `limit` events after `seq`, and the pending messages when they reach the newest. On a
//! reader.
[[nodiscard]] store::StoreResult<TimelineSlice> loadAfter(store::Store &store,
                                                          hearth::ConversationId conversation,
                                                          quint64 seq, int limit,
                                                          const MarkdownRenderer &renderer);
//! The events after `seq` and the pending messages (no receipts: they come as changes). When
//! more than `maxGap` events came after `seq` (a long catch-up), loadLatest(`limit`) instead,
//! with `replaces` set. On a reader.
[[nodiscard]] store::StoreResult<TimelineSlice> loadUpdate(store::Store &store,
                                                           hearth::ConversationId conversation,
                                                           quint64 seq, int maxGap, int limit,
                                                           const MarkdownRenderer &renderer);
//! The stored events `seqs` as they are now (edits, deletions, reactions applied), rendered;
//! seqs not stored are left out. On a reader.
[[nodiscard]] store::StoreResult<QList<TimelineRow>> loadRows(store::Store &store,
                                                              hearth::ConversationId conversation,
                                                              const QList<quint64> &seqs,
                                                              const MarkdownRenderer &renderer);

} // namespace hearth::app
