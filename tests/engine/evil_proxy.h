// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocketServer>
#include <functional>

class QWebSocket;

namespace hearth::test {

//! A test-only malicious relay front: a WebSocket server on loopback that forwards every binary
//! frame between each client and the real relay, through hooks that may rewrite, drop or
//! duplicate frames. It also logs what the client sent, and serves as a stable address while
//! the relay behind it restarts on another port.
class EvilProxy final : public QObject {
    Q_OBJECT

public:
    //! Frames to forward in place of `frame` (return {frame} to pass it on unchanged).
    using Hook = std::function<QList<QByteArray>(const QByteArray &frame)>;

    explicit EvilProxy(QUrl upstream, QObject *parent = nullptr);
    ~EvilProxy() override;

    [[nodiscard]] bool listen();
    [[nodiscard]] QUrl url() const;
    void setUpstream(const QUrl &upstream) { m_upstream = upstream; }
    void setToClientHook(Hook hook) { m_toClient = std::move(hook); }
    void setToRelayHook(Hook hook) { m_toRelay = std::move(hook); }
    //! Every frame clients sent (before the hook), oldest first.
    [[nodiscard]] const QList<QByteArray> &clientFrames() const { return m_clientFrames; }
    //! Every frame the relay sent (before the hook), oldest first.
    [[nodiscard]] const QList<QByteArray> &relayFrames() const { return m_relayFrames; }
    //! Closes every proxied connection.
    void dropAll();
    //! Sends `frame` to every connected client as if the relay had sent it.
    void injectToClients(const QByteArray &frame);

    //! A frame as a CBOR map (empty when it is not one).
    [[nodiscard]] static QCborMap decode(const QByteArray &frame);
    [[nodiscard]] static QByteArray encode(const QCborMap &map);
    //! `frame` with `change` applied to every message event of a push or a sync reply (other
    //! frames unchanged).
    [[nodiscard]] static QByteArray rewriteMessages(const QByteArray &frame,
                                                    const std::function<void(QCborMap &)> &change);

private:
    struct Pair {
        QWebSocket *client = nullptr;
        QWebSocket *relay = nullptr;
        QList<QByteArray> queued; // client frames before the relay side connected
        bool relayOpen = false;
    };
    void onNewConnection();
    void closePair(Pair *pair);

    QWebSocketServer m_server;
    QUrl m_upstream;
    Hook m_toClient;
    Hook m_toRelay;
    QList<QByteArray> m_clientFrames;
    QList<QByteArray> m_relayFrames;
    QList<Pair *> m_pairs;
};

} // namespace hearth::test
