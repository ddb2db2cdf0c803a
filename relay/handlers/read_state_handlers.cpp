// SPDX-License-Identifier: GPL-3.0-or-later
// read and receipts: read markers merged by maximum across a member's devices, and the
// receipts a member chooses to show the others.
#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/relay_context.h"
#include "relay/roles.h"
#include "relay/write_queue.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <QPointer>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

QByteArray readPush(ConversationId conv, const QString &user, quint64 seq) {
    QCborMap fields;
    fields.insert("conv"_L1, conv.value);
    fields.insert("user"_L1, user);
    fields.insert("seq"_L1, static_cast<qint64>(seq));
    return Frame::push(proto::type::kRead, fields).encode();
}

} // namespace

void read(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const ConversationId conv{static_cast<qint64>(frame.uint("conv"_L1))};
    const ConversationState *state = requireMember(ctx, session, id, conv);
    if (state == nullptr)
        return;
    // A marker can't point past the end of the log.
    const quint64 seq = qMin(frame.uint("seq"_L1), state->lastSeq);
    const bool receipt = frame.boolean("receipt"_L1);

    struct Outcome {
        ReadMarker before;
        ReadMarker after;
        QList<AccountId> members;
    };
    auto outcome = std::make_shared<Outcome>();
    const AccountId account = session.account();
    ctx.writes.enqueue(
        [&ctx, outcome, conv, account, seq, receipt](Storage &storage) {
            outcome->before = storage.readMarker(conv, account);
            const auto merged = storage.mergeReadMarker(conv, account, seq, receipt ? seq : 0);
            if (!merged)
                return false;
            outcome->after = *merged;
            if (const ConversationState *current = ctx.conversations.get(conv))
                outcome->members = current->memberIds();
            return true;
        },
        [&ctx, outcome, id, conv, account, user = session.user(),
         session = QPointer<ClientSession>(&session)](bool committed) {
            if (committed) {
                // Own devices always converge; others see only what the member shares.
                if (outcome->after.readSeq > outcome->before.readSeq)
                    ctx.hub.deliver({account}, readPush(conv, user, outcome->after.readSeq),
                                    session.data());
                if (outcome->after.receiptSeq > outcome->before.receiptSeq) {
                    QList<AccountId> others = outcome->members;
                    others.removeAll(account);
                    ctx.hub.deliver(others, readPush(conv, user, outcome->after.receiptSeq));
                }
            }
            QCborMap reply;
            reply.insert("seq"_L1, static_cast<qint64>(outcome->after.readSeq));
            replyAfterWrite(session.data(), id, committed, std::nullopt, u"the marker"_s, reply);
        });
}

void receipts(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const ConversationId conv{static_cast<qint64>(frame.uint("conv"_L1))};
    const ConversationState *state = requireMember(ctx, session, id, conv);
    if (state == nullptr)
        return;
    QCborArray list;
    for (const auto &[user, seq] : ctx.storage.receipts(conv)) {
        QCborMap entry;
        entry.insert("user"_L1, user);
        entry.insert("seq"_L1, static_cast<qint64>(seq));
        list.append(entry);
    }
    QCborMap reply;
    reply.insert("receipts"_L1, list);
    session.reply(id, reply);
}

} // namespace hearth::relay::handlers
