// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/storage/storage.h"

#include <QHash>
#include <memory>

namespace hearth::relay {

//! What routing needs of a conversation on every event: its kind, its next sequence number
//! and its current members. Loaded on first use; kept exact by the write operations that
//! change it, and dropped whole when a write batch fails.
struct ConversationState {
    Conversation info;
    quint64 lastSeq = 0;
    QHash<AccountId, Membership> members; //!< current members only

    [[nodiscard]] const Membership *member(AccountId account) const;
    [[nodiscard]] QList<AccountId> memberIds() const { return members.keys(); }
};

class ConversationCache final {
public:
    explicit ConversationCache(Storage &storage)
        : m_storage(storage) {}

    //! The conversation's state, or nullptr when it doesn't exist.
    [[nodiscard]] ConversationState *get(ConversationId id);
    //! Registers a conversation created in the current write batch.
    ConversationState &insertNew(const Conversation &info);
    void clear() { m_states.clear(); }

private:
    Storage &m_storage;
    QHash<ConversationId, std::shared_ptr<ConversationState>> m_states;
};

} // namespace hearth::relay
