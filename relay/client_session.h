// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"
#include "relay/token_bucket.h"
#include "sync/protocol/frame.h"
#include "sync/protocol/message_codec.h"

#include <QObject>
#include <QWebSocket>
#include <memory>

namespace hearth::relay {

struct Metrics;

//! One client connection: its protocol state, identity once authenticated, rate limit and
//! outgoing buffer accounting. Owns its socket.
class ClientSession final : public QObject {
    Q_OBJECT

public:
    enum class State { AwaitingHello, Greeted, Authenticated };

    ClientSession(QWebSocket *socket, qint64 maxSendBufferBytes, TokenBucket bucket,
                  Metrics &metrics, QObject *parent = nullptr);
    ~ClientSession() override;

    [[nodiscard]] State state() const { return m_state; }
    void setGreeted(QByteArray nonce);
    void setAuthenticated(AccountId account, DeviceId device, QString user);

    [[nodiscard]] const QByteArray &nonce() const { return m_nonce; }
    [[nodiscard]] AccountId account() const { return m_account; }
    [[nodiscard]] DeviceId device() const { return m_device; }
    [[nodiscard]] const QString &user() const { return m_user; }
    [[nodiscard]] QString peerAddress() const { return m_peerAddress; }

    void reply(quint64 id, const QCborMap &fields = {});
    //! Replies ok with a typed reply (sync/protocol/replies.h).
    template <protocol::Message R> void reply(quint64 id, const R &message) {
        reply(id, protocol::encode(message));
    }
    void fail(quint64 id, protocol::ErrorCode code, const QString &message,
              qint64 retryAfterMs = 0);
    //! Sends an already encoded frame (fan-out encodes once for all recipients).
    void sendEncoded(const QByteArray &frame);
    //! Closes with a WebSocket close code; `reason` is also counted in the metrics.
    void closeWith(int closeCode, const QString &reason);
    [[nodiscard]] bool isClosing() const { return m_closing; }

    //! Counts a malformed frame; true when the connection has had too many.
    bool countBadFrame(qint64 maxBadFrames) { return ++m_badFrames > maxBadFrames; }
    [[nodiscard]] bool takeToken(qint64 nowMs, qint64 &retryAfterMs) {
        return m_bucket.take(nowMs, retryAfterMs);
    }

Q_SIGNALS:
    void frameReceived(hearth::relay::ClientSession *session, const QByteArray &bytes);
    void finished(hearth::relay::ClientSession *session);

private:
    std::unique_ptr<QWebSocket> m_socket;
    Metrics &m_metrics;
    State m_state = State::AwaitingHello;
    QByteArray m_nonce;
    AccountId m_account;
    DeviceId m_device;
    QString m_user;
    QString m_peerAddress;
    TokenBucket m_bucket;
    qint64 m_badFrames = 0;
    qint64 m_unsentBytes = 0;
    qint64 m_maxSendBufferBytes;
    bool m_closing = false;
};

} // namespace hearth::relay
