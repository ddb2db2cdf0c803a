// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/conversation_info.h"

#include "sync/protocol/names.h"

namespace hearth::sync {

store::ConversationInfo conversationInfoFrom(const protocol::ConversationEntry &entry) {
    store::ConversationInfo info;
    info.id = entry.conv;
    info.kind = kindFromName(entry.kind).value_or(store::ConversationKind::Group);
    info.title = entry.title;
    info.ownRole = roleFromName(entry.role).value_or(store::Role::Member);
    info.lastSeq = entry.lastSeq;
    info.joinedSeq = entry.joinedSeq;
    info.leftSeq = entry.leftSeq;
    return info;
}

QLatin1StringView kindName(store::ConversationKind kind) {
    return protocol::kindName(kind);
}

QLatin1StringView actionName(store::MembershipAction action) {
    return protocol::actionName(action);
}

QLatin1StringView roleName(store::Role role) {
    return protocol::roleName(role);
}

std::optional<store::ConversationKind> kindFromName(QStringView name) {
    return protocol::kindFromName(name);
}

std::optional<store::Role> roleFromName(QStringView name) {
    return protocol::roleFromName(name);
}

std::optional<store::MembershipAction> actionFromName(QStringView name) {
    return protocol::actionFromName(name);
}

} // namespace hearth::sync
