// SPDX-License-Identifier: GPL-3.0-or-later
// Signed membership changes for the relay tests: what a client's device signs for
// create_conv, add_member, remove_member, leave and set_role (docs/protocol.md 3.7, 3.9).
#pragma once

#include "crypto/membership_op.h"
#include "tests/support/test_client.h"

#include <QStringList>
#include <optional>

namespace hearth::test {

//! A conversation's membership chain as one member sees it.
struct ChainHead {
    crypto::ChainId chain;
    QByteArray head; //!< hash of the latest change (crypto::MembershipOp::hash)
};

//! The chain of `conv` from the ops of the membership events `client` syncs (the latest op
//! it can see); nullopt when the sync fails or shows no op.
[[nodiscard]] std::optional<ChainHead> chainHeadOf(TestClient &client, quint64 conv);

//! The protocol's role and kind names as a signed change spells them; nullopt for others.
[[nodiscard]] std::optional<hearth::Role> memberRole(const QString &role);
[[nodiscard]] std::optional<hearth::ConversationKind> chainKind(const QString &kind);

//! A creation by `client`'s device, as create_conv with these fields asks it: a fresh chain,
//! `members` without the creator and repeats (as the relay reads them), all as members, and
//! no title for a dm.
[[nodiscard]] crypto::MembershipChange createChange(const TestClient &client,
                                                    QLatin1StringView kind,
                                                    const QStringList &members,
                                                    const QString &title);
//! The next change of `conv` by `client`'s device, following the head it syncs. When it sees
//! no chain (not a member, say), a made-up chain and head, so the relay's own answer shows.
[[nodiscard]] crypto::MembershipChange nextChange(TestClient &client, quint64 conv,
                                                  hearth::MembershipAction action,
                                                  const QString &target,
                                                  std::optional<hearth::Role> role = {});
//! The change for a membership request `type` (add_member, remove_member, leave, set_role) as
//! the fixture's changeMember() sends it; an unknown role name signs as member.
[[nodiscard]] crypto::MembershipChange requestChange(TestClient &client, QLatin1StringView type,
                                                     quint64 conv, const QString &user,
                                                     QLatin1StringView role);

//! `change` signed by `signer`'s device key (whoever the change names as actor); empty with a
//! warning when the change cannot be signed.
[[nodiscard]] QByteArray signChange(const TestClient &signer,
                                    const crypto::MembershipChange &change);

} // namespace hearth::test
