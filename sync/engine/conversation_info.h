// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/message_parts.h"
#include "sync/store/conversation.h"

#include <optional>

namespace hearth::sync {

//! One entry of a `convs` reply as the store takes it (an unknown kind reads as a group, an
//! unknown role as a member).
[[nodiscard]] store::ConversationInfo
conversationInfoFrom(const protocol::ConversationEntry &entry);

//! The protocol names of kinds and membership actions, and back (nullopt for an unknown name).
[[nodiscard]] QLatin1StringView kindName(store::ConversationKind kind);
[[nodiscard]] QLatin1StringView actionName(store::MembershipAction action);
[[nodiscard]] QLatin1StringView roleName(store::Role role);
[[nodiscard]] std::optional<store::ConversationKind> kindFromName(QStringView name);
[[nodiscard]] std::optional<store::Role> roleFromName(QStringView name);
[[nodiscard]] std::optional<store::MembershipAction> actionFromName(QStringView name);

} // namespace hearth::sync
