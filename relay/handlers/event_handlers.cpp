// SPDX-License-Identifier: GPL-3.0-or-later
// send and sync: a conversation's log, written in group commits and read in pages.
#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/event_log.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/metrics.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/roles.h"
#include "relay/write_queue.h"
#include "sync/protocol/messages.h"

#include <QPointer>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

void send(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::SendRequest>(frame);
    const ConversationId conv = request.conv;
    EventRecord event;
    event.sender = session.account();
    event.senderName = session.user();
    event.device = session.device();
    event.kind = QString(proto::event_kind::kMessage);
    event.cmid = request.cmid;
    event.body = request.body;
    if (event.body.size() > ctx.config.limits.maxPayloadBytes)
        return session.fail(
            id, ErrorCode::PayloadTooLarge,
            u"event bodies are at most %1 bytes"_s.arg(ctx.config.limits.maxPayloadBytes));

    struct Outcome {
        std::optional<Refusal> refusal;
        EventRecord event;
        bool duplicate = false;
        QList<AccountId> recipients;
    };
    auto outcome = std::make_shared<Outcome>();
    outcome->event = std::move(event);
    ctx.writes.enqueue(
        [&ctx, outcome, conv](Storage &storage) {
            ConversationState *state = ctx.conversations.get(conv);
            if (state == nullptr) {
                outcome->refusal = memberRefusal(state, outcome->event.sender);
                return true;
            }
            EventRecord &e = outcome->event;
            // why: duplicates are answered before membership is checked, so a retry of a send
            // that was stored always learns its sequence number.
            if (const auto original = storage.findEventByCmid(conv, e.sender, e.cmid)) {
                e.seq = original->seq;
                e.tsMs = original->tsMs;
                outcome->duplicate = true;
                return true;
            }
            const Membership *member = state->member(e.sender);
            if (member == nullptr) {
                outcome->refusal = memberRefusal(state, e.sender);
                return true;
            }
            if (auto refusal = checkSend(state->info.kind, member->role)) {
                outcome->refusal = refusal;
                return true;
            }
            e.tsMs = RelayContext::nowMs();
            if (!appendToLog(storage, *state, e))
                return false;
            outcome->recipients = state->memberIds();
            return true;
        },
        [&ctx, outcome, id, session = QPointer<ClientSession>(&session)](bool committed) {
            const bool stored = committed && !outcome->refusal && !outcome->duplicate;
            if (stored) {
                ++ctx.metrics.eventsStored;
                ctx.hub.deliver(outcome->recipients, encodeEventPush(outcome->event),
                                session.data());
            }
            const proto::SendReply reply{
                outcome->event.seq, static_cast<quint64>(outcome->event.tsMs), outcome->duplicate};
            replyAfterWrite(session.data(), id, committed, outcome->refusal, u"the event"_s,
                            proto::encode(reply));
        });
}

void sync(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::SyncRequest>(frame);
    const ConversationId conv = request.conv;
    const qint64 limit = pageLimit(ctx, session, id, request.limit);
    if (limit == 0)
        return;
    const ConversationState *state = ctx.conversations.get(conv);
    if (state == nullptr)
        return session.fail(id, ErrorCode::NoSuchConversation, u"no such conversation"_s);
    const QList<Membership> windows = ctx.storage.membershipWindows(conv, session.account());
    if (windows.isEmpty())
        return session.fail(id, ErrorCode::NotMember, u"you are not a member"_s);

    // Events inside any of the caller's membership windows, after the cursor.
    const quint64 after = request.after;
    QList<EventRecord> events;
    for (const Membership &window : windows) {
        const quint64 from = qMax(after, window.joinedSeq - 1);
        const quint64 upTo = window.leftSeq.value_or(state->lastSeq);
        if (from < upTo)
            events += ctx.storage.events(conv, from, upTo, limit + 1 - events.size());
        if (events.size() > limit)
            break;
    }
    // why: a page stays well inside the connection's send buffer, however large the events.
    const qint64 maxReplyBytes = ctx.config.limits.maxSendBufferBytes / 2;
    proto::SyncReply reply;
    qint64 bytes = 0;
    for (const EventRecord &event : events) {
        if (reply.events.size() == limit ||
            (!reply.events.isEmpty() && bytes + event.body.size() > maxReplyBytes))
            break;
        bytes += event.body.size();
        reply.events.append(toWire(event));
    }
    reply.more = reply.events.size() < events.size();
    session.reply(id, reply);
}

} // namespace hearth::relay::handlers
