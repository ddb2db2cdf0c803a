// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"
#include "sync/engine/engine_context.h"
#include "sync/engine/membership_verifier.h"
#include "sync/engine/page_decryptor.h"
#include "sync/engine/timeline_change.h"
#include "sync/protocol/message_parts.h"
#include "sync/store/event.h"

#include <QList>
#include <QObject>
#include <QSet>

namespace hearth::engine {

class DeviceDirectory;
class KeySharing;

//! Turns relay events into stored events: membership events as they are; messages verified and
//! decrypted with the sender device's inbound session. A message whose key has not arrived is
//! stored as pending (ciphertext kept, key requested) and resolved when the key comes; one that
//! fails verification (forged signature, altered ciphertext, a sender device the account never
//! signed) is rejected: kept out of the store and the timeline, logged and counted.
class EventProcessor final : public QObject {
    Q_OBJECT

public:
    EventProcessor(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
                   QObject *parent = nullptr);

    //! Stores a batch of event maps of one conversation (a sync page or a push), idempotently,
    //! moving the cursor to the last seq in the same transaction when `advanceCursor`.
    [[nodiscard]] std::optional<EngineError> storeEvents(ConversationId conversation,
                                                         const QList<protocol::Event> &events,
                                                         bool advanceCursor);
    //! Gets ready to verify `events`: fetches the device lists of whoever signed their
    //! membership changes and is not known yet (`done` at once when nobody is missing). A
    //! member added after the creation first fetches and checks the conversation's whole
    //! membership chain (MembershipVerifier::adoptChain).
    void prepare(ConversationId conversation, const QList<protocol::Event> &events,
                 Completion done);
    //! True when storeEvents() can verify `events` now (prepare() has nothing to do).
    [[nodiscard]] bool readyFor(ConversationId conversation, const QList<protocol::Event> &events);
    //! Retries the pending messages of `sessionId` (its key just arrived).
    void retryPending(const crypto::SessionId &sessionId);
    //! Decrypts a message body with the sessions this profile holds (no storing); `cmid` is
    //! the relay's, which the payload must carry.
    [[nodiscard]] EngineResult<store::MessageContent> decryptBody(ConversationId conversation,
                                                                  const DeviceAddress &sender,
                                                                  const ClientMessageId &cmid,
                                                                  const QByteArray &body);

    [[nodiscard]] int rejectedCount() const { return m_rejected; }

Q_SIGNALS:
    void eventsChanged(quint64 conversation);
    //! What eventsChanged() changed, row by row (emitted just before it).
    void timelineChanged(const hearth::engine::TimelineChange &change);
    void eventRejected(quint64 conversation, quint64 seq, const QString &reason);
    //! Membership events of `conversation` were stored (its members may have changed).
    void membersChanged(quint64 conversation);
    //! A membership change was refused (stored and shown, applied to nothing).
    void membershipRefused(quint64 conversation, quint64 seq, const QString &reason);
    //! A member wrote under a membership history this device never saw: keys stop flowing.
    void membershipForked(quint64 conversation);

private:
    struct Rejection {
        quint64 seq = 0;
        QString reason;
    };
    //! The event of a relay event map, a message still encrypted (`ciphertext`); nullopt for
    //! an event of an unknown kind.
    [[nodiscard]] static std::optional<store::IncomingEvent> eventFrom(const protocol::Event &wire);
    //! Puts the outcome of decrypting `event` into it (content, or pending / failed state);
    //! false when the event must be rejected.
    [[nodiscard]] bool apply(const PageDecryptor::Result &result, store::IncomingEvent &event,
                             bool requestMissingKey);
    //! False for a device its account's signed list does not hold (never did, or no longer
    //! does): its messages are rejected, decryptable or not, rather than shown or kept waiting
    //! for a key that must never be accepted.
    [[nodiscard]] bool mayWaitForKey(const DeviceAddress &sender);
    //! Fetches the lists of whoever signed `ops` and is not known yet.
    void fetchSigners(const QList<QByteArray> &ops, Completion done);
    //! MembershipVerifier::verify, for an event not stored yet.
    [[nodiscard]] store::StoreResult<std::optional<QString>>
    verifyMembership(store::IncomingEvent &event, const protocol::Event &wire);
    //! Raises the conversation's Fork alert when a decrypted message names a membership head
    //! this device never had (conversations with a signed chain only).
    [[nodiscard]] store::StoreStatus checkMembershipHead(const store::IncomingEvent &event,
                                                         const store::MessageContent &content);
    void reportForks();
    [[nodiscard]] static QString reason(const PageDecryptor::Result &result);

    EngineContext &m_context;
    DeviceDirectory &m_directory;
    KeySharing &m_keys;
    MembershipVerifier m_membership;
    QSet<quint64> m_forked; // conversations that got a Fork alert in the current transaction
    int m_rejected = 0;
};

} // namespace hearth::engine
