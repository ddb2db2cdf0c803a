// SPDX-License-Identifier: GPL-3.0-or-later
// to_device, inbox, ack_inbox: messages queued per device until that device acknowledges them.
#include "relay/client_session.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
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

QCborMap toCbor(const ToDeviceMessage &m) {
    QCborMap map;
    map.insert("qid"_L1, m.qid);
    map.insert("from_user"_L1, m.fromUser);
    map.insert("from_device"_L1, m.fromDevice.value);
    map.insert("ts"_L1, m.tsMs);
    map.insert("body"_L1, m.body);
    return map;
}

struct Queued {
    ToDeviceMessage message;
    AccountId targetAccount;
};

} // namespace

void toDevice(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const QCborArray messages = frame.array("messages"_L1);
    const proto::Limits &limits = ctx.config.limits;
    if (messages.size() > limits.maxToDeviceBatch)
        return session.fail(id, ErrorCode::InvalidArgument,
                            u"at most %1 messages per request"_s.arg(limits.maxToDeviceBatch));

    auto queued = std::make_shared<QList<Queued>>();
    const qint64 now = RelayContext::nowMs();
    for (const QCborValue &value : messages) {
        const QCborMap m = value.toMap();
        const QByteArray body = m.value("body"_L1).toByteArray();
        if (body.size() > limits.maxToDeviceBytes)
            return session.fail(
                id, ErrorCode::PayloadTooLarge,
                u"to-device bodies are at most %1 bytes"_s.arg(limits.maxToDeviceBytes));
        const QString user = m.value("user"_L1).toString();
        const DeviceId target{m.value("device"_L1).toInteger()};
        const std::optional<Device> device = ctx.storage.device(target);
        if (!device || device->user != user)
            return session.fail(id, ErrorCode::NoSuchDevice,
                                u"%1 has no device %2"_s.arg(user).arg(target.value));
        queued->append(
            Queued{ToDeviceMessage{0, target, session.user(), session.device(), now, body},
                   device->account});
    }

    ctx.writes.enqueue(
        [queued](Storage &storage) {
            for (Queued &q : *queued) {
                const std::optional<qint64> qid = storage.enqueueToDevice(q.message);
                if (!qid)
                    return false;
                q.message.qid = *qid;
            }
            return true;
        },
        [&ctx, queued, id, session = QPointer<ClientSession>(&session)](bool committed) {
            if (committed) {
                for (const Queued &q : *queued) {
                    ClientSession *target = ctx.hub.sessionOf(q.targetAccount, q.message.target);
                    if (target == nullptr)
                        continue;
                    QCborMap fields;
                    fields.insert("message"_L1, toCbor(q.message));
                    target->sendEncoded(Frame::push(proto::type::kToDevice, fields).encode());
                }
            }
            if (!session)
                return;
            if (!committed)
                return session->fail(id, ErrorCode::Internal, u"the messages were not stored"_s);
            QCborMap reply;
            reply.insert("queued"_L1, static_cast<qint64>(queued->size()));
            session->reply(id, reply);
        });
}

void inbox(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const qint64 limit = pageLimit(ctx, session, frame);
    if (limit == 0)
        return;
    const QList<ToDeviceMessage> messages = ctx.storage.inbox(session.device(), limit + 1);
    QCborArray list;
    for (qsizetype i = 0; i < qMin<qsizetype>(messages.size(), limit); ++i)
        list.append(toCbor(messages.at(i)));
    QCborMap reply;
    reply.insert("messages"_L1, list);
    reply.insert("more"_L1, messages.size() > limit);
    session.reply(id, reply);
}

void ackInbox(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    QList<qint64> qids;
    for (const QCborValue &value : frame.array("qids"_L1))
        qids.append(value.toInteger());
    const std::optional<qint64> removed = ctx.storage.ackInbox(session.device(), qids);
    if (!removed)
        return session.fail(id, ErrorCode::Internal, u"the acknowledgement was not stored"_s);
    QCborMap reply;
    reply.insert("removed"_L1, *removed);
    session.reply(id, reply);
}

} // namespace hearth::relay::handlers
