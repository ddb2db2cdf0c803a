// SPDX-License-Identifier: GPL-3.0-or-later
// typing and presence: relayed to whoever is online, never stored.
#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "sync/protocol/messages.h"

#include <QSet>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

proto::PresenceEntry presenceEntry(const QString &user, const Hub::Presence &presence) {
    proto::PresenceEntry entry{UserId{user}, presence.status, std::nullopt};
    if (presence.status == proto::presence::kOffline && presence.lastSeenMs > 0)
        entry.lastSeen = static_cast<quint64>(presence.lastSeenMs);
    return entry;
}

} // namespace

QList<AccountId> coMembers(RelayContext &ctx, AccountId account) {
    QList<AccountId> audience;
    for (AccountId contact : contactsOf(ctx, account))
        if (ctx.hub.isOnline(contact))
            audience.append(contact);
    return audience;
}

void broadcastPresence(RelayContext &ctx, AccountId account, const QString &user) {
    const QList<AccountId> audience = coMembers(ctx, account);
    if (audience.isEmpty())
        return;
    const proto::PresencePush push{presenceEntry(user, ctx.hub.presence(account))};
    const QByteArray frame = Frame::push(push.kType, proto::encode(push)).encode();
    ctx.hub.deliver(audience, frame);
}

void typing(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::TypingRequest>(frame);
    const ConversationState *state = requireMember(ctx, session, id, request.conv);
    if (state == nullptr)
        return;
    const proto::TypingPush push{state->info.id, UserId{session.user()}, request.active};
    QList<AccountId> others = state->memberIds();
    others.removeOne(session.account());
    ctx.hub.deliver(others, Frame::push(push.kType, proto::encode(push)).encode());
    session.reply(id);
}

void presence(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const QString status = proto::decode<proto::PresenceRequest>(frame).status;
    if (status != proto::presence::kOnline && status != proto::presence::kAway)
        return session.fail(id, ErrorCode::InvalidArgument, u"status must be online or away"_s);
    const bool changed = ctx.hub.presence(session.account()).status != status;
    ctx.hub.setStatus(session.account(), status);
    session.reply(id);
    if (changed)
        broadcastPresence(ctx, session.account(), session.user());
}

void presenceQuery(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    // why: presence is for the people one talks with; anyone else reads as offline, never
    // seen, so a stranger cannot watch when someone is around (or learn that they exist).
    const QSet<AccountId> contacts = contactsOf(ctx, session.account());
    proto::PresenceQueryReply reply;
    for (const QString &user : proto::decode<proto::PresenceQueryRequest>(frame).users) {
        const std::optional<Account> account = ctx.storage.findAccount(user);
        const bool visible =
            account && (account->id == session.account() || contacts.contains(account->id));
        reply.presence.append(
            presenceEntry(user, visible ? ctx.hub.presence(account->id)
                                        : Hub::Presence{QString(proto::presence::kOffline), 0}));
    }
    session.reply(*frame.id(), reply);
}

} // namespace hearth::relay::handlers
