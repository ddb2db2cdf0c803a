// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/conversation.h"
#include "sync/store/database.h"
#include "sync/store/event.h"

#include <QList>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace hearth::store {

//! One row of a conversation list (sidebar).
struct ConversationSummary final {
    Conversation conversation;
    quint64 readMarker = 0; //!< the account's merged read marker
    qint64 unreadCount = 0; //!< see Timeline::unreadCount; at most the cap asked for
    std::optional<TimelineEvent> lastMessage; //!< the newest message shown (any sender)
};

//! The timeline events (those pages hold) of one conversation whose relay time lies in a range.
struct TimelineSpan final {
    qint64 count = 0;     //!< how many
    quint64 firstSeq = 0; //!< the lowest seq among them (0 when none)
    quint64 lastSeq = 0;  //!< the highest seq among them (0 when none)
};

//! Read-only queries a UI pages through. Pages hold what a timeline shows — messages (decrypted
//! or placeholders) and membership events, never the relation events themselves, whose effect
//! is already applied — in ascending seq. Works on reader connections.
class Timeline final {
public:
    explicit Timeline(Database &db)
        : m_db(db) {}

    //! The newest `limit` events.
    [[nodiscard]] StoreResult<QList<TimelineEvent>> latest(ConversationId conversation, int limit);
    //! Up to `limit` events with seq < `seq`, the closest ones.
    [[nodiscard]] StoreResult<QList<TimelineEvent>> before(ConversationId conversation, quint64 seq,
                                                           int limit);
    //! Up to `limit` events with seq > `seq`, the closest ones.
    [[nodiscard]] StoreResult<QList<TimelineEvent>> after(ConversationId conversation, quint64 seq,
                                                          int limit);
    //! The first event shown at or after relay time `ts` (ms), if any: "jump to date".
    [[nodiscard]] StoreResult<std::optional<TimelineEvent>> firstAt(ConversationId conversation,
                                                                    qint64 ts);
    //! Replies in the thread rooted at `rootSeq`, oldest first.
    [[nodiscard]] StoreResult<QList<TimelineEvent>> thread(ConversationId conversation,
                                                           quint64 rootSeq, int limit);
    [[nodiscard]] StoreResult<std::optional<TimelineEvent>> event(ConversationId conversation,
                                                                  quint64 seq);
    //! The event `ref` names, e.g. a reply's target.
    [[nodiscard]] StoreResult<std::optional<TimelineEvent>> find(ConversationId conversation,
                                                                 const EventRef &ref);

    //! The events pages hold with fromTs <= ts <= toTs (relay time, ms): how many, and the seqs
    //! they lie between (an exporter pages from firstSeq to lastSeq, skipping what is outside).
    [[nodiscard]] StoreResult<TimelineSpan> span(ConversationId conversation, qint64 fromTs,
                                                 qint64 toTs);

    //! Messages after the account's read marker that count: not its own, not membership events,
    //! not deleted, not relations (undecrypted messages count).
    [[nodiscard]] StoreResult<qint64> unreadCount(ConversationId conversation);
    //! Every conversation with its unread count and newest message, most recent activity first.
    //! Counts stop at `unreadCap` (0: exact), which keeps a huge unread backlog cheap.
    [[nodiscard]] StoreResult<QList<ConversationSummary>> summaries(qint64 unreadCap = 1000);
    //! The summary of one conversation (as summaries() has it); nullopt when it is unknown.
    [[nodiscard]] StoreResult<std::optional<ConversationSummary>>
    summary(ConversationId conversation, qint64 unreadCap = 1000);

private:
    //! Events matching `where` (?1 is the conversation, `parameters` bind ?2…), ascending.
    [[nodiscard]] StoreResult<QList<TimelineEvent>> page(std::string_view where,
                                                         ConversationId conversation,
                                                         std::initializer_list<qint64> parameters,
                                                         bool descending);
    //! The one event matching `where` (?1 is the conversation, `parameter` binds ?2), if any.
    [[nodiscard]] StoreResult<std::optional<TimelineEvent>>
    single(std::string_view where, ConversationId conversation, qint64 parameter);
    //! summaries() of every conversation, or of `only`.
    [[nodiscard]] StoreResult<QList<ConversationSummary>>
    summariesOf(std::optional<ConversationId> only, qint64 unreadCap);
    [[nodiscard]] StoreStatus attachReactions(ConversationId conversation,
                                              QList<TimelineEvent> &events);

    Database &m_db;
};

} // namespace hearth::store
