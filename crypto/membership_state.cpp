// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/membership_state.h"

#include <algorithm>

namespace hearth::crypto {

MembershipState::MembershipState(ChainId chain, ConversationKind kind, QByteArray head,
                                 quint64 length, QMap<QString, Role> members)
    : m_chain(std::move(chain))
    , m_kind(kind)
    , m_head(std::move(head))
    , m_length(length)
    , m_members(std::move(members)) {}

CryptoResult<MembershipState> MembershipState::genesis(const MembershipOp &create) {
    const MembershipChange &change = create.change();
    if (change.action != MembershipAction::Create)
        return CryptoError::WrongType;
    QMap<QString, Role> members;
    members.insert(change.actor.user.name, Role::Owner);
    for (const InitialMember &member : change.members) {
        if (member.role == Role::Owner)
            return CryptoError::NotPermitted;
        members.insert(member.user.name, member.role);
    }
    // why: a dm is exactly its two people, forever (no later change applies to one either).
    if (change.kind == ConversationKind::Dm &&
        (change.members.size() != 1 || change.members.first().role != Role::Member))
        return CryptoError::NotPermitted;
    return MembershipState(change.chain, change.kind, create.hash(), 1, std::move(members));
}

CryptoResult<MembershipState> MembershipState::restore(ChainId chain, ConversationKind kind,
                                                       QByteArray head, quint64 length,
                                                       QMap<QString, Role> members) {
    if (head.size() != kMembershipHashSize || length == 0 || members.isEmpty())
        return CryptoError::InvalidArgument;
    return MembershipState(std::move(chain), kind, std::move(head), length, std::move(members));
}

std::optional<Role> MembershipState::roleOf(const UserId &user) const {
    const auto it = m_members.constFind(user.name);
    if (it == m_members.cend())
        return std::nullopt;
    return *it;
}

qsizetype MembershipState::owners() const {
    return std::count(m_members.cbegin(), m_members.cend(), Role::Owner);
}

bool MembershipState::permitted(const MembershipChange &change) const {
    const std::optional<Role> actor = roleOf(change.actor.user);
    const std::optional<Role> target = roleOf(change.target);
    if (m_kind == ConversationKind::Dm || !actor)
        return false;
    const bool owner = *actor == Role::Owner;
    const bool admin = *actor == Role::Admin;
    switch (change.action) {
    case MembershipAction::Create:
        return false;
    case MembershipAction::Add:
        // Owners add members and admins, admins add members; nobody is added as an owner.
        return !target && *change.role != Role::Owner &&
               (owner || (admin && *change.role == Role::Member));
    case MembershipAction::Remove:
        // Owners remove admins and members, admins remove members; nobody removes an owner or
        // themself (that is Leave).
        return target && change.target != change.actor.user && *target != Role::Owner &&
               (owner || (admin && *target == Role::Member));
    case MembershipAction::Leave:
        // The only owner stays while others remain (promote someone first).
        return !(owner && owners() == 1 && m_members.size() > 1);
    case MembershipAction::Role:
        if (!owner || !target)
            return false;
        // The last owner does not demote themself.
        return !(change.target == change.actor.user && *change.role != Role::Owner &&
                 owners() == 1);
    }
    return false;
}

CryptoResult<void> MembershipState::apply(const MembershipOp &op) {
    const MembershipChange &change = op.change();
    if (change.action == MembershipAction::Create || !(change.chain == m_chain) ||
        change.previous != m_head)
        return CryptoError::BrokenChain;
    if (!permitted(change))
        return CryptoError::NotPermitted;
    switch (change.action) {
    case MembershipAction::Add:
    case MembershipAction::Role:
        m_members.insert(change.target.name, *change.role);
        break;
    case MembershipAction::Remove:
    case MembershipAction::Leave:
        m_members.remove(change.target.name);
        break;
    case MembershipAction::Create:
        break;
    }
    m_head = op.hash();
    ++m_length;
    return {};
}

} // namespace hearth::crypto
