// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"
#include "sync/store/database.h"
#include "sync/store/types.h"

#include <QByteArray>
#include <QMap>
#include <optional>

namespace hearth::store {

//! A conversation's membership chain as this device validated it.
struct ChainRecord final {
    crypto::ChainId chain;
    ConversationKind kind = ConversationKind::Group;
    QByteArray head; //!< hash of the last change applied
    quint64 length = 0;
    //! A member added after the creation fetches the chain whole (`membership_chain`): the
    //! relay's seq of the last change it got. Events up to it were applied by the fetch.
    quint64 fetchedSeq = 0;
    //! The chain's members by user name, which permission checks run on. Keys go to the
    //! conversation's member rows: these, less removals the relay made on its own.
    QMap<QString, Role> members;
};

//! Signed membership state (tables membership_chains and membership_heads, schema v4) and the
//! per-conversation membership alert. Call it inside the transaction that stores the events.
class MembershipStore final {
public:
    explicit MembershipStore(Database &db)
        : m_db(db) {}

    [[nodiscard]] StoreResult<std::optional<ChainRecord>> chain(ConversationId conversation);
    //! The chain's head alone (nullopt without a chain): one row, none of the members, for the
    //! per-message paths.
    [[nodiscard]] StoreResult<std::optional<QByteArray>> head(ConversationId conversation);
    //! The conversation that already uses `chain`, if any (a chain belongs to one conversation).
    [[nodiscard]] StoreResult<std::optional<ConversationId>>
    conversationOf(const crypto::ChainId &chain);
    //! Saves the chain after a change and remembers its new head (at position `length`).
    [[nodiscard]] StoreStatus saveChain(ConversationId conversation, const ChainRecord &record);
    //! Remembers that `head` was the chain's head at `position` (a chain checked whole, whose
    //! heads before the last are never saved by saveChain()).
    [[nodiscard]] StoreStatus rememberHead(ConversationId conversation, const QByteArray &head,
                                           quint64 position);
    //! Sets the title from the signed creation (a member who fetched the chain saw no event).
    [[nodiscard]] StoreStatus describe(ConversationId conversation, const QString &title);
    //! True when `head` was ever this conversation's head: a message naming another head was
    //! written under a membership history this device never saw.
    [[nodiscard]] StoreResult<bool> knowsHead(ConversationId conversation, const QByteArray &head);
    //! True for a conversation stored before signed membership (its membership is frozen).
    [[nodiscard]] StoreResult<bool> isLegacy(ConversationId conversation);

    //! Raises the conversation's alert to `alert` (a weaker one never replaces a stronger one),
    //! noting the seq of the event that raised it.
    [[nodiscard]] StoreStatus raiseAlert(ConversationId conversation, MembershipAlert alert,
                                         quint64 seq);
    [[nodiscard]] StoreResult<MembershipAlert> alert(ConversationId conversation);
    //! The member has read the warning: back to None (a new problem raises it again).
    [[nodiscard]] StoreStatus dismissAlert(ConversationId conversation);

private:
    Database &m_db;
};

} // namespace hearth::store
