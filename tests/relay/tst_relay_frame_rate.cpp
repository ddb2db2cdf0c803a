// SPDX-License-Identifier: GPL-3.0-or-later
// The per-connection rate limit is charged on the raw frame, before it is decoded: a refused
// frame is answered rate_limited with the id read from its top-level keys, and nothing after
// the id is parsed (a frame broken past its id still gets its own id back, not bad_frame).
// Also peekRequestId itself, on the frames it must and must not read an id from.
#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

//! {"id": id, "t": "convs", "x": <a break byte where a value belongs>}: readable up to the
//! id, malformed after it.
QByteArray brokenAfterId(quint64 id) {
    QByteArray bytes("\xa3"); // a map of three pairs
    for (const QCborValue &item :
         {QCborValue(u"id"_s), QCborValue(static_cast<qint64>(id)), QCborValue(u"t"_s),
          QCborValue(QString(type::kConversations)), QCborValue(u"x"_s)})
        bytes += item.toCbor();
    return bytes + '\xff';
}

QByteArray encoded(const QCborMap &map) {
    return QCborValue(map).toCbor();
}

} // namespace

class TestRelayFrameRate final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusedFramesAreNotDecoded() {
        RelayFixture fixture(limitArgs({{"rate_per_second"_L1, 1}, {"rate_burst"_L1, 1}}));
        QVERIFY(fixture.start());
        auto client = fixture.connect(); // its hello took the one token
        QVERIFY(client);
        QVERIFY(!protocol::decodeFrame(brokenAfterId(1)));

        // why: TestClient keeps replies to ids from 2^40 up for waitForRawReply(); sendRawFrame
        // counts up from 2^40, so these stay clear of it.
        constexpr quint64 kFirstId = quint64(1) << 41;
        constexpr int kFrames = 3;
        for (int i = 0; i < kFrames; ++i)
            client->sendRaw(brokenAfterId(kFirstId + i));
        // why: a slow machine may refill one token between two frames; that frame is then
        // decoded (bad_frame, id 0). The others are refused by their own id.
        int refusedById = 0;
        for (int i = 0; i < kFrames; ++i) {
            const auto reply = client->waitForRawReply(kFirstId + i);
            if (!reply)
                continue;
            QCOMPARE(reply->text("code"_L1), u"rate_limited"_s);
            QVERIFY(reply->uint("retry_after_ms"_L1) > 0);
            ++refusedById;
        }
        QVERIFY2(refusedById >= kFrames - 1,
                 "rate-limited frames were decoded before they were refused");
    }

    void peekReadsOnlyTheId_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("expected"); // -1: no id
        QTest::newRow("request") << Frame::request(type::kSend, 42, sendFields(1, "x")).encode()
                                 << qint64(42);
        QCborMap nestedFirst{{"members"_L1, QCborArray{u"a"_s, QCborMap{{"id"_L1, 9}}}},
                             {"t"_L1, type::kCreateConversation},
                             {"id"_L1, 5}};
        QTest::newRow("nested id ignored") << encoded(nestedFirst) << qint64(5);
        QCborMap longKey{{QString(70000, u'k'), 1}, {"id"_L1, 6}};
        QTest::newRow("after a long key") << encoded(longKey) << qint64(6);
        QTest::newRow("broken after id") << brokenAfterId(8) << qint64(8);
        QTest::newRow("no id") << encoded(QCborMap{{"t"_L1, type::kSend}}) << qint64(-1);
        QTest::newRow("negative id") << encoded(QCborMap{{"id"_L1, -3}}) << qint64(-1);
        QTest::newRow("text id") << encoded(QCborMap{{"id"_L1, u"3"_s}}) << qint64(-1);
        QTest::newRow("id as bytes key") << encoded(QCborMap{{QByteArray("id"), 3}}) << qint64(-1);
        QTest::newRow("not a map") << QCborValue(QCborArray{u"id"_s, 3}).toCbor() << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("garbage") << QByteArray("\xff\xfe\xfd") << qint64(-1);
        const QByteArray whole = encoded(QCborMap{{"t"_L1, type::kSend}, {"id"_L1, 4}});
        QTest::newRow("truncated before id") << whole.left(whole.size() - 3) << qint64(-1);
    }
    void peekReadsOnlyTheId() {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, expected);
        const std::optional<quint64> id = protocol::peekRequestId(bytes);
        QCOMPARE(id.has_value(), expected >= 0);
        if (id)
            QCOMPARE(static_cast<qint64>(*id), expected);
    }
};

QTEST_GUILESS_MAIN(TestRelayFrameRate)
#include "tst_relay_frame_rate.moc"
