// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/conversation_cache.h"

namespace hearth::relay {

const Membership *ConversationState::member(AccountId account) const {
    const auto it = members.constFind(account);
    return it == members.cend() ? nullptr : &it.value();
}

ConversationState *ConversationCache::get(ConversationId id) {
    if (const auto it = m_states.constFind(id); it != m_states.cend())
        return it.value().get();
    const std::optional<Conversation> info = m_storage.conversation(id);
    if (!info)
        return nullptr;
    auto state = std::make_shared<ConversationState>();
    state->info = *info;
    state->lastSeq = info->lastSeq;
    for (const Membership &m : m_storage.members(id))
        state->members.insert(m.account, m);
    m_states.insert(id, state);
    return state.get();
}

ConversationState &ConversationCache::insertNew(const Conversation &info) {
    auto state = std::make_shared<ConversationState>();
    state->info = info;
    state->lastSeq = info.lastSeq;
    m_states.insert(info.id, state);
    return *state;
}

} // namespace hearth::relay
