// SPDX-License-Identifier: GPL-3.0-or-later
// The relay process itself: acknowledged events survive kill -9, SIGTERM shuts down cleanly,
// and the HTTP health and metrics endpoints answer.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

struct HttpResponse {
    int status = 0;
    QByteArray body;
};

std::optional<HttpResponse> httpGet(const QUrl &base, const QString &path) {
    QNetworkAccessManager manager;
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(base.resolved(QUrl(path)))));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kWaitMs)) {
        qWarning("GET %s did not finish", qPrintable(path));
        return std::nullopt;
    }
    return HttpResponse{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                        reply->readAll()};
}

//! The value of an unlabelled Prometheus sample `name`, or nullopt when absent.
std::optional<double> metric(const QByteArray &text, const QString &name) {
    const QRegularExpression sample(u"^"_s + QRegularExpression::escape(name) +
                                        uR"(\s+([0-9.eE+-]+)\s*$)"_s,
                                    QRegularExpression::MultilineOption);
    const auto match = sample.match(QString::fromUtf8(text));
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toDouble();
}

struct Acked {
    quint64 seq;
    QByteArray cmid;
    QByteArray body;
};

//! A running relay with an authenticated device, an unauthenticated connection and a group.
struct Scene {
    RelayFixture fixture;
    std::optional<Device> device;
    std::unique_ptr<TestClient> unauthenticated;
    quint64 conv = 0;
};

bool populate(Scene &scene) {
    if (!scene.fixture.start())
        return false;
    scene.device = scene.fixture.signUp();
    scene.unauthenticated = scene.fixture.connect();
    if (!scene.device || !scene.unauthenticated)
        return false;
    scene.conv = createGroup(*scene.device->client);
    return scene.conv != 0;
}

} // namespace

class TestRelayDurability final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ackedEventsSurviveKill9() {
        // why: the test pipelines hundreds of sends; the default rate limit would refuse them.
        RelayFixture fixture(
            limitArgs({{"rate_per_second"_L1, 100000}, {"rate_burst"_L1, 100000}}));
        QVERIFY(fixture.start());
        auto device = fixture.signUp();
        QVERIFY(device);
        const quint64 conv = createGroup(*device->client);
        QVERIFY(conv);

        QList<Acked> acked;
        constexpr int kSends = 400;
        for (int i = 0; i < kSends; ++i) {
            const QByteArray cmid = randomCmid();
            const QByteArray body = QByteArray::number(i);
            device->client->connection().request(
                type::kSend, sendFields(conv, body, cmid),
                [&acked, cmid, body](const ProtocolResult<Frame> &reply) {
                    if (reply)
                        acked.append(Acked{reply.value().uint("seq"_L1), cmid, body});
                });
        }
        // Kill while writes are still in flight (or right after the last, on a fast machine).
        QVERIFY(QTest::qWaitFor([&] { return acked.size() >= 50; }, kWaitMs));
        fixture.relay().kill();
        QVERIFY(device->client->waitForClose() != -1);
        QVERIFY(!acked.isEmpty());

        QVERIFY(fixture.start());
        auto again = fixture.reconnect(device->credentials);
        QVERIFY2(again, "the account did not survive the restart");
        const auto events = syncAll(*again->client, conv);
        QVERIFY(events);
        QCOMPARE(seqsOf(*events), seqsUpTo(quint64(events->size())));
        for (const Acked &ack : std::as_const(acked)) {
            QVERIFY2(ack.seq >= 1 && ack.seq <= quint64(events->size()),
                     qPrintable(u"acked seq %1 lost"_s.arg(ack.seq)));
            const QCborMap &event = events->at(qsizetype(ack.seq - 1));
            QCOMPARE(event.value("cmid"_L1).toByteArray(), ack.cmid);
            QCOMPARE(event.value("body"_L1).toByteArray(), ack.body);
        }
        const ProtocolResult<Frame> next = sendMessage(*again->client, conv, "after restart");
        HEARTH_VERIFY_OK(next);
        QCOMPARE(next.value().uint("seq"_L1), quint64(events->size() + 1));
    }

    void sigtermClosesConnectionsAndExitsZero() {
        Scene scene;
        QVERIFY(populate(scene));
        auto &[fixture, device, unauthenticated, conv] = scene;
        for (int i = 0; i < 10; ++i)
            HEARTH_VERIFY_OK(sendMessage(*device->client, conv, QByteArray::number(i)));

        QCOMPARE(fixture.relay().terminate(), 0);
        QCOMPARE(device->client->waitForClose(), protocol::close_code::kGoingAway);
        QCOMPARE(unauthenticated->waitForClose(), protocol::close_code::kGoingAway);

        QVERIFY(fixture.start());
        auto again = fixture.reconnect(device->credentials);
        QVERIFY(again);
        const auto events = syncAll(*again->client, conv);
        QVERIFY(events);
        QCOMPARE(events->size(), 11);
        QCOMPARE(events->last().value("body"_L1).toByteArray(), QByteArray("9"));
    }

    void healthAndMetricsOverHttp() {
        Scene scene;
        QVERIFY(populate(scene));
        auto &[fixture, device, unauthenticated, conv] = scene;
        HEARTH_VERIFY_OK(sendMessage(*device->client, conv, "counted"));

        const auto health = httpGet(fixture.relay().httpUrl(), u"/healthz"_s);
        QVERIFY(health);
        QCOMPARE(health->status, 200);
        QCOMPARE(QJsonDocument::fromJson(health->body).object().value("status"_L1).toString(),
                 u"ok"_s);

        const auto metrics = httpGet(fixture.relay().httpUrl(), u"/metrics"_s);
        QVERIFY(metrics);
        QCOMPARE(metrics->status, 200);
        const auto connections = metric(metrics->body, u"hearth_connections"_s);
        QVERIFY2(connections, metrics->body.constData());
        QVERIFY(*connections >= 2);
        const auto authenticated = metric(metrics->body, u"hearth_authenticated_connections"_s);
        QVERIFY2(authenticated, metrics->body.constData());
        QVERIFY(*authenticated >= 1 && *authenticated < *connections);
        const auto stored = metric(metrics->body, u"hearth_events_stored_total"_s);
        QVERIFY2(stored, metrics->body.constData());
        QVERIFY(*stored >= 1); // at least the message
    }
};

QTEST_GUILESS_MAIN(TestRelayDurability)
#include "tst_relay_durability.moc"
