// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/frame.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QUrl>
#include <QWebSocket>
#include <functional>

namespace hearth::bench {

//! A thin load-generation client over QWebSocket. It speaks the same protocol as
//! engine::RelayConnection (hello, signed-nonce auth, replies matched by id) but shows every binary
//! message to `onRawMessage` first, so the throughput phase can spot its own deliveries by a
//! marker in the raw bytes without CBOR-decoding them, and it skips the schema validation of
//! replies, so the load generator stays cheaper than the relay it measures.
class BenchClient final : public QObject {
public:
    using ReplyHandler = std::function<void(const protocol::ProtocolResult<protocol::Frame> &)>;
    //! Sees every binary message first; returns true when it consumed it (no decoding).
    using RawHandler = std::function<bool(const QByteArray &message)>;

    explicit BenchClient(QObject *parent = nullptr);
    ~BenchClient() override;

    //! WebSocket handshake (QWebSocket), then hello; then `onReady` (or `onClosed`).
    void open(const QUrl &url);
    //! Signs the hello nonce with the device key derived from `signingSeed` and sends auth.
    void authenticate(const QString &user, quint64 device, const QByteArray &signingSeed,
                      ReplyHandler handler);
    quint64 request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler);
    //! A request whose reply goes to `onRawReply` (id, decoded frame) instead of a handler.
    quint64 requestNoHandler(QLatin1StringView type, const QCborMap &fields);
    void abort();

    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] bool isClosed() const { return m_closed; }
    [[nodiscard]] QString closeDetail() const { return m_closeDetail; }
    [[nodiscard]] const QByteArray &nonce() const { return m_nonce; }
    //! Connections on which TCP_NODELAY could not be set (QWebSocket's socket not found).
    [[nodiscard]] static int lowDelayMisses() { return s_lowDelayMisses; }

    std::function<void()> onReady;
    //! QWebSocket's close code (1006 when the connection ended without a close frame).
    std::function<void(int closeCode)> onClosed;
    RawHandler onRawMessage;
    std::function<void(quint64 id, const protocol::ProtocolResult<protocol::Frame> &)> onRawReply;

private:
    void onConnected();
    void onBinaryMessage(const QByteArray &message);
    void finish();

    QWebSocket m_socket;
    QHash<quint64, ReplyHandler> m_pending;
    quint64 m_nextId = 1;
    QByteArray m_nonce;
    bool m_ready = false;
    bool m_closed = false;
    QString m_closeDetail;
    static inline int s_lowDelayMisses = 0;
};

} // namespace hearth::bench
