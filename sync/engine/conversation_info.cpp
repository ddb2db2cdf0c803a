// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/conversation_info.h"

#include "sync/protocol/protocol.h"

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;

store::ConversationInfo conversationInfoFrom(const QCborMap &map) {
    store::ConversationInfo info;
    info.id = store::ConversationId{static_cast<quint64>(map.value("conv"_L1).toInteger())};
    const QString kind = map.value("kind"_L1).toString();
    info.kind = kind == protocol::kind::kDm        ? store::ConversationKind::Dm
                : kind == protocol::kind::kChannel ? store::ConversationKind::Channel
                                                   : store::ConversationKind::Group;
    info.title = map.value("title"_L1).toString();
    const QString role = map.value("role"_L1).toString();
    info.ownRole = role == protocol::role::kOwner   ? store::Role::Owner
                   : role == protocol::role::kAdmin ? store::Role::Admin
                                                    : store::Role::Member;
    info.lastSeq = static_cast<quint64>(map.value("last_seq"_L1).toInteger());
    info.joinedSeq = static_cast<quint64>(map.value("joined_seq"_L1).toInteger());
    if (map.contains("left_seq"_L1))
        info.leftSeq = static_cast<quint64>(map.value("left_seq"_L1).toInteger());
    return info;
}

QLatin1StringView kindName(store::ConversationKind kind) {
    switch (kind) {
    case store::ConversationKind::Dm:
        return protocol::kind::kDm;
    case store::ConversationKind::Group:
        return protocol::kind::kGroup;
    case store::ConversationKind::Channel:
        return protocol::kind::kChannel;
    }
    return protocol::kind::kGroup;
}

QLatin1StringView roleName(store::Role role) {
    switch (role) {
    case store::Role::Owner:
        return protocol::role::kOwner;
    case store::Role::Admin:
        return protocol::role::kAdmin;
    case store::Role::Member:
        return protocol::role::kMember;
    }
    return protocol::role::kMember;
}

} // namespace hearth::sync
