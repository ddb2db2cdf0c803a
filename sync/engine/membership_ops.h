// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"
#include "sync/engine/engine_context.h"
#include "sync/engine/engine_error.h"
#include "sync/store/types.h"

#include <QStringList>

namespace hearth::engine {

//! This device's signed creation of a conversation with `members` (all plain members), on a
//! fresh chain.
[[nodiscard]] EngineResult<crypto::MembershipOp> signCreation(const Identity &self,
                                                              hearth::ConversationKind kind,
                                                              const QString &title,
                                                              const QStringList &members);
//! This device's signed change of `conversation`, following the chain this device validated.
//! Untrusted for a conversation without one (stored before signed membership).
[[nodiscard]] EngineResult<crypto::MembershipOp>
signChange(EngineContext &context, ConversationId conversation, hearth::MembershipAction action,
           const UserId &target, std::optional<hearth::Role> role);

} // namespace hearth::engine
