// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_context.h"
#include "sync/engine/timeline_change.h"
#include "sync/store/event.h"
#include "sync/store/outbox_store.h"

#include <QObject>
#include <QTimer>

namespace hearth::engine {

class KeySharing;

//! Sends the outbox, oldest first, one message at a time (so each conversation keeps its order):
//! shares the session if needed, encrypts once (the ciphertext is kept with the item, so a
//! resend after a lost reply or a restart is byte-identical and the relay deduplicates it by
//! cmid), sends, and on the reply marks the item sent and stores it as an own event.
class OutboxSender final : public QObject {
    Q_OBJECT

public:
    //! `outbox` is the queue it sends (the profile's, or an in-memory one in unit tests); the
    //! sent message goes to the context's store as an own event.
    OutboxSender(EngineContext &context, store::OutboxStore &outbox, KeySharing &keys,
                 QObject *parent = nullptr);

    //! Writes the message to the outbox (pending); it goes out when the engine is online.
    [[nodiscard]] EngineResult<ClientMessageId> enqueue(ConversationId conversation,
                                                        const store::MessageContent &content);
    //! Sends what is pending, if online and not already sending.
    void pump();

Q_SIGNALS:
    void outboxChanged();
    void messageSent(quint64 conversation, quint64 seq);
    void eventsChanged(quint64 conversation);
    //! Row by row: State for the item (written, failed, sent), then what its stored event
    //! changed once sent (Appended, and its target's change for a relation).
    void timelineChanged(const hearth::engine::TimelineChange &change);

private:
    //! An unsent item an older version wrote (legacy payload) re-encoded in place, its seq
    //! references resolved to (sender, cmid); an error when that cannot be done.
    [[nodiscard]] std::optional<EngineError> upgradeLegacy(store::OutboxItem &item);
    void send(store::OutboxItem item);
    void transmit(const store::OutboxItem &item, const QByteArray &ciphertext);
    //! The item's payload naming the conversation's membership chain head (docs/crypto.md).
    [[nodiscard]] EngineResult<QByteArray> boundToMembership(const store::OutboxItem &item);
    void onSent(const store::OutboxItem &item, const QByteArray &ciphertext, quint64 seq,
                qint64 ts);
    void onFailed(const store::OutboxItem &item, const EngineError &error);
    //! A State change for `cmid` (`seq`: once sent).
    void emitState(ConversationId conversation, const ClientMessageId &cmid, quint64 seq = 0);

    EngineContext &m_context;
    store::OutboxStore &m_outbox;
    KeySharing &m_keys;
    bool m_busy = false;
    // why: one scan of the outbox per batch, not per message (an offline queue can be long).
    QList<store::OutboxItem> m_queue;
    QTimer m_retryTimer;
};

} // namespace hearth::engine
