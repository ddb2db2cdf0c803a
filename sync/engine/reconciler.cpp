// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/reconciler.h"

#include "sync/engine/conversation_info.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/event_processor.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"

#include <QLoggingCategory>
#include <algorithm>
#include <memory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcReconciler, "hearth.engine.catchup")

namespace {

//! One message of an `inbox` reply or a `to_device` push, as the store keeps it.
store::IncomingToDevice incomingFrom(const protocol::IncomingToDevice &wire) {
    store::IncomingToDevice message;
    message.qid = wire.qid;
    message.from = DeviceAddress{wire.fromUser, wire.fromDevice};
    message.ts = static_cast<qint64>(wire.ts);
    message.body = wire.body;
    return message;
}

} // namespace

Reconciler::Reconciler(EngineContext &context, EventProcessor &events, KeySharing &keys,
                       QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_events(events)
    , m_keys(keys) {}

void Reconciler::run() {
    m_stats = Stats{};
    m_stats.wall.start();
    refreshConversations([this](const auto &error) {
        if (error)
            return; // offline again: the next connect runs it anew
        drainInbox([this](const auto &inboxError) {
            if (inboxError)
                return;
            // why: a fixed format, read by hearth-bench-catchup; no user data.
            qCInfo(lcReconciler,
                   "caught up: %lld events in %lld pages, %lld ms, processing %lld ms",
                   m_stats.events, m_stats.pages, m_stats.wall.elapsed(),
                   m_stats.processingNs / 1000000);
            Q_EMIT caughtUp();
        });
    });
}

void Reconciler::refreshConversations(Completion done) {
    m_context.connection.send(protocol::ConversationsRequest{}, [this, done](const auto &reply) {
        if (!reply) {
            done(relayError(reply.error()));
            return;
        }
        QList<ConversationId> behind;
        QList<std::pair<quint64, quint64>> readMarkers; // (conversation, read_seq)
        store::ConversationStore &conversations = m_context.store.conversations();
        // why: one commit for the whole list, not one per conversation.
        auto stored = m_context.store.transaction([&]() -> store::StoreStatus {
            for (const protocol::ConversationEntry &entry : reply.value().convs) {
                const store::ConversationInfo info = conversationInfoFrom(entry);
                if (auto upserted = conversations.upsert(info); !upserted)
                    return upserted;
                readMarkers.append({info.id.value, entry.readSeq});
                auto cursor = conversations.cursor(info.id);
                if (cursor && *cursor < info.lastSeq)
                    behind.append(info.id);
            }
            return {};
        });
        if (!stored) {
            done(storeError(stored.error()));
            return;
        }
        for (const auto &[conversation, seq] : std::as_const(readMarkers))
            Q_EMIT readMarkerSeen(conversation, seq);
        Q_EMIT conversationsChanged();
        syncAll(behind, done);
    });
}

void Reconciler::syncAll(QList<ConversationId> pending, Completion done) {
    if (pending.isEmpty()) {
        done(std::nullopt);
        return;
    }
    const ConversationId next = pending.takeFirst();
    syncConversation(next, [this, pending, done](const auto &error) {
        if (error && error->code == EngineErrorCode::NotOnline) {
            done(error);
            return;
        }
        syncAll(pending, done);
    });
}

void Reconciler::syncConversation(ConversationId conversation, Completion done) {
    auto &waiting = m_syncing[conversation.value];
    waiting.append(std::move(done));
    if (waiting.size() > 1) {
        m_again[conversation.value] = true; // run once more after the current one
        return;
    }
    syncPage(conversation);
}

void Reconciler::syncPage(ConversationId conversation) {
    auto cursor = m_context.store.conversations().cursor(conversation);
    if (!cursor) {
        finishSync(conversation, storeError(cursor.error()));
        return;
    }
    requestPage(conversation, *cursor, m_generation.value(conversation.value));
}

void Reconciler::requestPage(ConversationId conversation, quint64 after, quint64 generation) {
    m_context.connection.send(
        protocol::SyncRequest{conversation, after, std::nullopt},
        [this, conversation, after, generation](const auto &reply) {
            if (m_generation.value(conversation.value) != generation)
                return; // prefetched for a sync that has ended
            if (!reply) {
                finishSync(conversation, relayError(reply.error()));
                return;
            }
            // why: a prefetched page follows the page before it only if that one was stored.
            auto cursor = m_context.store.conversations().cursor(conversation);
            if (!cursor || *cursor != after) {
                syncPage(conversation);
                return;
            }
            const QList<protocol::Event> &events = reply.value().events;
            quint64 last = after;
            for (const protocol::Event &event : events)
                last = std::max(last, event.seq);
            const bool more = reply.value().more && last > after;
            // why: the relay reads the next page while this one is verified and stored.
            if (more)
                requestPage(conversation, last, generation);
            m_events.prepare(conversation, events,
                             [this, conversation, events, more, generation](const auto &error) {
                                 if (m_generation.value(conversation.value) != generation)
                                     return;
                                 if (error) {
                                     finishSync(conversation, error);
                                     return;
                                 }
                                 storePage(conversation, events, more);
                             });
        });
}

void Reconciler::storePage(ConversationId conversation, const QList<protocol::Event> &events,
                           bool more) {
    QElapsedTimer processing;
    processing.start();
    if (auto error = m_events.storeEvents(conversation, events, true)) {
        finishSync(conversation, error);
        return;
    }
    m_stats.processingNs += processing.nsecsElapsed();
    m_stats.events += events.size();
    ++m_stats.pages;
    if (more)
        return; // the prefetched page goes on
    if (m_again.take(conversation.value))
        syncPage(conversation);
    else
        finishSync(conversation, std::nullopt);
}

void Reconciler::finishSync(ConversationId conversation, const std::optional<EngineError> &error) {
    m_again.remove(conversation.value);
    ++m_generation[conversation.value]; // a page still in flight is for nobody now
    const QList<Completion> waiting = m_syncing.take(conversation.value);
    for (const Completion &done : waiting)
        done(error);
}

void Reconciler::onEventPush(const protocol::Frame &frame) {
    const protocol::Event event = protocol::decode<protocol::EventPush>(frame.map()).event;
    const ConversationId conversation = event.conv;
    const quint64 seq = event.seq;
    auto known = m_context.store.conversations().conversation(conversation);
    if (!known || !*known) {
        // Added to a conversation: learn it, then fetch it from the start.
        refreshConversations([](const auto &) {});
        return;
    }
    auto cursor = m_context.store.conversations().cursor(conversation);
    if (!cursor)
        return;
    if (seq == *cursor + 1 && !m_syncing.contains(conversation.value)) {
        if (!m_events.readyFor(conversation, {event})) {
            // why: a membership change signed by a device not known yet: the sync path fetches
            // its account's list first.
            syncConversation(conversation, [](const auto &) {});
            return;
        }
        if (auto error = m_events.storeEvents(conversation, {event}, true))
            qCWarning(lcReconciler) << "could not store a pushed event:" << error->message;
        return;
    }
    if (seq <= *cursor)
        return; // already stored (a replay, or a page got it first)
    syncConversation(conversation, [](const auto &) {});
}

void Reconciler::onToDevicePush(const protocol::Frame &frame) {
    const store::IncomingToDevice incoming =
        incomingFrom(protocol::decode<protocol::ToDevicePush>(frame.map()).message);
    if (auto stored = m_context.store.toDevice().storeIncoming({incoming}); !stored)
        return;
    m_context.connection.send(protocol::AckInboxRequest{{incoming.qid}}, [](const auto &) {});
    processStored([](const auto &) {});
}

void Reconciler::drainInbox(Completion done) {
    m_context.connection.send(protocol::InboxRequest{}, [this, done](const auto &reply) {
        if (!reply) {
            done(relayError(reply.error()));
            return;
        }
        QList<store::IncomingToDevice> messages;
        QList<quint64> qids;
        for (const protocol::IncomingToDevice &wire : reply.value().messages) {
            messages.append(incomingFrom(wire));
            qids.append(wire.qid);
        }
        const bool more = reply.value().more;
        if (messages.isEmpty()) {
            processStored(done);
            return;
        }
        // Stored first, then acked: nothing acked is ever lost.
        if (auto stored = m_context.store.toDevice().storeIncoming(messages); !stored) {
            done(storeError(stored.error()));
            return;
        }
        m_context.connection.send(protocol::AckInboxRequest{qids},
                                  [this, more, done](const auto &acked) {
                                      if (!acked) {
                                          done(relayError(acked.error()));
                                          return;
                                      }
                                      processStored([this, more, done](const auto &error) {
                                          if (error || !more)
                                              done(error);
                                          else
                                              drainInbox(done);
                                      });
                                  });
    });
}

void Reconciler::processStored(Completion done) {
    if (m_processing) {
        done(std::nullopt); // the running pass picks the new messages up
        return;
    }
    auto batch = m_context.store.toDevice().incoming(1);
    if (!batch || batch->isEmpty()) {
        done(std::nullopt);
        return;
    }
    m_processing = true;
    const store::IncomingToDevice message = batch->first();
    m_keys.handle(message, [this, message, done](const auto &error) {
        m_processing = false;
        if (error) {
            (void)m_context.store.toDevice().noteAttempt(message.qid);
            done(error);
            return;
        }
        (void)m_context.store.toDevice().removeIncoming(message.qid);
        processStored(done);
    });
}

} // namespace hearth::engine
