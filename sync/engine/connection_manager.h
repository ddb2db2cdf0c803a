// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/device_credentials.h"
#include "sync/engine/engine_types.h"
#include "sync/engine/relay_connection.h"
#include "sync/engine/relay_link.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <chrono>

namespace hearth::engine {

//! Timing of reconnects and dead-connection detection.
struct ConnectionTiming final {
    std::chrono::milliseconds initialBackoff{500}; //!< first delay, doubled per failure
    std::chrono::milliseconds maxBackoff{30000};   //!< cap of the doubling
    std::chrono::milliseconds pingInterval{15000}; //!< WebSocket ping period
    std::chrono::milliseconds pongTimeout{10000};  //!< no pong within this: drop and reconnect
};

//! Keeps one authenticated connection to the relay while started: connects, authenticates with
//! the device key, reconnects with exponential backoff and full jitter, pings and drops a
//! connection that stops answering. Requests go through request(), which fails at once
//! (NotOnline) while there is no authenticated connection. The engine's parts see it as a
//! RelayLink.
class ConnectionManager final : public RelayLink {
    Q_OBJECT

public:
    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    void setTiming(const ConnectionTiming &timing) { m_timing = timing; }
    //! Starts (or restarts) connecting to `url` as `credentials`.
    void start(const QUrl &url, DeviceCredentials credentials);
    //! Closes the connection and stops reconnecting.
    void stop();

    [[nodiscard]] ConnectionState state() const override { return m_state; }
    [[nodiscard]] const protocol::Limits &limits() const override { return m_limits; }

    //! Sends a request on the authenticated connection; the handler runs exactly once.
    void request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler) override;

    // stateChanged(), online() and pushed() are RelayLink's signals.
Q_SIGNALS:
    //! The relay refused this device's authentication (revoked or unknown device).
    void authenticationFailed(const QString &message);

private:
    void connectNow();
    void onReady();
    void onClosed();
    void scheduleReconnect();
    void setState(ConnectionState state);
    void dropConnection();

    ConnectionTiming m_timing;
    QUrl m_url;
    DeviceCredentials m_credentials;
    bool m_wanted = false;
    int m_failures = 0;
    ConnectionState m_state = ConnectionState::Offline;
    QPointer<RelayConnection> m_connection;
    protocol::Limits m_limits;
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
};

} // namespace hearth::engine
