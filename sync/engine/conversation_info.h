// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/message_parts.h"
#include "sync/store/conversation.h"

#include <optional>

namespace hearth::engine {

//! One entry of a `convs` reply as the store takes it (an unknown kind reads as a group, an
//! unknown role as a member).
[[nodiscard]] store::ConversationInfo
conversationInfoFrom(const protocol::ConversationEntry &entry);

} // namespace hearth::engine
