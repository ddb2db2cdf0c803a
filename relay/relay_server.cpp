// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/relay_server.h"

#include "relay/client_session.h"
#include "relay/handlers/handlers.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/schema.h"

#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QWebSocket>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;

Q_LOGGING_CATEGORY(lcRelay, "hearth.relay")

namespace {
// why: a reconnect storm of thousands of clients must not overflow the kernel's accept queue.
constexpr int kListenBacklog = 4096;
constexpr int kHandshakeTimeoutMs = 10000;
} // namespace

RelayServer::RelayServer(RelayConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_writes(m_storage)
    , m_conversations(m_storage)
    , m_hub(m_metrics)
    , m_passwords(m_config)
    , m_firstContacts(m_config.firstContactBurst, m_config.firstContactRefillMs)
    , m_context{m_config, m_storage, m_writes,    m_conversations,
                m_hub,    m_metrics, m_passwords, m_firstContacts}
    , m_webSockets(u"hearth-relay"_s, QWebSocketServer::NonSecureMode) {
    connect(&m_writes, &WriteQueue::batchFailed, this, [this] { m_conversations.clear(); });
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, [this] {
        m_metrics.eventsPerSecond = m_metrics.eventsStored - m_eventsAtLastTick;
        m_eventsAtLastTick = m_metrics.eventsStored;
    });
}

RelayServer::~RelayServer() {
    // Sessions are children; their sockets must go before the storage they may still touch.
    qDeleteAll(m_sessions);
}

std::optional<QString> RelayServer::start() {
    if (!QDir().mkpath(m_config.dataDir))
        return u"cannot create data dir "_s + m_config.dataDir;
    QFile::setPermissions(m_config.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (auto error = m_storage.open(m_config.dataDir + u"/relay.sqlite3"_s, m_config.durability,
                                    m_config.maxDatabaseBytes))
        return error;
    if (auto error = listenWebSocket())
        return error;
    if (auto error = listenHttp())
        return error;
    m_rateTimer.start();
    return std::nullopt;
}

std::optional<QString> RelayServer::listenWebSocket() {
    if (m_config.usesTls()) {
        QFile certFile(m_config.tlsCertPath);
        QFile keyFile(m_config.tlsKeyPath);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return u"cannot read the TLS certificate or key"_s;
        const QList<QSslCertificate> chain = QSslCertificate::fromDevice(&certFile);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec);
        if (chain.isEmpty() || key.isNull())
            return u"the TLS certificate or key is not valid PEM"_s;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(tls);
        server->setHandshakeTimeout(kHandshakeTimeoutMs);
        m_tcp = std::move(server);
    } else {
        m_tcp = std::make_unique<QTcpServer>();
    }
    m_tcp->setListenBacklogSize(kListenBacklog);
    m_tcp->setMaxPendingConnections(kListenBacklog);
    connect(m_tcp.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            // why: small frames answer requests; Nagle would hold them for the peer's ACK.
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_webSockets.handleConnection(socket);
        }
    });
    m_webSockets.setMaxPendingConnections(kListenBacklog);
    m_webSockets.setHandshakeTimeout(kHandshakeTimeoutMs);
    connect(&m_webSockets, &QWebSocketServer::newConnection, this, &RelayServer::acceptPending);
    if (!m_tcp->listen(m_config.listenAddress, m_config.port))
        return u"cannot listen on %1:%2: %3"_s.arg(m_config.listenAddress.toString())
            .arg(m_config.port)
            .arg(m_tcp->errorString());
    return std::nullopt;
}

std::optional<QString> RelayServer::listenHttp() {
    m_http = std::make_unique<QHttpServer>();
    m_http->route(u"/healthz"_s, [] {
        return QHttpServerResponse("application/json", QByteArray("{\"status\":\"ok\"}\n"));
    });
    m_http->route(u"/metrics"_s, [this] {
        refreshGauges();
        return QHttpServerResponse("text/plain; version=0.0.4", m_metrics.renderPrometheus());
    });
    m_httpPort = m_http->listen(m_config.listenAddress, m_config.httpPort);
    if (m_httpPort == 0)
        return u"cannot listen for HTTP on %1:%2"_s.arg(m_config.listenAddress.toString())
            .arg(m_config.httpPort);
    return std::nullopt;
}

QString RelayServer::wsUrl() const {
    const QString host = m_config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + m_config.listenAddress.toString() + u']'
                             : m_config.listenAddress.toString();
    return (m_config.usesTls() ? u"wss://"_s : u"ws://"_s) + host + u':' +
           QString::number(m_tcp->serverPort());
}

QString RelayServer::httpUrl() const {
    return u"http://%1:%2"_s.arg(m_config.listenAddress.toString()).arg(m_httpPort);
}

void RelayServer::acceptPending() {
    while (QWebSocket *socket = m_webSockets.nextPendingConnection()) {
        const qint64 limit = m_config.limits.maxFrameBytes;
        socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(limit));
        socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(limit));
        const qint64 now = RelayContext::nowMs();
        auto *session = new ClientSession(
            socket, m_config.limits.maxSendBufferBytes,
            TokenBucket(m_config.limits.ratePerSecond, m_config.limits.rateBurst, now), m_metrics,
            this);
        m_sessions.insert(session);
        ++m_metrics.connections;
        ++m_metrics.connectionsTotal;
        connect(session, &ClientSession::frameReceived, this, &RelayServer::onFrame);
        connect(session, &ClientSession::finished, this, &RelayServer::onFinished);
        const qint64 fromPeer = ++m_connectionsPerIp[session->peerAddress()];
        if (m_shuttingDown) {
            session->closeWith(protocol::close_code::kGoingAway, u"relay shutting down"_s);
        } else if (m_metrics.connections > m_config.maxConnections ||
                   fromPeer > m_config.maxConnectionsPerIp) {
            session->closeWith(protocol::close_code::kTryAgainLater, u"too many connections"_s);
        } else {
            QTimer::singleShot(m_config.authTimeoutMs, session, [session] {
                if (session->state() != ClientSession::State::Authenticated)
                    session->closeWith(protocol::close_code::kPolicyViolation,
                                       u"authentication timeout"_s);
            });
        }
    }
}

void RelayServer::onFinished(ClientSession *session) {
    if (!m_sessions.remove(session))
        return;
    --m_metrics.connections;
    if (--m_connectionsPerIp[session->peerAddress()] <= 0)
        m_connectionsPerIp.remove(session->peerAddress());
    if (session->state() == ClientSession::State::Authenticated) {
        --m_metrics.authenticatedConnections;
        if (m_hub.remove(session, RelayContext::nowMs()) && !m_shuttingDown)
            handlers::broadcastPresence(m_context, session->account(), session->user());
    }
    session->deleteLater();
}

void RelayServer::rejectBadFrame(ClientSession &session, const protocol::ProtocolError &error) {
    session.fail(error.requestId.value_or(0), error.code, error.message);
    if (session.countBadFrame(m_config.maxBadFrames))
        session.closeWith(protocol::close_code::kPolicyViolation, u"too many bad frames"_s);
}

void RelayServer::onFrame(ClientSession *session, const QByteArray &bytes) {
    // why: the rate limit is charged on the raw frame. A refused frame is never decoded into
    // QCborValues (a flood of 1 MiB frames of tiny items would otherwise cost the relay
    // that work per frame); only its "id" is looked up, so the refusal can name it.
    qint64 retryAfterMs = 0;
    if (!session->takeToken(RelayContext::nowMs(), retryAfterMs)) {
        ++m_metrics.limitRefusals[u"frame_rate"_s];
        session->fail(protocol::peekRequestId(bytes).value_or(0), ErrorCode::RateLimited,
                      u"slow down"_s, retryAfterMs);
        return;
    }
    protocol::ProtocolResult<Frame> decoded = protocol::decodeFrame(bytes);
    if (!decoded)
        return rejectBadFrame(*session, decoded.error());
    const Frame &frame = decoded.value();
    const protocol::ProtocolResult<const protocol::RequestSpec *> spec =
        protocol::validateRequest(frame);
    if (!spec)
        return rejectBadFrame(*session, spec.error());

    const quint64 id = *frame.id();
    const QLatin1StringView type = spec.value()->type;
    const bool isHello = type == protocol::type::kHello;
    if (session->state() == ClientSession::State::AwaitingHello && !isHello)
        return session->fail(id, ErrorCode::HelloRequired, u"send hello first"_s);
    if (spec.value()->needsAuth && session->state() != ClientSession::State::Authenticated)
        return session->fail(id, ErrorCode::NotAuthenticated, u"authenticate first"_s);
    if (m_shuttingDown)
        return session->fail(id, ErrorCode::Unavailable, u"the relay is shutting down"_s);
    const Handler handler = findHandler(type);
    Q_ASSERT(handler != nullptr); // every schema type has a handler (tst_handler_table)
    handler(m_context, *session, frame);
}

void RelayServer::refreshGauges() {
    m_metrics.writeQueueDepth = m_writes.depth();
    m_metrics.toDeviceQueueDepth = m_storage.toDeviceQueueDepth();
}

void RelayServer::shutdown() {
    m_shuttingDown = true;
    if (m_tcp)
        m_tcp->close();
    m_writes.flush();
    for (ClientSession *session : std::as_const(m_sessions))
        session->closeWith(protocol::close_code::kGoingAway, u"relay shutting down"_s);
    qCInfo(lcRelay) << "shut down cleanly";
}

} // namespace hearth::relay
