// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/client_session.h"

#include "relay/metrics.h"
#include "sync/protocol/error_code.h"
#include "sync/protocol/messages.h"

#include <QTimer>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;

ClientSession::ClientSession(QWebSocket *socket, qint64 maxSendBufferBytes, TokenBucket bucket,
                             Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_metrics(metrics)
    , m_peerAddress(socket->peerAddress().toString())
    , m_bucket(bucket)
    , m_maxSendBufferBytes(maxSendBufferBytes) {
    m_socket->setParent(nullptr);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &bytes) {
                if (!m_closing)
                    Q_EMIT frameReceived(this, bytes);
            });
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
            [this] { closeWith(protocol::close_code::kUnsupportedData, u"text frame"_s); });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, [this](qint64 written) {
        // Frame headers make `written` a little larger than what we counted; clamp.
        m_unsentBytes = std::max<qint64>(0, m_unsentBytes - written);
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] { Q_EMIT finished(this); });
}

ClientSession::~ClientSession() {
    m_socket->disconnect(this);
    m_socket->abort();
}

void ClientSession::setGreeted(QByteArray nonce) {
    m_nonce = std::move(nonce);
    m_state = State::Greeted;
}

void ClientSession::setAuthenticated(AccountId account, DeviceId device, QString user) {
    m_account = account;
    m_device = device;
    m_user = std::move(user);
    m_state = State::Authenticated;
}

void ClientSession::reply(quint64 id, const QCborMap &fields) {
    sendEncoded(protocol::Frame::ok(id, fields).encode());
}

void ClientSession::fail(quint64 id, protocol::ErrorCode code, const QString &message,
                         qint64 retryAfterMs) {
    protocol::ErrorReply error{QString(protocol::errorCodeName(code)), message, std::nullopt};
    if (retryAfterMs > 0)
        error.retryAfterMs = static_cast<quint64>(retryAfterMs);
    ++m_metrics.errorsByCode[error.code];
    sendEncoded(
        protocol::Frame::request(protocol::type::kError, id, protocol::encode(error)).encode());
}

void ClientSession::sendEncoded(const QByteArray &frame) {
    if (m_closing)
        return;
    m_unsentBytes += frame.size();
    if (m_unsentBytes > m_maxSendBufferBytes) {
        // why: a reader that stopped reading must not make the relay buffer without bound;
        // a close frame would queue behind what it isn't reading, so drop the connection.
        // What it missed stays available through sync.
        m_closing = true;
        ++m_metrics.closesByReason[u"send buffer full"_s];
        m_socket->abort();
        return;
    }
    m_socket->sendBinaryMessage(frame);
}

void ClientSession::closeWith(int closeCode, const QString &reason) {
    if (m_closing)
        return;
    m_closing = true;
    ++m_metrics.closesByReason[reason];
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode), reason);
    // why: a peer that never answers the close handshake must not hold the slot forever.
    QTimer::singleShot(5000, this, [this] { m_socket->abort(); });
}

} // namespace hearth::relay
