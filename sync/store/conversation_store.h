// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/conversation.h"
#include "sync/store/database.h"

#include <QList>
#include <optional>

namespace hearth::store {

//! Conversations, their members and the per-conversation sync cursor.
class ConversationStore final {
public:
    explicit ConversationStore(Database &db)
        : m_db(db) {}

    //! Stores a `convs` entry: kind and title, and the account's role and window unless a newer
    //! membership event (seq > info.lastSeq) has already been applied.
    [[nodiscard]] StoreStatus upsert(const ConversationInfo &info);
    [[nodiscard]] StoreResult<std::optional<Conversation>> conversation(ConversationId id);
    //! All conversations, most recent activity first.
    [[nodiscard]] StoreResult<QList<Conversation>> conversations();
    [[nodiscard]] StoreStatus setNotificationLevel(ConversationId id, NotificationLevel level);
    [[nodiscard]] StoreStatus setMuted(ConversationId id, bool muted);
    [[nodiscard]] StoreStatus setDraft(ConversationId id, const QString &draft);
    //! Forgets the conversation and everything in it (events, markers, outbox…).
    [[nodiscard]] StoreStatus remove(ConversationId id);

    //! Current members, by user name.
    [[nodiscard]] StoreResult<QList<Member>> members(ConversationId id);
    //! Stores a `members` reply taken when the conversation was at `asOfSeq`: listed users become
    //! members, others leave, except where a newer membership event was already applied.
    [[nodiscard]] StoreStatus replaceMembers(ConversationId id, const QList<Member> &members,
                                             quint64 asOfSeq);

    //! The highest seq stored by catch-up (0 when none).
    [[nodiscard]] StoreResult<quint64> cursor(ConversationId id);
    //! Moves the cursor forward to `seq`; never backwards. Returns the cursor afterwards. Call it
    //! in the same transaction as the page of events it covers.
    [[nodiscard]] StoreResult<quint64> advanceCursor(ConversationId id, quint64 seq);

private:
    Database &m_db;
};

} // namespace hearth::store
