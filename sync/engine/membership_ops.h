// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"
#include "sync/engine/engine_context.h"
#include "sync/engine/engine_error.h"
#include "sync/store/types.h"

#include <QStringList>

namespace hearth::sync {

//! The store's names for what a signed membership change says, and back.
[[nodiscard]] store::Role roleFrom(crypto::MemberRole role);
[[nodiscard]] crypto::MemberRole memberRoleFrom(store::Role role);
[[nodiscard]] store::ConversationKind kindFrom(crypto::ChainKind kind);
[[nodiscard]] crypto::ChainKind chainKindFrom(store::ConversationKind kind);
[[nodiscard]] store::MembershipAction actionFrom(crypto::MembershipAction action);

//! This device's signed creation of a conversation with `members` (all plain members), on a
//! fresh chain.
[[nodiscard]] EngineResult<crypto::MembershipOp> signCreation(const Identity &self,
                                                              store::ConversationKind kind,
                                                              const QString &title,
                                                              const QStringList &members);
//! This device's signed change of `conversation`, following the chain this device validated.
//! Untrusted for a conversation without one (stored before signed membership).
[[nodiscard]] EngineResult<crypto::MembershipOp>
signChange(EngineContext &context, ConversationId conversation, crypto::MembershipAction action,
           const UserId &target, std::optional<store::Role> role);

} // namespace hearth::sync
