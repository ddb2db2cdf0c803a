// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/relay_connection.h"

#include "sync/protocol/messages.h"
#include "sync/protocol/schema.h"

#include <QCoreApplication>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;
using protocol::Frame;
using protocol::ProtocolError;

namespace {
// why: a client must not let a relay make it buffer unbounded data either.
constexpr qint64 kMaxIncomingBytes = 32 * 1024 * 1024;
} // namespace

RelayConnection::RelayConnection(QObject *parent)
    : QObject(parent)
    , m_socket(QString(), QWebSocketProtocol::VersionLatest, this) {
    m_socket.setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    m_socket.setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &RelayConnection::onBinaryMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, &RelayConnection::onDisconnected);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        const protocol::HelloRequest hello{
            protocol::kProtocolVersion, u"hearth-sync/"_s + QCoreApplication::applicationVersion(),
            std::nullopt};
        request(hello.kType, protocol::encode(hello),
                [this](const protocol::ProtocolResult<Frame> &reply) {
                    if (!reply) {
                        close();
                        return;
                    }
                    const auto greeting =
                        protocol::decode<protocol::HelloReply>(reply.value().map());
                    m_nonce = greeting.nonce;
                    m_limits = protocol::Limits::fromCbor(greeting.limits);
                    m_ready = true;
                    Q_EMIT ready();
                });
    });
}

RelayConnection::~RelayConnection() {
    // why: handlers may capture objects that are being destroyed with us; drop them unrun.
    m_pending.clear();
    m_socket.disconnect(this);
}

void RelayConnection::open(const QUrl &url) {
    m_ready = false;
    m_socket.open(url);
}

void RelayConnection::close() {
    m_socket.close();
}

quint64 RelayConnection::request(QLatin1StringView type, const QCborMap &fields,
                                 ReplyHandler handler) {
    const quint64 id = m_nextId++;
    m_pending.insert(id, Pending{QString(type), std::move(handler)});
    m_socket.sendBinaryMessage(Frame::request(type, id, fields).encode());
    return id;
}

void RelayConnection::authenticate(const DeviceCredentials &credentials, ReplyHandler handler) {
    const protocol::AuthRequest auth{UserId{credentials.user}, DeviceId{credentials.device},
                                     credentials.signChallenge(m_nonce)};
    request(auth.kType, protocol::encode(auth), std::move(handler));
}

void RelayConnection::sendRaw(const QByteArray &bytes) {
    m_socket.sendBinaryMessage(bytes);
}

void RelayConnection::onBinaryMessage(const QByteArray &bytes) {
    protocol::ProtocolResult<Frame> decoded = protocol::decodeFrame(bytes);
    if (!decoded) {
        Q_EMIT protocolViolation(decoded.error().message);
        return;
    }
    const Frame &frame = decoded.value();
    if (!frame.isReply()) {
        if (auto error = protocol::validatePush(frame)) {
            Q_EMIT protocolViolation(error->message);
            return;
        }
        Q_EMIT pushed(frame);
        return;
    }
    const auto it = frame.id() ? m_pending.find(*frame.id()) : m_pending.end();
    if (it == m_pending.end()) {
        // An error answering a frame the relay could not read carries id 0.
        Q_EMIT protocolViolation(
            frame.type() == protocol::type::kError
                ? u"relay error: "_s + protocol::decode<protocol::ErrorReply>(frame.map()).message
                : u"reply to no pending request"_s);
        return;
    }
    Pending pending = std::move(it.value());
    m_pending.erase(it);
    if (auto error = protocol::validateReply(frame, pending.type)) {
        pending.handler(*error);
        return;
    }
    if (frame.type() == protocol::type::kError)
        pending.handler(frame.toError());
    else
        pending.handler(frame);
}

void RelayConnection::onDisconnected() {
    m_ready = false;
    failPending(u"connection closed"_s);
    Q_EMIT closed(static_cast<int>(m_socket.closeCode()), m_socket.closeReason());
}

void RelayConnection::failPending(const QString &reason) {
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        it.value().handler(ProtocolError{protocol::ErrorCode::Unavailable, reason, it.key()});
}

} // namespace hearth::engine
