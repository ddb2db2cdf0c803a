// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/conversation_info.h"

#include "sync/protocol/names.h"

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;

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
