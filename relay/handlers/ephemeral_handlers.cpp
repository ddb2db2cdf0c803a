// SPDX-License-Identifier: GPL-3.0-or-later
// typing and presence: relayed to whoever is online, never stored.
#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <QSet>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

QCborMap presenceMap(const QString &user, const Hub::Presence &presence) {
    QCborMap map;
    map.insert("user"_L1, user);
    map.insert("status"_L1, presence.status);
    if (presence.status == proto::presence::kOffline && presence.lastSeenMs > 0)
        map.insert("last_seen"_L1, presence.lastSeenMs);
    return map;
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
    const QByteArray frame =
        Frame::push(proto::type::kPresence, presenceMap(user, ctx.hub.presence(account))).encode();
    ctx.hub.deliver(audience, frame);
}

void typing(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const ConversationState *state =
        requireMember(ctx, session, id, ConversationId{static_cast<qint64>(frame.uint("conv"_L1))});
    if (state == nullptr)
        return;
    QCborMap fields;
    fields.insert("conv"_L1, state->info.id.value);
    fields.insert("user"_L1, session.user());
    fields.insert("active"_L1, frame.boolean("active"_L1));
    QList<AccountId> others = state->memberIds();
    others.removeOne(session.account());
    ctx.hub.deliver(others, Frame::push(proto::type::kTyping, fields).encode());
    session.reply(id);
}

void presence(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const QString status = frame.text("status"_L1);
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
    QCborArray list;
    for (const QCborValue &value : frame.array("users"_L1)) {
        const QString user = value.toString();
        const std::optional<Account> account = ctx.storage.findAccount(user);
        const bool visible =
            account && (account->id == session.account() || contacts.contains(account->id));
        list.append(presenceMap(user, visible
                                          ? ctx.hub.presence(account->id)
                                          : Hub::Presence{QString(proto::presence::kOffline), 0}));
    }
    QCborMap reply;
    reply.insert("presence"_L1, list);
    session.reply(*frame.id(), reply);
}

} // namespace hearth::relay::handlers
