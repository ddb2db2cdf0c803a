// SPDX-License-Identifier: GPL-3.0-or-later
// Offline compose: messages written while the relay is down, with the app restarted in between,
// are delivered exactly once and in order once the relay is back; a send whose reply was lost
// is resent with its cmid and not duplicated.
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

class TstOffline final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_relay = std::make_unique<RelayProcess>();
        QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
        // The proxy is the stable address while the relay restarts on another port.
        m_proxy = std::make_unique<EvilProxy>(m_relay->wsUrl());
        QVERIFY(m_proxy->listen());
        m_alice = std::make_unique<TestDevice>();
        m_bob = std::make_unique<TestDevice>();
        QCOMPARE(m_alice->registerAccount(m_proxy->url(), u"alice"_s), QString());
    }

    void cleanup() {
        m_alice.reset();
        m_bob.reset();
        m_proxy.reset();
        m_relay.reset();
    }

    void composedOfflineDeliveredOnceInOrder() {
        RelayProcess &relay = *m_relay;
        EvilProxy &proxy = *m_proxy;
        TestDevice &alice = *m_alice;
        TestDevice &bob = *m_bob;
        QCOMPARE(bob.registerAccount(proxy.url(), u"bob"_s), QString());
        const auto group =
            createConversation(alice.engine(), hearth::ConversationKind::Group, {u"bob"_s});
        QVERIFY(group);
        QVERIFY(alice->sendText(*group, u"m0"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group) == QStringList{u"m0"_s}; },
                                kEngineWaitMs));

        relay.kill();
        QVERIFY(QTest::qWaitFor([&] { return alice->state() == engine::ConnectionState::Offline; },
                                kEngineWaitMs));
        QVERIFY(alice->sendText(*group, u"m1"_s));
        QVERIFY(alice->sendText(*group, u"m2"_s));
        auto pending = alice->store().outbox().unsent(*group);
        QVERIFY(pending);
        QCOMPARE(pending->size(), 2);

        // The app restarts while offline; the outbox survives it.
        QVERIFY(alice.reopen());
        QVERIFY(alice->sendText(*group, u"m3"_s));
        QCOMPARE(alice->store().outbox().unsent(*group)->size(), 3);
        QVERIFY(bob.reopen());

        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        proxy.setUpstream(relay.wsUrl());
        const QStringList expected{u"m0"_s, u"m1"_s, u"m2"_s, u"m3"_s};
        QVERIFY2(QTest::qWaitFor([&] { return bob.texts(*group) == expected; }, kEngineWaitMs),
                 qPrintable(bob.history(*group).join(u'\n')));
        QVERIFY(QTest::qWaitFor([&] { return alice->store().outbox().unsent(*group)->isEmpty(); },
                                kEngineWaitMs));
        QCOMPARE(alice.texts(*group), expected);
        QTest::qWait(300);
        QCOMPARE(bob.texts(*group), expected); // still once each
    }

    void lostReplyIsNotDuplicated() {
        EvilProxy &proxy = *m_proxy;
        TestDevice &alice = *m_alice;
        TestDevice &bob = *m_bob;
        // bob connects directly: the proxy's hooks below only see alice's connection.
        QCOMPARE(bob.registerAccount(m_relay->wsUrl(), u"bob"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob"_s});
        QVERIFY(dm);

        // Drop the reply to the first send, then cut the connection: the relay stored the
        // message, the engine does not know it.
        std::optional<qint64> sendId;
        bool dropped = false;
        proxy.setToRelayHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (!sendId && map.value("t"_L1).toString() == u"send"_s)
                sendId = map.value("id"_L1).toInteger();
            return QList<QByteArray>{frame};
        });
        proxy.setToClientHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (!dropped && sendId && map.value("id"_L1).toInteger() == *sendId) {
                dropped = true;
                QMetaObject::invokeMethod(
                    &proxy, [&proxy] { proxy.dropAll(); }, Qt::QueuedConnection);
                return QList<QByteArray>{};
            }
            return QList<QByteArray>{frame};
        });
        QVERIFY(alice->sendText(*dm, u"only once"_s));
        QVERIFY(alice->sendText(*dm, u"and then this"_s));
        const QStringList expected{u"only once"_s, u"and then this"_s};
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm) == expected; }, kEngineWaitMs));
        QVERIFY(dropped);
        QVERIFY(QTest::qWaitFor([&] { return alice.texts(*dm) == expected; }, kEngineWaitMs));
        QTest::qWait(300);
        QCOMPARE(bob.texts(*dm), expected);
        // The engine really did send the first message twice.
        int sends = 0;
        for (const QByteArray &frame : proxy.clientFrames())
            sends += EvilProxy::decode(frame).value("t"_L1).toString() == u"send"_s ? 1 : 0;
        QVERIFY(sends >= 3);
    }

private:
    std::unique_ptr<RelayProcess> m_relay;
    std::unique_ptr<EvilProxy> m_proxy;
    std::unique_ptr<TestDevice> m_alice;
    std::unique_ptr<TestDevice> m_bob;
};

QTEST_GUILESS_MAIN(TstOffline)
#include "tst_offline.moc"
