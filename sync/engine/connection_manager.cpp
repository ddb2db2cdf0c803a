// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/connection_manager.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <algorithm>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcConnection, "hearth.engine.connection")

ConnectionManager::ConnectionManager(QObject *parent)
    : RelayLink(parent) {
    m_reconnectTimer.setSingleShot(true);
    m_pongTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ConnectionManager::connectNow);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_connection && !m_pongTimer.isActive()) {
            m_connection->socket().ping();
            m_pongTimer.start(m_timing.pongTimeout);
        }
    });
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcConnection) << "no pong from the relay: dropping the connection";
        dropConnection();
    });
}

ConnectionManager::~ConnectionManager() {
    m_wanted = false;
    delete m_connection.data();
}

void ConnectionManager::start(const QUrl &url, DeviceCredentials credentials) {
    m_url = url;
    m_credentials = std::move(credentials);
    m_wanted = true;
    m_failures = 0;
    if (m_connection)
        dropConnection();
    else
        connectNow();
}

void ConnectionManager::stop() {
    m_wanted = false;
    m_reconnectTimer.stop();
    dropConnection();
}

void ConnectionManager::request(QLatin1StringView type, const QCborMap &fields,
                                ReplyHandler handler) {
    if (m_state != ConnectionState::Online || !m_connection) {
        handler(protocol::ProtocolError{protocol::ErrorCode::Unavailable, u"not connected"_s, {}});
        return;
    }
    m_connection->request(type, fields, std::move(handler));
}

void ConnectionManager::connectNow() {
    if (!m_wanted || m_connection)
        return;
    setState(ConnectionState::Connecting);
    auto *connection = new RelayConnection(this);
    m_connection = connection;
    connect(connection, &RelayConnection::ready, this, &ConnectionManager::onReady);
    connect(connection, &RelayConnection::closed, this, &ConnectionManager::onClosed);
    connect(connection, &RelayConnection::pushed, this, &ConnectionManager::pushed);
    connect(connection, &RelayConnection::protocolViolation, this, [](const QString &message) {
        qCWarning(lcConnection) << "relay protocol violation:" << message;
    });
    connect(&connection->socket(), &QWebSocket::pong, this, [this] { m_pongTimer.stop(); });
    // why: a refused or failed connect must lead to a retry even if no disconnected() follows.
    connect(&connection->socket(), QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error),
            this, [this, connection](QAbstractSocket::SocketError) {
                QTimer::singleShot(0, this, [this, connection] {
                    if (m_connection == connection &&
                        connection->socket().state() == QAbstractSocket::UnconnectedState)
                        dropConnection();
                });
            });
    connection->open(m_url);
}

void ConnectionManager::onReady() {
    RelayConnection *connection = m_connection;
    m_limits = connection->limits();
    connection->authenticate(m_credentials, [this, connection](const auto &reply) {
        if (connection != m_connection)
            return;
        if (!reply) {
            qCWarning(lcConnection)
                << "authentication failed:" << protocol::errorCodeName(reply.error().code);
            if (reply.error().code == protocol::ErrorCode::AuthFailed) {
                m_wanted = false;
                Q_EMIT authenticationFailed(reply.error().message);
            }
            dropConnection();
            return;
        }
        m_failures = 0;
        m_pingTimer.start(m_timing.pingInterval);
        setState(ConnectionState::Online);
        Q_EMIT online();
    });
}

void ConnectionManager::onClosed() {
    auto *connection = qobject_cast<RelayConnection *>(sender());
    if (connection && connection != m_connection)
        return;
    if (m_connection)
        m_connection->deleteLater();
    m_connection = nullptr;
    m_pingTimer.stop();
    m_pongTimer.stop();
    setState(ConnectionState::Offline);
    scheduleReconnect();
}

void ConnectionManager::dropConnection() {
    if (!m_connection) {
        setState(ConnectionState::Offline);
        return;
    }
    RelayConnection *connection = m_connection;
    // why: abort() reports disconnected() synchronously, which lands in onClosed().
    connection->socket().abort();
    if (m_connection == connection)
        onClosed();
}

void ConnectionManager::scheduleReconnect() {
    if (!m_wanted)
        return;
    const qint64 base = m_timing.initialBackoff.count();
    const qint64 cap = m_timing.maxBackoff.count();
    const int shift = std::min(m_failures, 20);
    const qint64 ceiling = std::min(cap, base << shift);
    ++m_failures;
    // Full jitter: anywhere between 0 and the exponential ceiling.
    const qint64 delay = QRandomGenerator::global()->bounded(ceiling + 1);
    m_reconnectTimer.start(std::chrono::milliseconds(delay));
}

void ConnectionManager::setState(ConnectionState state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace hearth::engine
