// SPDX-License-Identifier: GPL-3.0-or-later
// A relay whose storage fills up: writes are refused with a clear error, everything that
// was acknowledged before stays readable, other connections keep working, and after a
// restart with room again nothing acknowledged is missing.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;
using protocol::Frame;
using protocol::Result;
namespace type = protocol::type;

namespace {
constexpr qsizetype kBodyBytes = 60 * 1024;
constexpr int kMaxSends = 200; // 12 MB: far beyond the cap below
const QString kCap = u"--max-db-bytes=400000"_s;
} // namespace

class TestRelayFullDisk final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullStorageRefusesWritesAndKeepsWhatWasAcked() {
        RelayFixture fixture({kCap});
        QVERIFY(fixture.start());
        auto alice = fixture.signUp();
        QVERIFY(alice);
        auto bob = fixture.signUp();
        QVERIFY(bob);
        const quint64 conv = createGroup(*alice->client, {bob->user()});
        QVERIFY(conv != 0);

        QMap<quint64, QByteArray> acked;
        std::optional<protocol::ProtocolError> refusal;
        for (int i = 0; i < kMaxSends && !refusal; ++i) {
            const QByteArray body = randomBytes(kBodyBytes);
            const Result<Frame> reply = sendMessage(*alice->client, conv, body);
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
        QVERIFY(alice->client->isOpen());
        HEARTH_VERIFY_OK(bob->client->call(type::kConversations));
        for (TestClient *reader : {alice->client.get(), bob->client.get()}) {
            const auto events = syncAll(*reader, conv);
            QVERIFY(events);
            QMap<quint64, QByteArray> seen;
            for (const QCborMap &event : *events)
                if (event.value("kind"_L1).toString() == u"message"_s)
                    seen.insert(event.value("seq"_L1).toInteger(),
                                event.value("body"_L1).toByteArray());
            QCOMPARE(seen, acked);
        }

        // Restarted with room again: nothing lost, and writing works.
        QCOMPARE(fixture.relay().terminate(), 0);
        fixture.relay().setExtraArgs({});
        QVERIFY(fixture.relay().start());
        auto again = fixture.reconnect(alice->credentials);
        QVERIFY(again);
        const auto events = syncAll(*again->client, conv);
        QVERIFY(events);
        qsizetype messages = 0;
        for (const QCborMap &event : *events)
            messages += event.value("kind"_L1).toString() == u"message"_s;
        QCOMPARE(messages, acked.size());
        HEARTH_VERIFY_OK(sendMessage(*again->client, conv, "room again"));
    }
};

QTEST_GUILESS_MAIN(TestRelayFullDisk)
#include "tst_relay_full_disk.moc"
