// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"
#include "sync/engine/engine_context.h"
#include "sync/protocol/message_parts.h"
#include "sync/store/event.h"

#include <QList>
#include <QString>

namespace hearth::engine {

class DeviceDirectory;

//! Decides, event by event and in seq order, which membership changes of a conversation this
//! device believes (docs/crypto.md, "Membership chain"): a change counts only when the actor's
//! device signed it, that device is on the actor's signed device list, it follows the chain's
//! head and the permissions matrix allows it under the membership the chain built. A removal
//! the relay made on its own (no signature) is applied as such: it can only remove. Anything
//! else is refused: kept as an event to show, applied to nothing, and the conversation gets a
//! warning. The relay's own fields of a change are never used: what it says comes from the
//! signed bytes.
class MembershipVerifier final {
public:
    MembershipVerifier(EngineContext &context, DeviceDirectory &directory);

    //! Sets `event.membership` from the signed change `wire` carries and its trust, and advances
    //! the stored chain. Call inside the transaction that stores the event. A refusal raises
    //! the conversation's alert; its reason is returned (logged by the caller).
    [[nodiscard]] store::StoreResult<std::optional<QString>> verify(store::IncomingEvent &event,
                                                                    const protocol::Event &wire);

    //! The signed changes among relay events (their `op`), in order.
    [[nodiscard]] static QList<QByteArray> opsOf(const QList<protocol::Event> &events);
    //! The users whose signed changes in `ops` name a device this device does not trust yet:
    //! fetch their lists (DeviceDirectory::ensureFresh) before verify().
    [[nodiscard]] QList<UserId> unknownSigners(const QList<QByteArray> &ops);
    //! True when `events` carry signed changes of a conversation this device has no chain for
    //! and that do not start at its creation: a member added later sees events from its add on,
    //! so it fetches the chain whole (`membership_chain`) and adoptChain()s it first.
    [[nodiscard]] bool needsChain(ConversationId conversation,
                                  const QList<protocol::Event> &events);
    //! Checks a conversation's whole chain (every signed change from its creation, with the
    //! relay's seqs) as verify() would, change by change, and makes what verified the
    //! conversation's chain and members; a change that does not verify ends it there and raises
    //! the alert. Call inside a transaction, with the signers' lists fetched.
    [[nodiscard]] store::StoreStatus adoptChain(ConversationId conversation,
                                                const QList<std::pair<quint64, QByteArray>> &ops);
    //! False while this device waits for approval: its own account's changes can't be checked.
    [[nodiscard]] bool ownAccountKeyPinned();

private:
    //! The actor device's key if it is, or was, on its account's verified list and not blocked.
    [[nodiscard]] std::optional<crypto::SigningPublicKey> signerKey(const DeviceAddress &actor);
    [[nodiscard]] store::StoreResult<std::optional<QString>>
    verifySigned(store::IncomingEvent &event, const QByteArray &bytes);
    //! An unsigned add: believed only as an initial member the signed creation lists.
    [[nodiscard]] store::StoreResult<std::optional<QString>>
    verifyInitialMember(store::IncomingEvent &event);
    [[nodiscard]] store::StoreResult<std::optional<QString>> refuse(store::IncomingEvent &event,
                                                                    const QString &reason);

    EngineContext &m_context;
    DeviceDirectory &m_directory;
};

} // namespace hearth::engine
