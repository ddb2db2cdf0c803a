// SPDX-License-Identifier: GPL-3.0-or-later
// convs, create_conv, members.
#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/event_log.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/handlers/signed_change.h"
#include "relay/hub.h"
#include "relay/metrics.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/write_queue.h"
#include "sync/protocol/messages.h"

#include <QPointer>
#include <QSet>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

QString dmKey(AccountId a, AccountId b) {
    return u"%1:%2"_s.arg(qMin(a.value, b.value)).arg(qMax(a.value, b.value));
}

struct NewMember {
    AccountId account;
    QString name;
};

} // namespace

void conversations(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    proto::ConversationsReply reply;
    const QHash<ConversationId, ReadMarker> markers = ctx.storage.readMarkers(session.account());
    for (const Membership &m : ctx.storage.membershipsOf(session.account())) {
        const ConversationState *state = ctx.conversations.get(m.conv);
        if (state == nullptr)
            continue;
        reply.convs.append({m.conv, state->info.kind, state->info.title, m.role,
                            m.leftSeq ? qMin(*m.leftSeq, state->lastSeq) : state->lastSeq,
                            m.joinedSeq, m.leftSeq, markers.value(m.conv).readSeq});
    }
    session.reply(*frame.id(), reply);
}

void createConversation(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::CreateConversationRequest>(frame);
    const QString &kind = request.kind;
    const bool isDm = kind == proto::kind::kDm;
    if (!isDm && kind != proto::kind::kGroup && kind != proto::kind::kChannel)
        return session.fail(id, ErrorCode::InvalidArgument, u"kind must be dm, group or channel"_s);

    // why: the member limit is checked on the distinct names as sent, before any lookup, so
    // an oversized list costs the relay no account reads.
    const qint64 maxMembers = ctx.config.limits.maxMembers;
    QSet<QString> requested;
    for (const QString &name : request.members) {
        if (name != session.user())
            requested.insert(name);
        if (requested.size() + 1 > maxMembers)
            return session.fail(id, ErrorCode::TooManyMembers,
                                u"at most %1 members"_s.arg(maxMembers));
    }

    // Resolve members: unknown names fail, the creator and repeats are ignored.
    QList<NewMember> others;
    for (const QString &name : request.members) {
        if (name == session.user() ||
            std::any_of(others.cbegin(), others.cend(),
                        [&](const NewMember &m) { return m.name == name; }))
            continue;
        const std::optional<Account> account = ctx.storage.findAccount(name);
        if (!account)
            return session.fail(id, ErrorCode::NoSuchUser, u"no user named \"%1\""_s.arg(name));
        others.append(NewMember{account->id, name});
    }
    if (isDm && others.size() != 1)
        return session.fail(id, ErrorCode::InvalidArgument, u"a dm has exactly one other member"_s);

    const QString key = isDm ? dmKey(session.account(), others.first().account) : QString();
    const QString title = isDm ? QString() : request.title.value_or(QString());

    // The creator's signed change must say what this request says (docs/protocol.md 3.7).
    auto readOp = readSignedChange(ctx, session, request.op);
    if (const auto *refusal = std::get_if<Refusal>(&readOp))
        return session.fail(id, refusal->code, refusal->message);
    const crypto::MembershipOp op = std::get<crypto::MembershipOp>(std::move(readOp));
    QStringList names;
    for (const NewMember &m : others)
        names.append(m.name);
    if (const auto refusal = checkCreateOp(op, kind, title, names))
        return session.fail(id, refusal->code, refusal->message);

    struct Outcome {
        std::optional<Refusal> refusal;
        ConversationId conv;
        QList<EventRecord> events;
        QList<AccountId> recipients;
    };
    auto outcome = std::make_shared<Outcome>();
    const AccountId creator = session.account();
    const QString creatorName = session.user();
    const DeviceId device = session.device();
    ctx.writes.enqueue(
        [&ctx, outcome, kind, title, key, others, creator, creatorName, device,
         op](Storage &storage) {
            // Checked inside the batch: two requests for the same dm may share one.
            if (!key.isEmpty()) {
                if (const auto existing = storage.findDm(key)) {
                    outcome->conv = *existing;
                    return true;
                }
            }
            const QByteArray chainId = op.change().chain.bytes();
            if (storage.findChain(chainId)) {
                outcome->refusal = Refusal{ErrorCode::InvalidArgument,
                                           u"op's chain id is another conversation's; choose a "
                                           "fresh one"_s};
                return true;
            }
            // Everyone added must accept it (message_policy), judged before anything is written.
            AdmissionCheck admission(ctx, creator);
            for (const NewMember &m : others) {
                const std::optional<Account> account = storage.findAccount(m.name);
                if (!account)
                    return false;
                if ((outcome->refusal = admission.refusal(*account)))
                    return true;
            }
            const qint64 now = RelayContext::nowMs();
            const QByteArray head = op.hash();
            const auto conv = storage.createConversation(kind, title, key, chainId, now);
            if (!conv || !storage.setChainHead(*conv, head))
                return false;
            ConversationState &state =
                ctx.conversations.insertNew(Conversation{*conv, kind, title, 0, chainId, head});
            outcome->conv = *conv;
            // Every initial member's window starts at the create event, so all see it.
            // why: the create event carries the op; the add events of the initial members
            // that follow it are what that op already says, so they carry none.
            auto join = [&](AccountId account, const QString &name, const QString &role,
                            const QString &action, const QByteArray &signedOp) {
                EventRecord event =
                    membershipEvent(state, creator, creatorName, device, now,
                                    MembershipChange{action, name, role, kind, title, signedOp});
                if (!appendToLog(storage, state, event))
                    return false;
                const Membership m{*conv, account, name, role, 1, std::nullopt};
                if (!storage.putMembership(m))
                    return false;
                state.members.insert(account, m);
                outcome->events.append(event);
                return true;
            };
            if (!join(creator, creatorName, QString(proto::role::kOwner),
                      QString(proto::action::kCreate), op.bytes()))
                return false;
            for (const NewMember &m : others)
                if (!join(m.account, m.name, QString(proto::role::kMember),
                          QString(proto::action::kAdd), {}))
                    return false;
            outcome->recipients = state.memberIds();
            return true;
        },
        [&ctx, outcome, id, session = QPointer<ClientSession>(&session)](bool committed) {
            if (committed) {
                ctx.metrics.eventsStored += outcome->events.size();
                for (const EventRecord &event : outcome->events)
                    ctx.hub.deliver(outcome->recipients, encodeEventPush(event), session.data());
            }
            if (!session)
                return;
            proto::CreateConversationReply reply{outcome->conv, 0};
            if (outcome->events.isEmpty()) { // an existing dm: its newest event
                const ConversationState *state = ctx.conversations.get(outcome->conv);
                reply.seq = state ? state->lastSeq : 0;
            } else {
                reply.seq = outcome->events.last().seq;
            }
            replyAfterWrite(session.data(), id, committed, outcome->refusal, u"the conversation"_s,
                            proto::encode(reply));
        });
}

void members(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const ConversationState *state =
        requireMember(ctx, session, id, proto::decode<proto::MembersRequest>(frame).conv);
    if (state == nullptr)
        return;
    QList<Membership> list = state->members.values();
    std::sort(list.begin(), list.end(), [](const Membership &a, const Membership &b) {
        return a.joinedSeq != b.joinedSeq ? a.joinedSeq < b.joinedSeq : a.user < b.user;
    });
    proto::MembersReply reply;
    for (const Membership &m : list)
        reply.members.append({UserId{m.user}, m.role, m.joinedSeq});
    session.reply(id, reply);
}

void membershipChain(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const ConversationId conv = proto::decode<proto::MembershipChainRequest>(frame).conv;
    if (requireMember(ctx, session, id, conv) == nullptr)
        return;
    // why: a member added later sees events from its add on only, yet checks every change
    // from the creation: the signed changes are served whole to current members.
    const auto ops = ctx.storage.membershipOps(conv);
    if (!ops)
        return session.fail(id, ErrorCode::Internal, u"the membership could not be read"_s);
    proto::MembershipChainReply reply;
    for (const auto &[seq, op] : *ops)
        reply.ops.append({seq, op});
    session.reply(id, reply);
}

} // namespace hearth::relay::handlers
