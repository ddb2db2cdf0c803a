// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"
#include "relay/roles.h"

#include <QByteArrayView>
#include <QStringList>
#include <optional>
#include <variant>

namespace hearth::relay {

struct Conversation;
struct RelayContext;
class ClientSession;

// The relay's checks of a signed membership change (docs/protocol.md, "Signed membership
// changes"). The relay holds the op only as signed metadata to store and serve; members'
// clients verify the chain themselves (docs/crypto.md), these checks keep a relay's log
// consistent with what the ops say.

//! The request's `op`, parsed, made by the session's own user and device and signed by that
//! device's key; otherwise an invalid_argument refusal saying which.
[[nodiscard]] std::variant<Refusal, crypto::MembershipOp>
readSignedChange(RelayContext &ctx, const ClientSession &session, QByteArrayView bytes);

//! Whether a create op says what create_conv asks: `kind`, `title` (what the relay stores:
//! empty for a dm) and `members` (the other members in request order, each as a member).
[[nodiscard]] std::optional<Refusal> checkCreateOp(const crypto::MembershipOp &op, QStringView kind,
                                                   const QString &title,
                                                   const QStringList &members);

//! Whether an add, remove, leave or role op says what the request asks: `action` on `target`
//! with `role` (a protocol role name; empty where the action has none).
[[nodiscard]] std::optional<Refusal> checkChangeOp(const crypto::MembershipOp &op,
                                                   hearth::MembershipAction action,
                                                   const QString &target, const QString &role);

//! Inside the write batch: forbidden for a legacy conversation (no chain), stale_membership
//! unless the op names the conversation's chain and follows its head.
[[nodiscard]] std::optional<Refusal> checkFollowsHead(const Conversation &conv,
                                                      const crypto::MembershipOp &op);

} // namespace hearth::relay
