// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/conversation.h"

#include <QCborMap>

namespace hearth::sync {

//! One entry of a `convs` reply as the store takes it.
[[nodiscard]] store::ConversationInfo conversationInfoFrom(const QCborMap &map);
//! The protocol names of kinds and roles.
[[nodiscard]] QLatin1StringView kindName(store::ConversationKind kind);
[[nodiscard]] QLatin1StringView roleName(store::Role role);

} // namespace hearth::sync
