// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/evil_proxy.h"

#include <QCborArray>
#include <QCborValue>
#include <QHostAddress>
#include <QWebSocket>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;

EvilProxy::EvilProxy(QUrl upstream, QObject *parent)
    : QObject(parent)
    , m_server(u"evil-proxy"_s, QWebSocketServer::NonSecureMode)
    , m_upstream(std::move(upstream)) {
    connect(&m_server, &QWebSocketServer::newConnection, this, &EvilProxy::onNewConnection);
}

EvilProxy::~EvilProxy() {
    dropAll();
}

bool EvilProxy::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl EvilProxy::url() const {
    return QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_server.serverPort()));
}

void EvilProxy::dropAll() {
    const QList<Pair *> pairs = m_pairs;
    for (Pair *pair : pairs)
        closePair(pair);
}

void EvilProxy::injectToClients(const QByteArray &frame) {
    for (Pair *pair : std::as_const(m_pairs))
        pair->client->sendBinaryMessage(frame);
}

QCborMap EvilProxy::decode(const QByteArray &frame) {
    return QCborValue::fromCbor(frame).toMap();
}

QByteArray EvilProxy::encode(const QCborMap &map) {
    return map.toCborValue().toCbor();
}

void EvilProxy::onNewConnection() {
    while (QWebSocket *client = m_server.nextPendingConnection()) {
        auto *pair = new Pair;
        pair->client = client;
        pair->relay = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        pair->relay->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
        client->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
        m_pairs.append(pair);
        connect(client, &QWebSocket::binaryMessageReceived, this,
                [this, pair](const QByteArray &f) {
                    m_clientFrames.append(f);
                    const QList<QByteArray> out = m_toRelay ? m_toRelay(f) : QList<QByteArray>{f};
                    for (const QByteArray &frame : out) {
                        if (pair->relayOpen)
                            pair->relay->sendBinaryMessage(frame);
                        else
                            pair->queued.append(frame);
                    }
                });
        connect(pair->relay, &QWebSocket::connected, this, [pair] {
            pair->relayOpen = true;
            for (const QByteArray &frame : std::exchange(pair->queued, {}))
                pair->relay->sendBinaryMessage(frame);
        });
        connect(pair->relay, &QWebSocket::binaryMessageReceived, this,
                [this, pair](const QByteArray &f) {
                    m_relayFrames.append(f);
                    const QList<QByteArray> out = m_toClient ? m_toClient(f) : QList<QByteArray>{f};
                    for (const QByteArray &frame : out)
                        pair->client->sendBinaryMessage(frame);
                });
        connect(client, &QWebSocket::disconnected, this, [this, pair] { closePair(pair); });
        connect(pair->relay, &QWebSocket::disconnected, this, [this, pair] { closePair(pair); });
        pair->relay->open(m_upstream);
    }
}

void EvilProxy::closePair(Pair *pair) {
    if (!m_pairs.removeOne(pair))
        return;
    pair->client->disconnect(this);
    pair->relay->disconnect(this);
    pair->client->abort();
    pair->relay->abort();
    pair->client->deleteLater();
    pair->relay->deleteLater();
    delete pair;
}

QByteArray EvilProxy::rewriteMessages(const QByteArray &frame,
                                      const std::function<void(QCborMap &)> &change) {
    QCborMap map = decode(frame);
    const QString type = map.value("t"_L1).toString();
    auto rewrite = [&](QCborMap event) {
        if (event.value("kind"_L1).toString() == u"message"_s)
            change(event);
        return event;
    };
    if (type == u"event"_s) {
        map.insert("event"_L1, rewrite(map.value("event"_L1).toMap()));
    } else if (type == u"ok"_s && map.contains("events"_L1)) {
        QCborArray events;
        for (const QCborValue &event : map.value("events"_L1).toArray())
            events.append(rewrite(event.toMap()));
        map.insert("events"_L1, events);
    } else {
        return frame;
    }
    return encode(map);
}

} // namespace hearth::test
