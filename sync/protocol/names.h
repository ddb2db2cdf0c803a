// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/conversation_types.h"

#include <QLatin1StringView>
#include <QStringView>
#include <optional>

//! The protocol's names of conversation kinds, roles and membership actions, and back
//! (nullopt for a name this version does not know).
namespace hearth::protocol {

[[nodiscard]] QLatin1StringView kindName(ConversationKind kind);
[[nodiscard]] QLatin1StringView roleName(Role role);
[[nodiscard]] QLatin1StringView actionName(MembershipAction action);
[[nodiscard]] std::optional<ConversationKind> kindFromName(QStringView name);
[[nodiscard]] std::optional<Role> roleFromName(QStringView name);
[[nodiscard]] std::optional<MembershipAction> actionFromName(QStringView name);

} // namespace hearth::protocol
