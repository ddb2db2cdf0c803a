// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/conversation_info.h"

#include "sync/protocol/protocol.h"

#include <array>

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;

namespace {

// Indexed by the store's enum values.
constexpr std::array kKindNames{protocol::kind::kDm, protocol::kind::kGroup,
                                protocol::kind::kChannel};
constexpr std::array kRoleNames{protocol::role::kOwner, protocol::role::kAdmin,
                                protocol::role::kMember};
constexpr std::array kActionNames{protocol::action::kCreate, protocol::action::kAdd,
                                  protocol::action::kRemove, protocol::action::kLeave,
                                  protocol::action::kRole};
static_assert(int(store::ConversationKind::Channel) == kKindNames.size() - 1);
static_assert(int(store::Role::Member) == kRoleNames.size() - 1);
static_assert(int(store::MembershipAction::Role) == kActionNames.size() - 1);

template <class Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<QLatin1StringView, N> &names, QStringView name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (name == names[i])
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

} // namespace

store::ConversationInfo conversationInfoFrom(const QCborMap &map) {
    store::ConversationInfo info;
    info.id = store::ConversationId{static_cast<quint64>(map.value("conv"_L1).toInteger())};
    info.kind =
        kindFromName(map.value("kind"_L1).toString()).value_or(store::ConversationKind::Group);
    info.title = map.value("title"_L1).toString();
    info.ownRole = roleFromName(map.value("role"_L1).toString()).value_or(store::Role::Member);
    info.lastSeq = static_cast<quint64>(map.value("last_seq"_L1).toInteger());
    info.joinedSeq = static_cast<quint64>(map.value("joined_seq"_L1).toInteger());
    if (map.contains("left_seq"_L1))
        info.leftSeq = static_cast<quint64>(map.value("left_seq"_L1).toInteger());
    return info;
}

QLatin1StringView kindName(store::ConversationKind kind) {
    return kKindNames.at(static_cast<std::size_t>(kind));
}

QLatin1StringView actionName(store::MembershipAction action) {
    return kActionNames.at(static_cast<std::size_t>(action));
}

QLatin1StringView roleName(store::Role role) {
    return kRoleNames.at(static_cast<std::size_t>(role));
}

std::optional<store::ConversationKind> kindFromName(QStringView name) {
    return fromName<store::ConversationKind>(kKindNames, name);
}

std::optional<store::Role> roleFromName(QStringView name) {
    return fromName<store::Role>(kRoleNames, name);
}

std::optional<store::MembershipAction> actionFromName(QStringView name) {
    return fromName<store::MembershipAction>(kActionNames, name);
}

} // namespace hearth::sync
