// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: conversation and member rows shared by the conversation and event stores.

#include "sync/store/conversation.h"
#include "sync/store/database.h"
#include "sync/store/types.h"

#include <optional>
#include <string_view>

namespace hearth::store::details {

//! The columns readConversation() expects, in order, for `SELECT … FROM conversations`.
inline constexpr std::string_view kConversationColumns =
    "conversations.conv_id, conversations.kind, conversations.title, conversations.own_role, "
    "conversations.joined_seq, conversations.left_seq, conversations.notify_level, "
    "conversations.muted, conversations.last_activity_ts, conversations.draft, "
    "conversations.membership_alert, conversations.legacy_membership";
//! Number of columns in kConversationColumns.
inline constexpr int kConversationColumnCount = 12;

//! A conversation from kConversationColumns starting at column `first`.
[[nodiscard]] Conversation readConversation(const Statement &row, int first);

//! Makes sure a conversations row exists (a bare one until the relay describes it), so events,
//! markers and outbox items can arrive in any order.
[[nodiscard]] StoreStatus ensureConversation(Database &db, ConversationId conversation);

//! A member's state after a membership event (or in a relay snapshot).
struct MemberState final {
    std::optional<Role> role;         //!< unchanged when absent
    std::optional<quint64> joinedSeq; //!< unchanged when absent
    bool present = true;              //!< false after remove / leave
    std::optional<quint64> leftSeq;
};

//! Applies `state` to the member row of `user` if `asOfSeq` is not older than the change already
//! applied (last writer by seq wins, so events and snapshots converge in any order), and mirrors
//! the account's own row into the conversation (own_role, joined_seq, left_seq).
[[nodiscard]] StoreStatus applyMemberState(Database &db, ConversationId conversation,
                                           const UserId &user, const MemberState &state,
                                           quint64 asOfSeq);

} // namespace hearth::store::details
