// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"
#include "relay/roles.h"

#include <QCborMap>
#include <optional>

namespace hearth::protocol {
class Frame;
}

namespace hearth::relay {

struct ConversationState;
struct RelayContext;
class ClientSession;

//! Why `account` may not act in the conversation `state` (nullptr: it doesn't exist);
//! nullopt when it is a current member.
[[nodiscard]] std::optional<Refusal> memberRefusal(const ConversationState *state,
                                                   AccountId account);

//! The conversation when the session's account is a current member of it; otherwise replies
//! to request `id` with the refusal and returns nullptr.
[[nodiscard]] const ConversationState *requireMember(RelayContext &ctx, ClientSession &session,
                                                     quint64 id, ConversationId conv);

//! The page size a request asks for ("limit", default and cap max_page_size); 0 after
//! replying invalid_argument to a limit of 0.
[[nodiscard]] qint64 pageLimit(RelayContext &ctx, ClientSession &session,
                               const protocol::Frame &frame);

//! Answers a request whose write went through the WriteQueue: `internal` ("`what` was not
//! stored") when the batch did not commit, the refusal when a rule said no, else ok with
//! `fields`. Does nothing when the session is gone.
void replyAfterWrite(ClientSession *session, quint64 id, bool committed,
                     const std::optional<Refusal> &refusal, const QString &what,
                     const QCborMap &fields = {});

} // namespace hearth::relay
