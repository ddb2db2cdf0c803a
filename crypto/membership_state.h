// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"

#include <QMap>

namespace hearth::crypto {

//! A conversation's membership as its signed chain of changes makes it: the members and their
//! roles, and the chain's head. It applies only changes that follow the head and that the
//! permissions matrix (docs/protocol.md section 5.1) allows the actor under the membership the
//! chain itself built — never what a relay says. Signatures are checked by the caller
//! (MembershipOp::verify with the actor device's key from its signed device list) before
//! apply().
class MembershipState final {
public:
    //! The state a creation starts: the creator as owner and the initial members. Errors:
    //! WrongType (not a Create), NotPermitted (a dm without exactly one other member, or an
    //! initial owner).
    [[nodiscard]] static CryptoResult<MembershipState> genesis(const MembershipOp &create);
    //! A state saved earlier (from the fields below); InvalidArgument for an impossible one.
    [[nodiscard]] static CryptoResult<MembershipState> restore(ChainId chain, ConversationKind kind,
                                                               QByteArray head, quint64 length,
                                                               QMap<QString, Role> members);

    //! Applies the next change. BrokenChain when it names another chain or does not follow the
    //! head (dropped, reordered or replayed changes); NotPermitted when the matrix does not
    //! allow it (a change to a dm, an actor who is not a member or lacks the role, adding a
    //! member twice, removing an owner, the last owner leaving others behind…). Nothing changes
    //! on an error.
    [[nodiscard]] CryptoResult<void> apply(const MembershipOp &op);

    [[nodiscard]] const ChainId &chain() const { return m_chain; }
    [[nodiscard]] ConversationKind kind() const { return m_kind; }
    //! Hash of the last change applied.
    [[nodiscard]] const QByteArray &head() const { return m_head; }
    //! Number of changes applied, the creation included.
    [[nodiscard]] quint64 length() const { return m_length; }
    //! Current members by user name.
    [[nodiscard]] const QMap<QString, Role> &members() const { return m_members; }
    [[nodiscard]] std::optional<Role> roleOf(const UserId &user) const;

private:
    MembershipState(ChainId chain, ConversationKind kind, QByteArray head, quint64 length,
                    QMap<QString, Role> members);
    [[nodiscard]] bool permitted(const MembershipChange &change) const;
    [[nodiscard]] qsizetype owners() const;

    ChainId m_chain;
    ConversationKind m_kind;
    QByteArray m_head;
    quint64 m_length = 0;
    QMap<QString, Role> m_members;
};

} // namespace hearth::crypto
