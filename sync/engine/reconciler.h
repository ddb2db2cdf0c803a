// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_context.h"
#include "sync/protocol/frame.h"
#include "sync/protocol/message_parts.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>

namespace hearth::engine {

class EventProcessor;
class KeySharing;

//! Brings the store up to date with the relay: on every (re)connect `convs`, then `sync` pages
//! after each conversation's cursor (the cursor saved with each page), then the to-device inbox
//! (stored, acked, processed). Also applies live `event` and `to_device` pushes, falling back to
//! a sync whenever a push does not follow the cursor.
class Reconciler final : public QObject {
    Q_OBJECT

public:
    Reconciler(EngineContext &context, EventProcessor &events, KeySharing &keys,
               QObject *parent = nullptr);

    //! The whole procedure; emits caughtUp() at the end.
    void run();
    //! Syncs one conversation after its cursor until the relay has no more (coalesced).
    void syncConversation(ConversationId conversation, Completion done);
    //! Refreshes the conversation list (`convs`) and syncs what is behind.
    void refreshConversations(Completion done);
    //! Fetches, stores, acks and processes the to-device inbox.
    void drainInbox(Completion done);

    void onEventPush(const protocol::Frame &frame);
    void onToDevicePush(const protocol::Frame &frame);

Q_SIGNALS:
    void caughtUp();
    //! `convs` reported the account's merged read marker.
    void readMarkerSeen(quint64 conversation, quint64 seq);
    void conversationsChanged();

private:
    void syncPage(ConversationId conversation);
    //! Asks for the page after `after`; while it is stored, the next one is already asked for.
    void requestPage(ConversationId conversation, quint64 after, quint64 generation);
    //! Verifies and stores one page (its signers' lists fetched), then ends or goes on.
    void storePage(ConversationId conversation, const QList<protocol::Event> &events, bool more);
    void finishSync(ConversationId conversation, const std::optional<EngineError> &error);
    void processStored(Completion done);
    void syncAll(QList<ConversationId> pending, Completion done);

    //! What one run() did, logged when it ends (for operators and hearth-bench-catchup).
    struct Stats {
        qint64 events = 0;
        qint64 pages = 0;
        qint64 processingNs = 0; //!< in EventProcessor::storeEvents: verify, decrypt, store
        QElapsedTimer wall;
    };

    EngineContext &m_context;
    EventProcessor &m_events;
    KeySharing &m_keys;
    QHash<quint64, QList<Completion>> m_syncing;
    QHash<quint64, bool> m_again;
    QHash<quint64, quint64> m_generation; // per conversation, bumped when a sync ends
    bool m_processing = false;
    Stats m_stats;
};

} // namespace hearth::engine
