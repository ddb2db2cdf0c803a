// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input against the real relay: malformed frames get error replies on a
// connection that keeps working, repeated abuse and protocol violations close it with the
// right code, and other connections never notice.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
namespace close_code = protocol::close_code;

namespace {

constexpr qsizetype kMaxFrame = 4096; // --limit max_frame_bytes
constexpr int kBadFramesBeforeClose = 20;

QByteArray garbage() {
    return QByteArrayLiteral("\xff\xfe\xfd not cbor at all");
}

QCborMap frameOf(QLatin1StringView frameType, QCborMap fields = {}) {
    fields.insert(protocol::field::kType, frameType);
    return fields;
}

} // namespace

class TestRelayBadInput final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_fixture.start());
        m_observer = m_fixture.signUp();
        QVERIFY(m_observer);
    }

    //! Whatever a test did to its own connections, this one is unaffected.
    void cleanup() {
        QVERIFY(m_observer->client->isOpen());
        HEARTH_VERIFY_OK(m_observer->client->call(type::kConversations));
    }

    void unreadableFramesGetBadFrame_data() {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray valid = Frame::request(type::kConversations, 1).encode();
        QTest::newRow("garbage") << garbage();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << valid.left(valid.size() / 2);
        QTest::newRow("array") << QCborValue(QCborArray{1, 2}).toCbor();
        QTest::newRow("text string") << QCborValue(u"convs"_s).toCbor();
        QTest::newRow("trailing bytes") << valid + QByteArray(1, '\x01');
    }
    void unreadableFramesGetBadFrame() {
        QFETCH(QByteArray, bytes);
        auto device = m_fixture.signUp();
        QVERIFY(device);
        device->client->sendRaw(bytes);
        const auto reply = device->client->waitForRawReply(0);
        QVERIFY2(reply, "no error with id 0");
        QCOMPARE(reply->type(), QString(type::kError));
        QCOMPARE(reply->text("code"_L1), u"bad_frame"_s);
        expectStillWorking(*device);
    }

    void malformedRequestsGetErrors_data() {
        QTest::addColumn<QCborMap>("frame");
        QTest::addColumn<QString>("code");
        QCborMap send = sendFields(1, "body");
        QTest::newRow("no type") << send << u"bad_frame"_s;
        QTest::newRow("type not text") << QCborMap{{"t"_L1, 5}} << u"bad_frame"_s;
        QCborMap textConv = send;
        textConv.insert("conv"_L1, u"one"_s);
        QTest::newRow("conv as text") << frameOf(type::kSend, textConv) << u"bad_frame"_s;
        QCborMap noBody = send;
        noBody.remove("body"_L1);
        QTest::newRow("missing body") << frameOf(type::kSend, noBody) << u"bad_frame"_s;
        QCborMap shortCmid = send;
        shortCmid.insert("cmid"_L1, randomBytes(protocol::kClientMessageIdSize - 1));
        QTest::newRow("short cmid") << frameOf(type::kSend, shortCmid) << u"bad_frame"_s;
        QCborMap negative = convField(1);
        negative.insert("after"_L1, -1);
        QTest::newRow("negative after") << frameOf(type::kSync, negative) << u"bad_frame"_s;
        QCborMap nested;
        nested.insert("messages"_L1, QCborArray{QCborMap{{"user"_L1, u"x"_s},
                                                         {"device"_L1, u"y"_s},
                                                         {"body"_L1, QByteArray("z")}}});
        QTest::newRow("nested field type") << frameOf(type::kToDevice, nested) << u"bad_frame"_s;
        QTest::newRow("unknown type") << frameOf("frobnicate"_L1) << u"unknown_type"_s;
        QTest::newRow("extra fields are ignored")
            << frameOf(type::kConversations, {{"future_field"_L1, 42}}) << u"ok"_s;
    }
    void malformedRequestsGetErrors() {
        QFETCH(QCborMap, frame);
        QFETCH(QString, code);
        auto device = m_fixture.signUp();
        QVERIFY(device);
        const quint64 id = device->client->sendRawFrame(frame);
        const auto reply = device->client->waitForRawReply(id);
        QVERIFY2(reply, "no reply carrying the request id");
        QCOMPARE(reply->type(), code == u"ok"_s ? QString(type::kOk) : QString(type::kError));
        if (code != u"ok"_s)
            QCOMPARE(reply->text("code"_L1), code);
        expectStillWorking(*device);
    }

    void repeatedBadFramesCloseTheConnection() {
        auto device = m_fixture.signUp();
        QVERIFY(device);
        for (int i = 0; i < kBadFramesBeforeClose - 1; ++i)
            device->client->sendRaw(garbage());
        for (int i = 0; i < kBadFramesBeforeClose - 1; ++i)
            QVERIFY2(device->client->waitForRawReply(0), "a bad frame got no error reply");
        expectStillWorking(*device);
        for (int i = 0; i < 5; ++i)
            device->client->sendRaw(garbage());
        QCOMPARE(device->client->waitForClose(), close_code::kPolicyViolation);
    }

    void oversizeFrameCloses() {
        auto device = m_fixture.signUp();
        QVERIFY(device);
        QCOMPARE(device->client->connection().limits().maxFrameBytes, kMaxFrame);
        const quint64 conv = createGroup(*device->client);
        QVERIFY(conv);
        // Just under the limit is fine; over it closes the connection.
        HEARTH_VERIFY_OK(sendMessage(*device->client, conv, randomBytes(kMaxFrame - 200)));
        device->client->sendRaw(
            Frame::request(type::kSend, 999, sendFields(conv, randomBytes(kMaxFrame + 100)))
                .encode());
        QCOMPARE(device->client->waitForClose(), close_code::kMessageTooBig);
    }

    void textFrameCloses() {
        auto device = m_fixture.signUp();
        QVERIFY(device);
        device->client->connection().socket().sendTextMessage(u"{\"t\":\"convs\",\"id\":1}"_s);
        QCOMPARE(device->client->waitForClose(), close_code::kUnsupportedData);
    }

    void rateLimitRefusesThenRecovers() {
        RelayFixture limited(limitArgs({{"rate_per_second"_L1, 5}, {"rate_burst"_L1, 5}}));
        QVERIFY(limited.start());
        auto setup = limited.signUp();
        QVERIFY(setup);
        const quint64 conv = createGroup(*setup->client);
        QVERIFY(conv);
        auto device = limited.reconnect(setup->credentials);
        QVERIFY(device);

        QList<quint64> ids;
        for (int i = 0; i < 12; ++i)
            ids.append(device->client->sendRawFrame(frameOf(type::kSend, sendFields(conv, "x"))));
        int accepted = 0;
        qint64 longestRetry = 0;
        for (quint64 id : std::as_const(ids)) {
            const auto reply = device->client->waitForRawReply(id);
            QVERIFY2(reply, "a request got no reply");
            if (reply->type() == type::kOk) {
                ++accepted;
                continue;
            }
            QCOMPARE(reply->text("code"_L1), u"rate_limited"_s);
            QVERIFY2(reply->has("retry_after_ms"_L1), "rate_limited without retry_after_ms");
            const qint64 retry = reply->value("retry_after_ms"_L1).toInteger();
            QVERIFY(retry > 0 && retry <= kWaitMs);
            longestRetry = std::max(longestRetry, retry);
        }
        QVERIFY2(accepted > 0, "nothing was accepted");
        QVERIFY2(longestRetry > 0, "12 requests at once were not rate limited");

        // Refused requests were not processed; after waiting, the connection works again.
        QTest::qWait(static_cast<int>(longestRetry) + 100);
        QVERIFY(device->client->isOpen());
        const auto events = syncAll(*device->client, conv);
        QVERIFY(events);
        QCOMPARE(messagesOf(*events).size(), accepted);
    }

    void unauthenticatedConnectionTimesOut() {
        RelayFixture quick({u"--auth-timeout-ms"_s, u"300"_s});
        QVERIFY(quick.start());
        auto authenticated = quick.signUp();
        QVERIFY(authenticated);
        auto idle = quick.connect();
        QVERIFY(idle);
        QCOMPARE(idle->waitForClose(), close_code::kPolicyViolation);
        expectStillWorking(*authenticated);
    }

private:
    static void expectStillWorking(Device &device) {
        QVERIFY2(device->isOpen(), "the connection was closed");
        HEARTH_VERIFY_OK(device->call(type::kConversations));
    }

    RelayFixture m_fixture{limitArgs({{"max_frame_bytes"_L1, kMaxFrame}})};
    std::optional<Device> m_observer;
};

QTEST_GUILESS_MAIN(TestRelayBadInput)
#include "tst_relay_bad_input.moc"
