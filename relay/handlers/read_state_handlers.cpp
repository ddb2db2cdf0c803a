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
#include "sync/protocol/messages.h"

#include <QPointer>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

QByteArray readPush(ConversationId conv, const QString &user, quint64 seq) {
    const proto::ReadPush push{conv, UserId{user}, seq};
    return Frame::push(push.kType, proto::encode(push)).encode();
}

} // namespace

void read(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::ReadRequest>(frame);
    const ConversationId conv = request.conv;
    const ConversationState *state = requireMember(ctx, session, id, conv);
    if (state == nullptr)
        return;
    // A marker can't point past the end of the log.
    const quint64 seq = qMin(request.seq, state->lastSeq);
    const bool receipt = request.receipt;

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
            replyAfterWrite(session.data(), id, committed, std::nullopt, u"the marker"_s,
                            proto::encode(proto::ReadReply{{outcome->after.readSeq}}));
        });
}

void receipts(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const ConversationId conv = proto::decode<proto::ReceiptsRequest>(frame).conv;
    const ConversationState *state = requireMember(ctx, session, id, conv);
    if (state == nullptr)
        return;
    proto::ReceiptsReply reply;
    for (const auto &[user, seq] : ctx.storage.receipts(conv))
        reply.receipts.append({UserId{user}, seq});
    session.reply(id, reply);
}

} // namespace hearth::relay::handlers
