// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/roles.h"

#include "sync/protocol/protocol.h"

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
namespace proto = hearth::protocol;

namespace {
constexpr int kOwner = 3;
constexpr int kAdmin = 2;
constexpr int kMember = 1;

std::optional<Refusal> forbidden(const QString &message) {
    return Refusal{ErrorCode::Forbidden, message};
}

std::optional<Refusal> noDmChanges(QStringView kind) {
    if (kind == proto::kind::kDm)
        return forbidden(u"the members of a dm cannot change"_s);
    return std::nullopt;
}
} // namespace

int roleRank(QStringView role) {
    if (role == proto::role::kOwner)
        return kOwner;
    if (role == proto::role::kAdmin)
        return kAdmin;
    if (role == proto::role::kMember)
        return kMember;
    return 0;
}

std::optional<Refusal> checkAdd(QStringView kind, QStringView actorRole, QStringView newRole) {
    if (auto refusal = noDmChanges(kind))
        return refusal;
    const int actor = roleRank(actorRole);
    const int wanted = roleRank(newRole);
    if (wanted == 0 || wanted == kOwner)
        return Refusal{ErrorCode::InvalidArgument,
                       u"members are added as admin or member; use set_role for owners"_s};
    if (actor < kAdmin)
        return forbidden(u"only owners and admins add members"_s);
    if (wanted == kAdmin && actor < kOwner)
        return forbidden(u"only owners add admins"_s);
    return std::nullopt;
}

std::optional<Refusal> checkRemove(QStringView kind, QStringView actorRole,
                                   QStringView targetRole) {
    if (auto refusal = noDmChanges(kind))
        return refusal;
    const int actor = roleRank(actorRole);
    const int target = roleRank(targetRole);
    if (target == kOwner)
        return forbidden(u"owners cannot be removed; they may leave"_s);
    if (actor < kAdmin || target >= actor)
        return forbidden(u"your role does not allow removing this member"_s);
    return std::nullopt;
}

std::optional<Refusal> checkLeave(QStringView kind, QStringView actorRole, qsizetype owners,
                                  qsizetype members) {
    if (kind == proto::kind::kDm)
        return forbidden(u"a dm cannot be left"_s);
    if (roleRank(actorRole) == kOwner && owners == 1 && members > 1)
        return Refusal{ErrorCode::LastOwner, u"make another member owner before leaving"_s};
    return std::nullopt;
}

std::optional<Refusal> checkSetRole(QStringView kind, QStringView actorRole, QStringView targetRole,
                                    QStringView newRole, bool targetIsActor, qsizetype owners) {
    if (auto refusal = noDmChanges(kind))
        return refusal;
    if (roleRank(newRole) == 0)
        return Refusal{ErrorCode::InvalidArgument, u"role must be owner, admin or member"_s};
    if (roleRank(actorRole) != kOwner)
        return forbidden(u"only owners change roles"_s);
    if (targetIsActor && roleRank(targetRole) == kOwner && roleRank(newRole) != kOwner &&
        owners == 1)
        return Refusal{ErrorCode::LastOwner, u"make another member owner first"_s};
    return std::nullopt;
}

std::optional<Refusal> checkSend(QStringView kind, QStringView actorRole) {
    if (kind == proto::kind::kChannel && roleRank(actorRole) < kAdmin)
        return forbidden(u"only owners and admins post in a channel"_s);
    return std::nullopt;
}

bool isMessagePolicy(QStringView policy) {
    return policy == proto::message_policy::kEveryone || policy == proto::message_policy::kShared ||
           policy == proto::message_policy::kNobody;
}

std::optional<Refusal> checkMessagePolicy(QStringView policy, const QString &target,
                                          bool sharesConversation) {
    if (policy == proto::message_policy::kEveryone)
        return std::nullopt;
    if (policy == proto::message_policy::kShared) {
        if (sharesConversation)
            return std::nullopt;
        return Refusal{ErrorCode::NotAccepting,
                       u"%1 accepts conversations only from people who already share one with "
                       "them (message_policy \"shared\")"_s.arg(target)};
    }
    return Refusal{ErrorCode::NotAccepting,
                   u"%1 does not accept being added to conversations (message_policy \"%2\")"_s.arg(
                       target, policy.toString())};
}

} // namespace hearth::relay
