// SPDX-License-Identifier: GPL-3.0-or-later
// Replays by a malicious relay (a proxy rewriting frames in front of the real one) that survive
// the engine's seq and cmid checks: an authentic group ciphertext sent again under a new seq
// and a fresh cmid is shown once, before and after a restart of the receiving app; a pairwise
// (to-device) message delivered again after a restart is refused.
#include "crypto/ids.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QCborArray>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <atomic>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

std::atomic<int> g_replayedDrops{0};
QtMessageHandler g_previousHandler = nullptr;

void countReplayedDrops(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (message.contains(u"dropped a to-device message:"_s) && message.contains(u"Replayed"_s))
        ++g_replayedDrops;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

quint64 lastSeq(TestDevice &device, hearth::ConversationId conversation) {
    return device.history(conversation).constLast().section(u'|', 0, 0).toULongLong();
}

} // namespace

class TstReplay final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    void groupCiphertextUnderNewSeqShownOnce() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice"_s), QString());
        QCOMPARE(bob.registerAccount(proxy.url(), u"bob"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob"_s});
        QVERIFY(dm);

        // Remember every ciphertext bob is given, by seq.
        QHash<quint64, QByteArray> bodies;
        quint64 replaceSeq = 0;   // the event whose body the relay swaps
        quint64 replayedFrom = 0; // for the body of this earlier event
        proxy.setToClientHook([&](const QByteArray &frame) {
            return QList<QByteArray>{EvilProxy::rewriteMessages(frame, [&](QCborMap &event) {
                const auto seq = static_cast<quint64>(event.value("seq"_L1).toInteger());
                if (seq == replaceSeq && bodies.contains(replayedFrom)) {
                    event.insert("body"_L1, bodies.value(replayedFrom));
                    event.insert("cmid"_L1, crypto::MessageId::generate().bytes());
                    return;
                }
                bodies.insert(seq, event.value("body"_L1).toByteArray());
            })};
        });

        QVERIFY(alice->sendText(*dm, u"one"_s));
        QVERIFY(alice->sendText(*dm, u"two"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 2; }, kEngineWaitMs));
        const quint64 seqOfOne = lastSeq(bob, *dm) - 1;

        // "three" reaches bob as a second copy of "one"; "four" shows he handled it.
        replayedFrom = seqOfOne;
        replaceSeq = lastSeq(bob, *dm) + 1;
        QVERIFY(alice->sendText(*dm, u"three"_s));
        QVERIFY(alice->sendText(*dm, u"four"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).contains(u"four"_s); }, kEngineWaitMs));
        QCOMPARE(bob.texts(*dm), (QStringList{u"one"_s, u"two"_s, u"four"_s}));
        QCOMPARE(*bob->store().conversations().cursor(*dm), lastSeq(alice, *dm));

        // After a restart the same trick with the body of "two" fails too.
        QVERIFY(bob.reopen());
        QVERIFY(bob.waitCaughtUp());
        replayedFrom = seqOfOne + 1;
        replaceSeq = lastSeq(alice, *dm) + 1;
        QVERIFY(alice->sendText(*dm, u"five"_s));
        QVERIFY(alice->sendText(*dm, u"six"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).contains(u"six"_s); }, kEngineWaitMs));
        QCOMPARE(bob.texts(*dm), (QStringList{u"one"_s, u"two"_s, u"four"_s, u"six"_s}));
        QCOMPARE(bob->rejectedEvents(), 0); // dropped as replays, not counted as forgeries
    }

    void pairwiseReplayRefusedAfterRestart() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice2"_s), QString());
        QCOMPARE(bob.registerAccount(proxy.url(), u"bob2"_s), QString());
        QList<QByteArray> toDevicePushes;
        proxy.setToClientHook([&](const QByteArray &frame) {
            if (EvilProxy::decode(frame).value("t"_L1).toString() == u"to_device"_s)
                toDevicePushes.append(frame);
            return QList<QByteArray>{frame};
        });
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob2"_s});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"one"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 1; }, kEngineWaitMs));
        QVERIFY(!toDevicePushes.isEmpty()); // the session key, pushed live

        QVERIFY(bob.reopen());
        QVERIFY(bob.waitCaughtUp());
        // The relay delivers the session key again (a new qid: it acked the first one).
        g_replayedDrops = 0;
        g_previousHandler = qInstallMessageHandler(countReplayedDrops);
        auto restoreHandler = qScopeGuard([] { qInstallMessageHandler(g_previousHandler); });
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"dropped a to-device message:.*Replayed"_s));
        for (const QByteArray &frame : std::as_const(toDevicePushes)) {
            QCborMap map = EvilProxy::decode(frame);
            QCborMap message = map.value("message"_L1).toMap();
            message.insert("qid"_L1, message.value("qid"_L1).toInteger() + 1000000);
            map.insert("message"_L1, message);
            proxy.injectToClients(EvilProxy::encode(map));
        }
        QVERIFY(QTest::qWaitFor([&] { return g_replayedDrops >= 1; }, kEngineWaitMs));
        QVERIFY(QTest::qWaitFor([&] { return bob->store().toDevice().incoming(1)->isEmpty(); },
                                kEngineWaitMs));
        // Still working: the session stays usable.
        QVERIFY(alice->sendText(*dm, u"two"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 2; }, kEngineWaitMs));
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstReplay)
#include "tst_replay.moc"
