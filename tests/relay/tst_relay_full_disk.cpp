// SPDX-License-Identifier: GPL-3.0-or-later
// A relay whose storage fills up: writes are refused with a clear error, everything that
// was acknowledged before stays readable, other connections keep working, and after a
// restart with room again nothing acknowledged is missing.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QMap>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {
constexpr qsizetype kBodyBytes = 60 * 1024;
constexpr int kMaxSends = 200; // 12 MB: far beyond the cap below
const QString kCap = u"--max-db-bytes=400000"_s;

//! seq -> body of the message events among `events`.
QMap<quint64, QByteArray> messageBodies(const QList<QCborMap> &events) {
    QMap<quint64, QByteArray> bodies;
    for (const QCborMap &message : messagesOf(events))
        bodies.insert(message.value("seq"_L1).toInteger(), message.value("body"_L1).toByteArray());
    return bodies;
}
} // namespace

class TestRelayFullDisk final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullStorageRefusesWritesAndKeepsWhatWasAcked() {
        RelayFixture fixture({kCap});
        QVERIFY(fixture.start());
        auto pair = fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[alice, bob, conv] = *pair;

        QMap<quint64, QByteArray> acked;
        std::optional<protocol::ProtocolError> refusal;
        for (int i = 0; i < kMaxSends && !refusal; ++i) {
            const QByteArray body = randomBytes(kBodyBytes);
            const ProtocolResult<Frame> reply = sendMessage(*alice.client, conv, body);
            if (reply)
                acked.insert(reply.value().uint("seq"_L1), body);
            else
                refusal = reply.error();
        }
        QVERIFY2(refusal, "the storage cap was never reached");
        QCOMPARE(QString(protocol::errorCodeName(refusal->code)), u"internal"_s);
        QVERIFY2(refusal->message.contains(u"not stored"_s), qPrintable(refusal->message));
        QVERIFY(acked.size() >= 2);

        // The relay is alive and both members still read every acknowledged event.
        QVERIFY(alice.client->isOpen());
        HEARTH_VERIFY_OK(bob.client->call(type::kConversations));
        for (TestClient *reader : {alice.client.get(), bob.client.get()}) {
            const auto events = syncAll(*reader, conv);
            QVERIFY(events);
            QCOMPARE(messageBodies(*events), acked);
        }

        // Restarted with room again: nothing lost, and writing works.
        QCOMPARE(fixture.relay().terminate(), 0);
        fixture.relay().setExtraArgs({});
        QVERIFY(fixture.relay().start());
        auto again = fixture.reconnect(alice.credentials);
        QVERIFY(again);
        const auto events = syncAll(*again->client, conv);
        QVERIFY(events);
        QCOMPARE(messagesOf(*events).size(), acked.size());
        QCOMPARE(messageBodies(*events), acked);
        HEARTH_VERIFY_OK(sendMessage(*again->client, conv, "room again"));
    }
};

QTEST_GUILESS_MAIN(TestRelayFullDisk)
#include "tst_relay_full_disk.moc"
