// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/device_credentials.h"
#include "sync/protocol/frame.h"
#include "sync/protocol/limits.h"

#include <QHash>
#include <QObject>
#include <QUrl>
#include <QWebSocket>
#include <functional>

namespace hearth::engine {

//! One WebSocket connection to a relay: performs the hello exchange, matches replies to
//! requests by id, validates every incoming frame against the protocol schema and hands
//! pushes on. Knows nothing of storage; the sync engine builds on it.
class RelayConnection final : public QObject {
    Q_OBJECT

public:
    //! Receives the "ok" frame, or the error (relay error frame, malformed reply, or the
    //! connection closing before the reply arrived).
    using ReplyHandler = std::function<void(const protocol::ProtocolResult<protocol::Frame> &)>;

    explicit RelayConnection(QObject *parent = nullptr);
    ~RelayConnection() override;

    //! Connects and sends hello; emits ready() or closed().
    void open(const QUrl &url);
    void close();
    [[nodiscard]] bool isReady() const { return m_ready; }

    //! Sends a request with a fresh id; `handler` runs exactly once.
    quint64 request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler);
    //! Sends auth for `credentials` answering the relay's hello nonce.
    void authenticate(const DeviceCredentials &credentials, ReplyHandler handler);
    //! Sends bytes as they are (for tests of the relay's handling of bad input).
    void sendRaw(const QByteArray &bytes);

    [[nodiscard]] const QByteArray &nonce() const { return m_nonce; }
    [[nodiscard]] const protocol::Limits &limits() const { return m_limits; }
    [[nodiscard]] QWebSocket &socket() { return m_socket; }

Q_SIGNALS:
    void ready();
    void pushed(const hearth::protocol::Frame &frame);
    //! The relay sent something the protocol does not allow; the frame was ignored.
    void protocolViolation(const QString &message);
    void closed(int closeCode, const QString &reason);

private:
    void onBinaryMessage(const QByteArray &bytes);
    void onDisconnected();
    void failPending(const QString &reason);

    struct Pending {
        QString type;
        ReplyHandler handler;
    };

    QWebSocket m_socket;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextId = 1;
    bool m_ready = false;
    QByteArray m_nonce;
    protocol::Limits m_limits;
};

} // namespace hearth::engine
