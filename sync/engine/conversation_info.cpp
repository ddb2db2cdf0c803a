// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/conversation_info.h"

#include "sync/protocol/names.h"

namespace hearth::engine {

store::ConversationInfo conversationInfoFrom(const protocol::ConversationEntry &entry) {
    store::ConversationInfo info;
    info.id = entry.conv;
    info.kind = protocol::kindFromName(entry.kind).value_or(hearth::ConversationKind::Group);
    info.title = entry.title;
    info.ownRole = protocol::roleFromName(entry.role).value_or(hearth::Role::Member);
    info.lastSeq = entry.lastSeq;
    info.joinedSeq = entry.joinedSeq;
    info.leftSeq = entry.leftSeq;
    return info;
}

} // namespace hearth::engine
