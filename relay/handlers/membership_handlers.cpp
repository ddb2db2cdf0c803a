// SPDX-License-Identifier: GPL-3.0-or-later
// add_member, remove_member, leave, set_role: decided and applied inside the write batch,
// so concurrent changes are judged in the order they are logged. Each carries the change
// signed by the caller's device (op), which must say what the request says and follow the
// conversation's membership chain.
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
#include "relay/roles.h"
#include "relay/write_queue.h"
#include "sync/protocol/messages.h"

#include <QPointer>
#include <functional>
#include <variant>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;
using hearth::MembershipAction;

namespace {

//! What a request changes: one membership, logged as one event.
struct Change {
    QString action;
    AccountId target;
    QString targetName;
    QString role;        //!< the target's role afterwards
    bool leaves = false; //!< the target's window closes at this event
    bool joins = false;  //!< the target's window opens at this event
};

using Decision = std::variant<Refusal, Change>;
using Decide =
    std::function<Decision(Storage &, const ConversationState &, const Membership &actor)>;

Refusal notFound(const QString &user) {
    return {ErrorCode::NoSuchUser, u"no user named \"%1\""_s.arg(user)};
}
Refusal notAMember(const QString &user) {
    return {ErrorCode::InvalidArgument, u"%1 is not a member"_s.arg(user)};
}

qsizetype countOwners(const ConversationState &state) {
    return std::count_if(state.members.cbegin(), state.members.cend(),
                         [](const Membership &m) { return m.role == proto::role::kOwner; });
}

//! What the request asks, for the op to say the same: `action` on `target` with `role` (empty
//! where the action has none), in `conv`, signed as `op`.
struct Asked {
    MembershipAction action;
    QString target;
    QString role;
    ConversationId conv;
    QByteArray op;
};

void applyChange(RelayContext &ctx, ClientSession &session, const Frame &frame, const Asked &asked,
                 Decide decide) {
    const quint64 id = *frame.id();
    const ConversationId conv = asked.conv;
    auto signedOp = readSignedChange(ctx, session, asked.op);
    if (const auto *refusal = std::get_if<Refusal>(&signedOp))
        return session.fail(id, refusal->code, refusal->message);
    const crypto::MembershipOp op = std::get<crypto::MembershipOp>(std::move(signedOp));
    if (const auto refusal = checkChangeOp(op, asked.action, asked.target, asked.role))
        return session.fail(id, refusal->code, refusal->message);
    struct Outcome {
        std::optional<Refusal> refusal;
        EventRecord event;
        QList<AccountId> recipients;
    };
    auto outcome = std::make_shared<Outcome>();
    const AccountId actor = session.account();
    const QString actorName = session.user();
    const DeviceId device = session.device();
    ctx.writes.enqueue(
        [&ctx, outcome, conv, actor, actorName, device, decide, op](Storage &storage) {
            ConversationState *state = ctx.conversations.get(conv);
            if ((outcome->refusal = memberRefusal(state, actor)))
                return true;
            // why: judged before the rules, which a client that missed a change applied to
            // an old membership; it syncs, then signs again on the latest head.
            if ((outcome->refusal = checkFollowsHead(state->info, op)))
                return true;
            const Membership *self = state->member(actor);
            Decision decision = decide(storage, *state, *self);
            if (auto *refusal = std::get_if<Refusal>(&decision)) {
                outcome->refusal = *refusal;
                return true;
            }
            const Change &change = std::get<Change>(decision);
            EventRecord event = membershipEvent(
                *state, actor, actorName, device, RelayContext::nowMs(),
                MembershipChange{
                    change.action, change.targetName, change.role, {}, {}, op.bytes()});
            const QByteArray head = op.hash();
            if (!appendToLog(storage, *state, event) || !storage.setChainHead(conv, head))
                return false;
            state->info.chainHead = head;
            Membership m = change.joins ? Membership{conv,        change.target, change.targetName,
                                                     change.role, event.seq,     std::nullopt}
                                        : *state->member(change.target);
            m.role = change.role;
            if (change.leaves)
                m.leftSeq = event.seq;
            if (!storage.putMembership(m))
                return false;
            // The target hears of its own removal: its window includes this event.
            outcome->recipients = state->memberIds();
            if (change.leaves)
                state->members.remove(change.target);
            else
                state->members.insert(change.target, m);
            if (change.joins)
                outcome->recipients.append(change.target);
            outcome->event = event;
            return true;
        },
        [&ctx, outcome, id, session = QPointer<ClientSession>(&session)](bool committed) {
            if (committed && !outcome->refusal) {
                ++ctx.metrics.eventsStored;
                ctx.hub.deliver(outcome->recipients, encodeEventPush(outcome->event),
                                session.data());
            }
            replyAfterWrite(session.data(), id, committed, outcome->refusal, u"the change"_s,
                            proto::encode(proto::SeqReply{outcome->event.seq}));
        });
}

} // namespace

void addMember(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const auto request = proto::decode<proto::AddMemberRequest>(frame);
    const QString user = request.user.name;
    const QString role = request.role.value_or(QString(proto::role::kMember));
    const qint64 maxMembers = ctx.config.limits.maxMembers;
    applyChange(
        ctx, session, frame, Asked{MembershipAction::Add, user, role, request.conv, request.op},
        [&ctx, user, role, maxMembers](Storage &storage, const ConversationState &state,
                                       const Membership &actor) -> Decision {
            if (auto refusal = checkAdd(state.info.kind, actor.role, role))
                return *refusal;
            const std::optional<Account> target = storage.findAccount(user);
            if (!target)
                return notFound(user);
            if (state.member(target->id) != nullptr)
                return Refusal{ErrorCode::InvalidArgument, u"%1 is already a member"_s.arg(user)};
            if (state.members.size() >= maxMembers)
                return Refusal{ErrorCode::TooManyMembers, u"at most %1 members"_s.arg(maxMembers)};
            if (auto refusal = AdmissionCheck(ctx, actor.account).refusal(*target))
                return *refusal;
            return Change{QString(proto::action::kAdd), target->id, user, role, false, true};
        });
}

void removeMember(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const auto request = proto::decode<proto::RemoveMemberRequest>(frame);
    const QString user = request.user.name;
    if (user == session.user())
        return session.fail(*frame.id(), ErrorCode::InvalidArgument,
                            u"to remove yourself, leave"_s);
    applyChange(
        ctx, session, frame, Asked{MembershipAction::Remove, user, {}, request.conv, request.op},
        [user](Storage &storage, const ConversationState &state,
               const Membership &actor) -> Decision {
            const std::optional<Account> target = storage.findAccount(user);
            if (!target)
                return notFound(user);
            const Membership *member = state.member(target->id);
            if (member == nullptr)
                return notAMember(user);
            if (auto refusal = checkRemove(state.info.kind, actor.role, member->role))
                return *refusal;
            return Change{
                QString(proto::action::kRemove), target->id, user, member->role, true, false};
        });
}

void leave(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const auto request = proto::decode<proto::LeaveRequest>(frame);
    applyChange(
        ctx, session, frame,
        Asked{MembershipAction::Leave, session.user(), {}, request.conv, request.op},
        [](Storage &, const ConversationState &state, const Membership &actor) -> Decision {
            if (auto refusal = checkLeave(state.info.kind, actor.role, countOwners(state),
                                          state.members.size()))
                return *refusal;
            return Change{
                QString(proto::action::kLeave), actor.account, actor.user, actor.role, true, false};
        });
}

void setRole(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const auto request = proto::decode<proto::SetRoleRequest>(frame);
    const QString user = request.user.name;
    const QString role = request.role;
    applyChange(
        ctx, session, frame, Asked{MembershipAction::Role, user, role, request.conv, request.op},
        [user, role](Storage &storage, const ConversationState &state,
                     const Membership &actor) -> Decision {
            const std::optional<Account> target = storage.findAccount(user);
            if (!target)
                return notFound(user);
            const Membership *member = state.member(target->id);
            if (member == nullptr)
                return notAMember(user);
            if (auto refusal = checkSetRole(state.info.kind, actor.role, member->role, role,
                                            target->id == actor.account, countOwners(state)))
                return *refusal;
            return Change{QString(proto::action::kRole), target->id, user, role, false, false};
        });
}

} // namespace hearth::relay::handlers
