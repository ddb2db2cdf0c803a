// SPDX-License-Identifier: GPL-3.0-or-later
// to_device, inbox, ack_inbox: messages queued per device until that device acknowledges them.
// to_device reaches the sender's own devices and accounts it shares (or shared) a conversation
// with; others only within a first-contact budget. Each inbox holds at most max_inbox_messages.
#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/metrics.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "relay/write_queue.h"
#include "sync/protocol/messages.h"

#include <QPointer>
#include <QSet>
#include <algorithm>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

proto::IncomingToDevice toWire(const ToDeviceMessage &m) {
    return {static_cast<quint64>(m.qid), UserId{m.fromUser}, m.fromDevice,
            static_cast<quint64>(m.tsMs), m.body};
}

struct Queued {
    ToDeviceMessage message;
    AccountId targetAccount;
    QString targetUser;
    bool full = false; //!< its target's inbox was full: not queued
};

//! Of `targets` (accounts other than the sender's), those that never shared a conversation
//! with `sender`; nullopt on a storage failure.
std::optional<QSet<AccountId>> strangersOf(RelayContext &ctx, AccountId sender,
                                           QSet<AccountId> targets) {
    // why: the usual target is a current co-member (a key share), found in the cached
    // member lists; only the rest cost a query, which also sees former members.
    for (const Membership &m : ctx.storage.membershipsOf(sender)) {
        if (targets.isEmpty())
            break;
        if (const ConversationState *state = ctx.conversations.get(m.conv))
            for (auto it = targets.begin(); it != targets.end();)
                it = state->member(*it) ? targets.erase(it) : std::next(it);
    }
    QSet<AccountId> strangers;
    for (const AccountId target : std::as_const(targets)) {
        const std::optional<bool> shared = ctx.storage.everSharedConversation(sender, target);
        if (!shared)
            return std::nullopt;
        if (!*shared)
            strangers.insert(target);
    }
    return strangers;
}

//! Charges the sender's first-contact budget for its messages to `strangers`; false after
//! replying no_shared_conversation when the budget can't cover them.
bool chargeFirstContacts(RelayContext &ctx, ClientSession &session, quint64 id,
                         const QList<Queued> &queued, const QSet<AccountId> &strangers) {
    const qint64 count = std::count_if(queued.cbegin(), queued.cend(), [&](const Queued &q) {
        return strangers.contains(q.targetAccount);
    });
    if (count == 0)
        return true;
    const qint64 now = RelayContext::nowMs();
    const qint64 wait = ctx.firstContacts.waitMs(session.account(), count, now);
    if (wait == 0) {
        ctx.firstContacts.take(session.account(), count, now);
        return true;
    }
    ctx.metrics.limitRefusals[u"first_contact"_s] += count;
    session.fail(id, ErrorCode::NoSharedConversation,
                 u"%1 message(s) go to users who share no conversation with you, and your "
                 "first-contact budget (%2) does not cover them"_s.arg(count)
                     .arg(ctx.config.firstContactBurst),
                 qMax<qint64>(0, wait));
    return false;
}

QList<proto::InboxFullEntry> fullInboxes(const QList<Queued> &queued) {
    QList<proto::InboxFullEntry> list;
    for (const Queued &q : queued)
        if (q.full)
            list.append({UserId{q.targetUser}, q.message.target});
    return list;
}

} // namespace

void toDevice(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const QList<proto::OutgoingToDevice> messages =
        proto::decode<proto::ToDeviceRequest>(frame).messages;
    const proto::Limits &limits = ctx.config.limits;
    if (messages.size() > limits.maxToDeviceBatch)
        return session.fail(id, ErrorCode::InvalidArgument,
                            u"at most %1 messages per request"_s.arg(limits.maxToDeviceBatch));

    auto queued = std::make_shared<QList<Queued>>();
    QSet<AccountId> others;
    const qint64 now = RelayContext::nowMs();
    for (const proto::OutgoingToDevice &m : messages) {
        const QByteArray &body = m.body;
        if (body.size() > limits.maxToDeviceBytes)
            return session.fail(
                id, ErrorCode::PayloadTooLarge,
                u"to-device bodies are at most %1 bytes"_s.arg(limits.maxToDeviceBytes));
        const QString &user = m.user.name;
        const DeviceId target = m.device;
        const std::optional<Device> device = ctx.storage.device(target);
        if (!device || device->user != user)
            return session.fail(id, ErrorCode::NoSuchDevice,
                                u"%1 has no device %2"_s.arg(user).arg(target.value));
        // The account's own devices are always reachable: a new device talks to the others
        // before they approve it.
        if (device->account != session.account())
            others.insert(device->account);
        queued->append(
            Queued{ToDeviceMessage{0, target, session.user(), session.device(), now, body},
                   device->account, user});
    }
    const std::optional<QSet<AccountId>> strangers = strangersOf(ctx, session.account(), others);
    if (!strangers)
        return session.fail(id, ErrorCode::Internal, u"the messages were not stored"_s);
    if (!chargeFirstContacts(ctx, session, id, *queued, *strangers))
        return;

    auto queuedCount = std::make_shared<qint64>(0);
    const qint64 maxInbox = ctx.config.maxInboxMessages;
    ctx.writes.enqueue(
        [queued, queuedCount, maxInbox](Storage &storage) {
            for (Queued &q : *queued) {
                // why: checked inside the batch, so messages queued by requests committed
                // together count too and the cap holds exactly.
                const std::optional<qint64> size = storage.inboxSize(q.message.target);
                if (!size)
                    return false;
                if (*size >= maxInbox) {
                    q.full = true;
                    continue;
                }
                const std::optional<qint64> qid = storage.enqueueToDevice(q.message);
                if (!qid)
                    return false;
                q.message.qid = *qid;
                ++*queuedCount;
            }
            return true;
        },
        [&ctx, queued, queuedCount, id,
         session = QPointer<ClientSession>(&session)](bool committed) {
            const auto full = committed ? fullInboxes(*queued) : QList<proto::InboxFullEntry>();
            if (!full.isEmpty())
                ctx.metrics.limitRefusals[u"inbox_full"_s] += full.size();
            if (committed) {
                for (const Queued &q : *queued) {
                    if (q.full)
                        continue;
                    ClientSession *target = ctx.hub.sessionOf(q.targetAccount, q.message.target);
                    if (target == nullptr)
                        continue;
                    const proto::ToDevicePush push{toWire(q.message)};
                    target->sendEncoded(Frame::push(push.kType, proto::encode(push)).encode());
                }
            }
            if (!session)
                return;
            if (!committed)
                return session->fail(id, ErrorCode::Internal, u"the messages were not stored"_s);
            if (*queuedCount == 0)
                return session->fail(id, ErrorCode::InboxFull,
                                     u"the target inbox holds the most messages allowed"_s);
            proto::ToDeviceReply reply{static_cast<quint64>(*queuedCount), std::nullopt};
            if (!full.isEmpty())
                reply.inboxFull = full;
            session->reply(id, reply);
        });
}

void inbox(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const qint64 limit =
        pageLimit(ctx, session, id, proto::decode<proto::InboxRequest>(frame).limit);
    if (limit == 0)
        return;
    const QList<ToDeviceMessage> messages = ctx.storage.inbox(session.device(), limit + 1);
    proto::InboxReply reply;
    for (qsizetype i = 0; i < qMin<qsizetype>(messages.size(), limit); ++i)
        reply.messages.append(toWire(messages.at(i)));
    reply.more = messages.size() > limit;
    session.reply(id, reply);
}

void ackInbox(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    QList<qint64> qids;
    for (const quint64 qid : proto::decode<proto::AckInboxRequest>(frame).qids)
        qids.append(static_cast<qint64>(qid));
    const std::optional<qint64> removed = ctx.storage.ackInbox(session.device(), qids);
    if (!removed)
        return session.fail(id, ErrorCode::Internal, u"the acknowledgement was not stored"_s);
    session.reply(id, proto::AckInboxReply{static_cast<quint64>(*removed)});
}

} // namespace hearth::relay::handlers
