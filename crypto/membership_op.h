// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/conversation_types.h"
#include "crypto/crypto_result.h"
#include "crypto/ids.h"
#include "crypto/public_keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace hearth::crypto {

class SigningKeyPair;

struct ChainIdTag;
//! Names one conversation's membership chain: chosen at random by its creator, so a relay
//! cannot move a chain's changes to another conversation's chain.
using ChainId = RandomId<ChainIdTag>;

inline constexpr qsizetype kMembershipHashSize = 32; //!< BLAKE2b-256 of a change

//! One member of a conversation at its creation.
struct InitialMember final {
    UserId user;
    Role role = Role::Member;
    friend bool operator==(const InitialMember &, const InitialMember &) = default;
};

//! What a membership change says, before it is signed (MembershipOp::sign).
struct MembershipChange final {
    ChainId chain = ChainId::generate();
    //! Hash of the previous change of the chain (MembershipOp::hash); empty for Create.
    QByteArray previous;
    MembershipAction action = MembershipAction::Add;
    DeviceAddress actor; //!< the member making the change, and the device that signs it
    quint64 timestampMs = 0;
    // Create:
    ConversationKind kind = ConversationKind::Group;
    QString title;
    QList<InitialMember> members; //!< everyone but the creator, who is the owner
    // Add, Remove, Leave (target = actor), Role:
    UserId target;
    std::optional<Role> role; //!< Add and Role only
};

//! A membership change signed by the acting member's device (docs/crypto.md, "Membership
//! chain"). It names its chain and the hash of the change before it, so a relay cannot drop,
//! reorder, replay or move changes without the chain breaking (MembershipState::apply).
class MembershipOp final {
public:
    //! Largest change a client accepts (a creation with a few thousand members fits).
    static constexpr qsizetype kMaxSize = qsizetype{256} * 1024;

    //! Signs `change` with the actor device's key. InvalidArgument for an invalid actor, target
    //! or member, a previous hash of the wrong size (or any for Create), a missing or extra
    //! role, or a title over 1,024 UTF-8 bytes.
    [[nodiscard]] static CryptoResult<MembershipOp> sign(const MembershipChange &change,
                                                         const SigningKeyPair &device);
    //! Reads a change's layout (Malformed / UnsupportedVersion); the signature is not checked
    //! yet: verify() with the actor device's key from its account's signed device list.
    [[nodiscard]] static CryptoResult<MembershipOp> parse(QByteArrayView bytes);

    //! BadSignature unless the actor device's key signed this change.
    [[nodiscard]] CryptoResult<void> verify(const SigningPublicKey &actorDeviceKey) const;

    [[nodiscard]] const MembershipChange &change() const { return m_change; }
    //! The signed bytes, as the relay stores and serves them.
    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    //! BLAKE2b-256 of bytes(): the chain head after this change.
    [[nodiscard]] QByteArray hash() const;

private:
    MembershipOp(MembershipChange change, QByteArray bytes);

    MembershipChange m_change;
    QByteArray m_bytes;
};

} // namespace hearth::crypto
