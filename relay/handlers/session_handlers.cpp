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
#include "sync/protocol/messages.h"

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
    if (protocol::decode<protocol::HelloRequest>(frame).version != protocol::kProtocolVersion) {
        session.fail(id, ErrorCode::UnsupportedVersion,
                     u"this relay speaks protocol version %1"_s.arg(protocol::kProtocolVersion));
        return;
    }
    session.setGreeted(crypto::randomBytes(protocol::kNonceSize));
    session.reply(id,
                  protocol::HelloReply{protocol::kProtocolVersion,
                                       u"hearth-relay/"_s + QCoreApplication::applicationVersion(),
                                       session.nonce(),
                                       ctx.config.limits.toCbor(),
                                       {},
                                       ctx.config.registrationName()});
}

void auth(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    if (session.state() == ClientSession::State::Authenticated) {
        session.fail(id, ErrorCode::AlreadyAuthenticated, u"this connection is authenticated"_s);
        return;
    }
    const auto request = protocol::decode<protocol::AuthRequest>(frame);
    const QString &user = request.user.name;
    const DeviceId deviceId = request.device;
    const std::optional<Device> device = ctx.storage.device(deviceId);
    const QByteArray challenge = protocol::authChallenge(session.nonce(), user, deviceId.value);
    if (!device || device->user != user ||
        !crypto::verifySignature(device->signKey, challenge, request.sig)) {
        session.fail(id, ErrorCode::AuthFailed, u"device authentication failed"_s);
        return;
    }
    session.setAuthenticated(device->account, deviceId, user);
    ++ctx.metrics.authenticatedConnections;
    const bool firstDevice = ctx.hub.add(&session);
    session.reply(id, protocol::AuthReply{request.user, deviceId});
    if (firstDevice)
        broadcastPresence(ctx, device->account, user);
}

} // namespace hearth::relay::handlers
