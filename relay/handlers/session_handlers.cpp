// SPDX-License-Identifier: GPL-3.0-or-later
// hello and auth: opening a connection and proving which device is on it.
#include "crypto/signing_key.h"
#include "crypto/sodium.h"
#include "relay/client_session.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/metrics.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "sync/protocol/auth_challenge.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <QCoreApplication>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;

void hello(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    if (session.state() != ClientSession::State::AwaitingHello) {
        session.fail(id, ErrorCode::InvalidArgument, u"hello was already exchanged"_s);
        return;
    }
    if (frame.uint("version"_L1) != protocol::kProtocolVersion) {
        session.fail(id, ErrorCode::UnsupportedVersion,
                     u"this relay speaks protocol version %1"_s.arg(protocol::kProtocolVersion));
        return;
    }
    session.setGreeted(crypto::randomBytes(protocol::kNonceSize));
    QCborMap reply;
    reply.insert("version"_L1, static_cast<qint64>(protocol::kProtocolVersion));
    reply.insert("relay"_L1, u"hearth-relay/"_s + QCoreApplication::applicationVersion());
    reply.insert("nonce"_L1, session.nonce());
    reply.insert("limits"_L1, ctx.config.limits.toCbor());
    reply.insert("caps"_L1, QCborArray());
    reply.insert("registration"_L1, ctx.config.registrationName());
    session.reply(id, reply);
}

void auth(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    if (session.state() == ClientSession::State::Authenticated) {
        session.fail(id, ErrorCode::AlreadyAuthenticated, u"this connection is authenticated"_s);
        return;
    }
    const QString user = frame.text("user"_L1);
    const DeviceId deviceId{static_cast<qint64>(frame.uint("device"_L1))};
    const std::optional<Device> device = ctx.storage.device(deviceId);
    const QByteArray challenge =
        protocol::authChallenge(session.nonce(), user, static_cast<quint64>(deviceId.value));
    if (!device || device->user != user ||
        !crypto::verifySignature(device->signKey, challenge, frame.bytes("sig"_L1))) {
        session.fail(id, ErrorCode::AuthFailed, u"device authentication failed"_s);
        return;
    }
    session.setAuthenticated(device->account, deviceId, user);
    ++ctx.metrics.authenticatedConnections;
    const bool firstDevice = ctx.hub.add(&session);
    QCborMap reply;
    reply.insert("user"_L1, user);
    reply.insert("device"_L1, deviceId.value);
    session.reply(id, reply);
    if (firstDevice)
        broadcastPresence(ctx, device->account, user);
}

} // namespace hearth::relay::handlers
