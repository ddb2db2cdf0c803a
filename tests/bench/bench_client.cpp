// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/bench_client.h"

#include "crypto/signing_key.h"
#include "sync/protocol/auth_challenge.h"
#include "sync/protocol/protocol.h"

#include <QTcpSocket>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;
using protocol::Frame;
using protocol::ProtocolError;

BenchClient::BenchClient(QObject *parent)
    : QObject(parent)
    , m_socket(QString(), QWebSocketProtocol::VersionLatest, this) {
    connect(&m_socket, &QWebSocket::connected, this, &BenchClient::onConnected);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &BenchClient::onBinaryMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, &BenchClient::finish);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_closeDetail.isEmpty())
                    m_closeDetail = m_socket.errorString();
            });
}

BenchClient::~BenchClient() {
    m_pending.clear();
    m_socket.disconnect(this);
    m_socket.abort();
}

void BenchClient::open(const QUrl &url) {
    m_socket.open(url);
}

void BenchClient::onConnected() {
    // why: QWebSocket has no low-delay option. Its QTcpSocket is a child object in Qt 6.4; when
    // it is found, turn Nagle off so a send is not held back behind an unacknowledged one (the
    // relay sets TCP_NODELAY on its side). Not found: the client simply runs with Nagle.
    if (auto *tcp = m_socket.findChild<QTcpSocket *>())
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    else
        ++s_lowDelayMisses;
    QCborMap hello;
    hello.insert("version"_L1, static_cast<qint64>(protocol::kProtocolVersion));
    hello.insert("client"_L1, u"hearth-bench-relay"_s);
    request(protocol::type::kHello, hello, [this](const protocol::ProtocolResult<Frame> &reply) {
        if (!reply) {
            m_closeDetail = u"hello failed: "_s + reply.error().message;
            abort();
            return;
        }
        m_nonce = reply.value().bytes("nonce"_L1);
        m_ready = true;
        if (onReady)
            onReady();
    });
}

void BenchClient::onBinaryMessage(const QByteArray &message) {
    if (onRawMessage && onRawMessage(message))
        return;
    protocol::ProtocolResult<Frame> decoded = protocol::decodeFrame(message);
    if (!decoded)
        return;
    const Frame &frame = decoded.value();
    if (!frame.isReply())
        return; // pushes (membership, presence) are of no use to the load generator
    const quint64 id = frame.id().value_or(0);
    const bool isError = frame.type() == protocol::type::kError;
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        if (onRawReply) {
            if (isError)
                onRawReply(id, frame.toError());
            else
                onRawReply(id, frame);
        }
        return;
    }
    ReplyHandler handler = std::move(it.value());
    m_pending.erase(it);
    if (isError)
        handler(frame.toError());
    else
        handler(frame);
}

quint64 BenchClient::request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler) {
    const quint64 id = requestNoHandler(type, fields);
    m_pending.insert(id, std::move(handler));
    return id;
}

quint64 BenchClient::requestNoHandler(QLatin1StringView type, const QCborMap &fields) {
    const quint64 id = m_nextId++;
    if (!m_closed)
        m_socket.sendBinaryMessage(Frame::request(type, id, fields).encode());
    return id;
}

void BenchClient::authenticate(const QString &user, quint64 device, const QByteArray &signingSeed,
                               ReplyHandler handler) {
    const auto key = crypto::SigningKeyPair::fromSeed(signingSeed);
    QCborMap fields;
    fields.insert("user"_L1, user);
    fields.insert("device"_L1, static_cast<qint64>(device));
    fields.insert("sig"_L1, key->sign(protocol::authChallenge(m_nonce, user, device)));
    request(protocol::type::kAuth, fields, std::move(handler));
}

void BenchClient::abort() {
    m_socket.abort();
    finish();
}

void BenchClient::finish() {
    if (m_closed)
        return;
    m_closed = true;
    m_ready = false;
    const int closeCode = static_cast<int>(m_socket.closeCode());
    if (!m_socket.closeReason().isEmpty())
        m_closeDetail = m_socket.closeReason();
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        it.value()(
            ProtocolError{protocol::ErrorCode::Unavailable, u"connection closed"_s, it.key()});
    if (onClosed)
        onClosed(closeCode);
}

} // namespace hearth::bench
