// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/outbox_sender.h"

#include "crypto/group_envelope.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/payload_codec.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"
#include "sync/protocol/protocol.h"
#include "sync/store/replay_store.h"

#include <QLoggingCategory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcOutbox, "hearth.engine.outbox")

namespace {
constexpr int kRetryDelayMs = 1000;
} // namespace

OutboxSender::OutboxSender(EngineContext &context, store::OutboxStore &outbox, KeySharing &keys,
                           QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_outbox(outbox)
    , m_keys(keys) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &OutboxSender::pump);
}

EngineResult<ClientMessageId> OutboxSender::enqueue(ConversationId conversation,
                                                    const store::MessageContent &content) {
    const ClientMessageId cmid = ClientMessageId::generate();
    const auto payload = encodePayload(cmid, content);
    if (!payload)
        return engineError(EngineErrorCode::InvalidArgument,
                           u"a message names its target by sender and client message id"_s);
    auto item = m_outbox.enqueue(conversation, cmid, *payload, EngineContext::now());
    if (!item)
        return storeError(item.error());
    emitState(conversation, cmid);
    Q_EMIT outboxChanged();
    pump();
    return cmid;
}

void OutboxSender::emitState(ConversationId conversation, const ClientMessageId &cmid,
                             quint64 seq) {
    TimelineChange change;
    change.conversation = conversation.value;
    change.kind = TimelineChange::Kind::State;
    change.cmid = cmid;
    if (seq != 0)
        change.seqs.append(seq);
    Q_EMIT timelineChanged(change);
}

void OutboxSender::pump() {
    if (m_busy || m_context.connection.state() != ConnectionState::Online)
        return;
    if (m_queue.isEmpty()) {
        auto unsent = m_outbox.unsent();
        if (!unsent) {
            qCWarning(lcOutbox) << "store:" << unsent.error();
            return;
        }
        for (const store::OutboxItem &item : *unsent) {
            if (item.state == store::OutboxState::Pending)
                m_queue.append(item);
        }
    }
    if (m_queue.isEmpty())
        return;
    m_busy = true;
    send(m_queue.takeFirst());
}

std::optional<EngineError> OutboxSender::upgradeLegacy(store::OutboxItem &item) {
    if (!item.ciphertext.isEmpty() || readPayload(item.payload))
        return std::nullopt;
    const UserId self = m_context.identity.address().user;
    auto content = decodeLegacyPayload(item.payload, self);
    const auto failure = [] {
        return engineError(EngineErrorCode::InvalidArgument,
                           u"written by an older version: its target is no longer known"_s);
    };
    if (!content || !item.cmid)
        return failure();
    // why: older clients named acknowledged targets by seq; the target's signed (sender, cmid)
    // is what goes out now, so look it up while the store still has it.
    for (std::optional<store::EventRef> *ref :
         {&content->target, &content->replyTo, &content->threadRoot}) {
        if (!*ref || !(*ref)->seq)
            continue;
        auto target = m_context.store.timeline().event(item.conversation, *(*ref)->seq);
        if (!target || !*target || !(*target)->cmid)
            return failure();
        *ref = store::EventRef::byCmid((*target)->sender.user, *(*target)->cmid);
    }
    auto payload = encodePayload(*item.cmid, *content);
    if (!payload)
        return failure();
    item.payload = *payload;
    return std::nullopt;
}

void OutboxSender::send(store::OutboxItem item) {
    if (auto error = upgradeLegacy(item)) {
        onFailed(item, *error);
        return;
    }
    if (!item.ciphertext.isEmpty()) {
        if (auto marked = m_outbox.markSending(item.id, {}); !marked) {
            onFailed(item, storeError(marked.error()));
            return;
        }
        transmit(item, item.ciphertext);
        return;
    }
    m_keys.prepare(item.conversation, [this, item](const auto &error) {
        if (error) {
            onFailed(item, *error);
            return;
        }
        auto payload = boundToMembership(item);
        if (!payload) {
            onFailed(item, payload.error());
            return;
        }
        auto ciphertext = m_keys.encrypt(item.conversation, payload.value());
        if (!ciphertext) {
            onFailed(item, ciphertext.error());
            return;
        }
        if (auto marked = m_outbox.markSending(item.id, ciphertext.value()); !marked) {
            onFailed(item, storeError(marked.error()));
            return;
        }
        transmit(item, ciphertext.value());
    });
}

EngineResult<QByteArray> OutboxSender::boundToMembership(const store::OutboxItem &item) {
    auto head = m_context.store.membership().head(item.conversation);
    if (!head)
        return storeError(head.error());
    if (!*head)
        return item.payload; // stored before signed membership: no chain to name
    auto payload = readPayload(item.payload);
    if (!payload)
        return engineError(EngineErrorCode::InvalidArgument, u"an unreadable queued message"_s);
    // why: the head as of encryption, not of composing: it is the membership the keys went to.
    payload->content.membershipHead = **head;
    auto bound = encodePayload(payload->cmid, payload->content);
    if (!bound)
        return engineError(EngineErrorCode::InvalidArgument, u"an unreadable queued message"_s);
    return *bound;
}

void OutboxSender::transmit(const store::OutboxItem &item, const QByteArray &ciphertext) {
    m_context.connection.send(
        protocol::SendRequest{item.conversation, item.cmid->bytes(), ciphertext},
        [this, item, ciphertext](const auto &reply) {
            if (!reply) {
                onFailed(item, relayError(reply.error()));
                return;
            }
            onSent(item, ciphertext, reply.value().seq, static_cast<qint64>(reply.value().ts));
        });
}

void OutboxSender::onSent(const store::OutboxItem &item, const QByteArray &ciphertext, quint64 seq,
                          qint64 ts) {
    store::IncomingEvent event;
    event.conversation = item.conversation;
    event.seq = seq;
    event.ts = ts;
    event.sender = m_context.identity.address();
    event.kind = store::EventKind::Message;
    event.cmid = item.cmid;
    if (auto payload = readPayload(item.payload))
        event.content = payload->content;
    // why: one commit for the three writes. Each failure is logged and the others still apply:
    // the relay has the message, so the outbox must not send it again.
    (void)m_context.store.transaction([&]() -> store::StoreStatus {
        if (auto marked = m_outbox.markSent(item.id, seq, ts); !marked)
            qCWarning(lcOutbox) << "store:" << marked.error();
        if (auto inserted = m_context.store.events().insert(event); !inserted)
            qCWarning(lcOutbox) << "store:" << inserted.error();
        // why: so this device shows its own message once too if a relay replays it under a new
        // seq.
        if (auto header = crypto::peekGroupEnvelope(ciphertext)) {
            store::ReplayStore replays(m_context.store.database());
            if (auto recorded = replays.recordGroupMessage(item.conversation, event.sender.device,
                                                           header->sessionId, header->index, seq);
                !recorded)
                qCWarning(lcOutbox) << "store:" << recorded.error();
        }
        return {};
    });
    m_busy = false;
    emitState(item.conversation, *item.cmid, seq);
    QList<TimelineChange> changes;
    addChanges(changes, std::span(&event, 1));
    for (const TimelineChange &change : std::as_const(changes))
        Q_EMIT timelineChanged(change);
    Q_EMIT outboxChanged();
    Q_EMIT messageSent(item.conversation.value, seq);
    Q_EMIT eventsChanged(item.conversation.value);
    pump();
}

void OutboxSender::onFailed(const store::OutboxItem &item, const EngineError &error) {
    m_busy = false;
    const bool transient =
        error.code == EngineErrorCode::NotOnline ||
        (error.relayCode && (*error.relayCode == protocol::ErrorCode::RateLimited ||
                             *error.relayCode == protocol::ErrorCode::Internal));
    if (transient) {
        // The item stays (or went back to) Pending: retried after a pause or on reconnect.
        (void)m_outbox.retry(item.id);
        m_queue.clear(); // reloaded in order on the next pump
        m_retryTimer.start(kRetryDelayMs);
        return;
    }
    qCWarning(lcOutbox) << "a message could not be sent:" << error.message;
    (void)m_outbox.markFailed(item.id, error.message);
    if (item.cmid)
        emitState(item.conversation, *item.cmid);
    Q_EMIT outboxChanged();
    pump();
}

} // namespace hearth::engine
