// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/conversation_cache.h"
#include "relay/hub.h"
#include "relay/keyed_buckets.h"
#include "relay/metrics.h"
#include "relay/password_throttle.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/storage/sql_storage.h"
#include "relay/write_queue.h"
#include "sync/protocol/result.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QWebSocketServer>
#include <memory>
#include <optional>

class QTcpServer;
class QHttpServer;

namespace hearth::relay {

class ClientSession;

//! The composition root of hearth-relay: owns storage, the write queue, caches, the hub and
//! the listening sockets, and routes each incoming frame to its handler.
class RelayServer final : public QObject {
    Q_OBJECT

public:
    explicit RelayServer(RelayConfig config, QObject *parent = nullptr);
    ~RelayServer() override;

    //! Opens storage and starts listening; an error message when it can't.
    [[nodiscard]] std::optional<QString> start();
    //! Stops accepting, commits pending writes and closes every connection (1001).
    void shutdown();

    [[nodiscard]] QString wsUrl() const;
    [[nodiscard]] QString httpUrl() const;

private:
    [[nodiscard]] std::optional<QString> listenWebSocket();
    [[nodiscard]] std::optional<QString> listenHttp();
    void acceptPending();
    void onFrame(ClientSession *session, const QByteArray &bytes);
    void onFinished(ClientSession *session);
    void rejectBadFrame(ClientSession &session, const protocol::ProtocolError &error);
    void refreshGauges();

    RelayConfig m_config;
    SqlStorage m_storage;
    WriteQueue m_writes;
    ConversationCache m_conversations;
    Metrics m_metrics;
    Hub m_hub;
    PasswordThrottle m_passwords;
    KeyedBuckets<AccountId> m_firstContacts;
    RelayContext m_context;
    std::unique_ptr<QTcpServer> m_tcp;
    QWebSocketServer m_webSockets;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_httpPort = 0;
    QSet<ClientSession *> m_sessions;
    QHash<QString, qint64> m_connectionsPerIp;
    QTimer m_rateTimer;
    qint64 m_eventsAtLastTick = 0;
    bool m_shuttingDown = false;
};

} // namespace hearth::relay
