// SPDX-License-Identifier: GPL-3.0-or-later
// A malicious relay (a proxy rewriting frames in front of the real one): a device injected into
// a member's `devices` reply without the account's signature gets no session key and the engine
// warns; a replayed event push is shown once; an event with altered ciphertext, signature or
// claimed sender device is rejected and kept out of the timeline.
#include "crypto/sodium.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QCborArray>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kInjectedDevice = 987654;

} // namespace

class TstEvilRelay final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    void injectedDeviceGetsNoKey() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob1"_s), QString());
        QList<qint64> bobDeviceRequests;
        proxy.setToRelayHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() == u"devices"_s &&
                map.value("user"_L1).toString() == u"bob1"_s)
                bobDeviceRequests.append(map.value("id"_L1).toInteger());
            return QList<QByteArray>{frame};
        });
        proxy.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() != u"ok"_s ||
                !bobDeviceRequests.contains(map.value("id"_L1).toInteger()))
                return QList<QByteArray>{frame};
            QCborArray devices = map.value("devices"_L1).toArray();
            QCborMap injected;
            injected.insert("device"_L1, kInjectedDevice);
            injected.insert("sign_key"_L1, crypto::randomBytes(32));
            injected.insert("dh_key"_L1, crypto::randomBytes(32));
            injected.insert("name"_L1, u"evil"_s);
            injected.insert("created"_L1, 1);
            devices.append(injected);
            map.insert("devices"_L1, devices);
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        QSignalSpy untrusted(&alice.engine(), &engine::SyncEngine::untrustedDevice);
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice1"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob1"_s});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"for bob's real devices only"_s));
        QVERIFY(QTest::qWaitFor(
            [&] { return bob.texts(*dm) == QStringList{u"for bob's real devices only"_s}; },
            kEngineWaitMs));
        QVERIFY(!bobDeviceRequests.isEmpty());
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const auto &args : untrusted) {
                    if (args.at(0).toString() == u"bob1"_s &&
                        args.at(1).toULongLong() == quint64(kInjectedDevice))
                        return true;
                }
                return false;
            },
            kEngineWaitMs));
        int toBob = 0;
        for (const QByteArray &frame : proxy.clientFrames()) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() != u"to_device"_s)
                continue;
            for (const QCborValue &message : map.value("messages"_L1).toArray()) {
                QVERIFY(message.toMap().value("device"_L1).toInteger() != kInjectedDevice);
                toBob += message.toMap().value("user"_L1).toString() == u"bob1"_s ? 1 : 0;
            }
        }
        QCOMPARE(toBob, 1); // bob's one real device got the key
    }

    void replayedPushShownOnce() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice2"_s), QString());
        QList<QByteArray> eventPushes;
        proxy.setToClientHook([&](const QByteArray &frame) {
            if (EvilProxy::decode(frame).value("t"_L1).toString() != u"event"_s)
                return QList<QByteArray>{frame};
            eventPushes.append(frame);
            return QList<QByteArray>{frame, frame}; // every push twice
        });
        QCOMPARE(bob.registerAccount(proxy.url(), u"bob2"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob2"_s});
        QVERIFY(dm);
        const QStringList expected{u"one"_s, u"two"_s, u"three"_s};
        for (const QString &text : expected)
            QVERIFY(alice->sendText(*dm, text));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm) == expected; }, kEngineWaitMs));
        QVERIFY(!eventPushes.isEmpty());
        // Later, replay every push again, oldest first.
        for (const QByteArray &frame : std::as_const(eventPushes))
            proxy.injectToClients(frame);
        // why: a message sent now reaches bob on the same socket after the replayed frames, so
        // once bob shows it he has handled every replay (no fixed sleep).
        QVERIFY(alice->sendText(*dm, u"after the replay"_s));
        const QStringList withLast = expected + QStringList{u"after the replay"_s};
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm) == withLast; }, kEngineWaitMs));
        QCOMPARE(bob.texts(*dm), withLast);
        QCOMPARE(bob.history(*dm), alice.history(*dm));
    }

    void tamperedEventsRejected_data() {
        QTest::addColumn<int>("tamper");
        QTest::newRow("ciphertext byte") << 0;
        QTest::newRow("signature byte") << 1;
        QTest::newRow("claimed sender device") << 2;
    }

    void tamperedEventsRejected() {
        QFETCH(int, tamper);
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        const QString suffix = QString::number(tamper);
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice3-"_s + suffix), QString());
        QCOMPARE(bob.registerAccount(proxy.url(), u"bob3-"_s + suffix), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob3-"_s + suffix});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"honest one"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 1; }, kEngineWaitMs));

        bool active = true;
        proxy.setToClientHook([&](const QByteArray &frame) {
            if (!active)
                return QList<QByteArray>{frame};
            return QList<QByteArray>{EvilProxy::rewriteMessages(frame, [&](QCborMap &event) {
                if (event.value("seq"_L1).toInteger() <= 2)
                    return; // leave the honest message alone in sync pages
                QByteArray body = event.value("body"_L1).toByteArray();
                if (tamper == 0)
                    body[60] = char(body[60] ^ 0x01);
                else if (tamper == 1)
                    body[body.size() - 1] = char(body[body.size() - 1] ^ 0x01);
                else
                    event.insert("device"_L1, qint64(424242));
                event.insert("body"_L1, body);
            })};
        });
        QSignalSpy rejected(&bob.engine(), &engine::SyncEngine::eventRejected);
        QVERIFY(alice->sendText(*dm, u"forged"_s));
        QVERIFY(QTest::qWaitFor([&] { return rejected.size() >= 1; }, kEngineWaitMs));
        active = false;
        QVERIFY(alice->sendText(*dm, u"honest two"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 2; }, kEngineWaitMs));
        QCOMPARE(bob.texts(*dm), (QStringList{u"honest one"_s, u"honest two"_s}));
        // Not even a placeholder: the forged event is out of the timeline.
        for (const QString &line : bob.history(*dm))
            QVERIFY2(line.section(u'|', 3, 3) == u"0"_s, qPrintable(line));
        QVERIFY(bob->rejectedEvents() >= 1);
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstEvilRelay)
#include "tst_evil_relay.moc"
