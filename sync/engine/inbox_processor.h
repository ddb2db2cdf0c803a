// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"
#include "sync/engine/engine_context.h"
#include "sync/engine/page_decryptor.h"
#include "sync/store/event.h"

#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QObject>

namespace hearth::sync {

class DeviceDirectory;
class KeySharing;

//! Turns relay events into stored events: membership events as they are; messages verified and
//! decrypted with the sender device's inbound session. A message whose key has not arrived is
//! stored as pending (ciphertext kept, key requested) and resolved when the key comes; one that
//! fails verification (forged signature, altered ciphertext, a sender device the account never
//! signed) is rejected: kept out of the store and the timeline, logged and counted.
class InboxProcessor final : public QObject {
    Q_OBJECT

public:
    InboxProcessor(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
                   QObject *parent = nullptr);

    //! Stores a batch of event maps of one conversation (a sync page or a push), idempotently,
    //! moving the cursor to the last seq in the same transaction when `advanceCursor`.
    [[nodiscard]] std::optional<EngineError>
    storeEvents(ConversationId conversation, const QCborArray &events, bool advanceCursor);
    //! Retries the pending messages of `sessionId` (its key just arrived).
    void retryPending(const crypto::SessionId &sessionId);
    //! Decrypts a message body with the sessions this profile holds (no storing).
    [[nodiscard]] EngineResult<store::MessageContent>
    decryptBody(ConversationId conversation, const DeviceAddress &sender, const QByteArray &body);

    [[nodiscard]] int rejectedCount() const { return m_rejected; }

Q_SIGNALS:
    void eventsChanged(quint64 conversation);
    void eventRejected(quint64 conversation, quint64 seq, const QString &reason);

private:
    struct Rejection {
        quint64 seq = 0;
        QString reason;
    };
    //! The event of a relay event map, a message still encrypted (`ciphertext`); nullopt for
    //! an event of an unknown kind.
    [[nodiscard]] static std::optional<store::IncomingEvent> eventFrom(const QCborMap &map);
    //! Puts the outcome of decrypting `event` into it (content, or pending / failed state);
    //! false when the event must be rejected.
    [[nodiscard]] bool apply(const PageDecryptor::Result &result, store::IncomingEvent &event,
                             bool requestMissingKey);
    //! False for a device its account's signed list does not hold (never did, or no longer
    //! does): its messages are rejected, decryptable or not, rather than shown or kept waiting
    //! for a key that must never be accepted.
    [[nodiscard]] bool mayWaitForKey(const DeviceAddress &sender);
    [[nodiscard]] static QString reason(const PageDecryptor::Result &result);

    EngineContext &m_context;
    DeviceDirectory &m_directory;
    KeySharing &m_keys;
    int m_rejected = 0;
};

} // namespace hearth::sync
