// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/device_credentials.h"
#include "sync/engine/relay_connection.h"
#include "sync/protocol/frame.h"

#include <QCborMap>
#include <QList>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

namespace hearth::test {

//! Generous default for every wait: a relay under a sanitizer on a busy machine is slow.
inline constexpr int kWaitMs = 10000;

//! Runs the event loop until `frames` holds one that `matches`, then removes and returns it;
//! nullopt when none came within `timeoutMs`.
[[nodiscard]] std::optional<protocol::Frame>
takeFrame(QList<protocol::Frame> &frames,
          const std::function<bool(const protocol::Frame &)> &matches, int timeoutMs = kWaitMs);

//! A blocking wrapper over engine::RelayConnection for tests. Every wait runs the event loop
//! until its condition holds or the timeout passes; a timeout is reported as a value whose
//! message says what was being waited for, never as a hang.
class TestClient final {
public:
    TestClient();
    ~TestClient();
    TestClient(const TestClient &) = delete;
    TestClient &operator=(const TestClient &) = delete;

    //! Opens the connection and waits for the hello exchange; false (see lastError()) when
    //! the relay closed the connection or did not answer.
    [[nodiscard]] bool connect(const QUrl &url, int timeoutMs = kWaitMs);
    void close() { m_connection.close(); }
    [[nodiscard]] bool isOpen() const { return !m_closeCode && m_connection.isReady(); }
    [[nodiscard]] const QString &lastError() const { return m_lastError; }

    //! Sends one request and waits for its reply.
    [[nodiscard]] protocol::ProtocolResult<protocol::Frame>
    call(QLatin1StringView type, const QCborMap &fields = {}, int timeoutMs = kWaitMs);
    //! Sends one request per entry of `fieldsList` without waiting in between (pipelined),
    //! then waits for every reply; replies are in request order.
    [[nodiscard]] QList<protocol::ProtocolResult<protocol::Frame>>
    callAll(QLatin1StringView type, const QList<QCborMap> &fieldsList, int timeoutMs = kWaitMs);

    //! register + add_device with fresh keys; the credentials carry the new device id.
    [[nodiscard]] protocol::ProtocolResult<engine::DeviceCredentials>
    registerAndAddDevice(const QString &user, const QString &password,
                         const QString &deviceName = QStringLiteral("test device"));
    //! add_device with fresh keys for an existing account (no "name" when `name` is empty).
    [[nodiscard]] protocol::ProtocolResult<engine::DeviceCredentials>
    addDevice(const QString &user, const QString &password,
              const QString &name = QStringLiteral("test device"));
    [[nodiscard]] protocol::ProtocolResult<protocol::Frame>
    authenticate(const engine::DeviceCredentials &credentials);
    //! The credentials of the last successful authenticate() (to sign as this device), or
    //! nullptr before one.
    [[nodiscard]] const engine::DeviceCredentials *credentials() const {
        return m_credentials ? &*m_credentials : nullptr;
    }

    //! Waits for (and removes) the first queued push of `type`.
    [[nodiscard]] std::optional<protocol::Frame> waitForPush(QLatin1StringView type,
                                                             int timeoutMs = kWaitMs);
    //! Waits for (and removes) the first queued push that `matches`.
    [[nodiscard]] std::optional<protocol::Frame>
    waitForPush(const std::function<bool(const protocol::Frame &)> &matches,
                int timeoutMs = kWaitMs);
    //! Every push received so far, oldest first; the queue is emptied.
    [[nodiscard]] QList<protocol::Frame> takePushes() { return std::exchange(m_pushes, {}); }

    //! Sends bytes as one binary message, bypassing the request bookkeeping.
    void sendRaw(const QByteArray &bytes) { m_connection.sendRaw(bytes); }
    //! Sends `frame` (any map; "t" is up to the caller) with a fresh "id" from a range the
    //! connection never uses; returns that id for waitForRawReply().
    quint64 sendRawFrame(QCborMap frame);
    //! Waits for (and removes) a reply ("ok" or "error") with request id `id` that did not
    //! answer a call() — id 0 for errors about unreadable frames. Unlike call(), the whole
    //! frame is returned (e.g. with retry_after_ms).
    [[nodiscard]] std::optional<protocol::Frame> waitForRawReply(quint64 id,
                                                                 int timeoutMs = kWaitMs);

    //! Waits for the relay to close the connection; returns the WebSocket close code, or -1
    //! when the connection is still open after `timeoutMs`.
    [[nodiscard]] int waitForClose(int timeoutMs = kWaitMs);

    [[nodiscard]] engine::RelayConnection &connection() { return m_connection; }

private:
    [[nodiscard]] protocol::ProtocolResult<protocol::Frame>
    waitForReply(const QString &what,
                 const std::function<void(engine::RelayConnection::ReplyHandler)> &send,
                 int timeoutMs);
    void onBinaryMessage(const QByteArray &bytes);

    engine::RelayConnection m_connection;
    QList<protocol::Frame> m_pushes;
    QList<protocol::Frame> m_rawReplies;
    quint64 m_nextRawId;
    std::optional<int> m_closeCode;
    QString m_lastError;
    std::optional<engine::DeviceCredentials> m_credentials;
};

} // namespace hearth::test
