// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/names.h"

#include "sync/protocol/protocol.h"

#include <array>

namespace hearth::protocol {

namespace {

// Indexed by the enums' values.
constexpr std::array kKindNames{kind::kDm, kind::kGroup, kind::kChannel};
constexpr std::array kRoleNames{role::kOwner, role::kAdmin, role::kMember};
constexpr std::array kActionNames{action::kCreate, action::kAdd, action::kRemove, action::kLeave,
                                  action::kRole};
static_assert(int(ConversationKind::Channel) == kKindNames.size() - 1);
static_assert(int(Role::Member) == kRoleNames.size() - 1);
static_assert(int(MembershipAction::Role) == kActionNames.size() - 1);

template <class Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<QLatin1StringView, N> &names, QStringView name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (name == names[i])
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

} // namespace

QLatin1StringView kindName(ConversationKind kind) {
    return kKindNames.at(static_cast<std::size_t>(kind));
}

QLatin1StringView roleName(Role role) {
    return kRoleNames.at(static_cast<std::size_t>(role));
}

QLatin1StringView actionName(MembershipAction action) {
    return kActionNames.at(static_cast<std::size_t>(action));
}

std::optional<ConversationKind> kindFromName(QStringView name) {
    return fromName<ConversationKind>(kKindNames, name);
}

std::optional<Role> roleFromName(QStringView name) {
    return fromName<Role>(kRoleNames, name);
}

std::optional<MembershipAction> actionFromName(QStringView name) {
    return fromName<MembershipAction>(kActionNames, name);
}

} // namespace hearth::protocol
