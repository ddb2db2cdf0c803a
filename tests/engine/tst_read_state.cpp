// SPDX-License-Identifier: GPL-3.0-or-later
// Read state across a member's devices: read on one device clears the other's unread count;
// markers arriving in any order never move backwards (seeded random orderings, pushed through
// a proxy as a reordering relay would); receipts honour the privacy setting.
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

class TstReadState final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
        m_proxy = std::make_unique<EvilProxy>(m_relay.wsUrl());
        QVERIFY(m_proxy->listen());
        QCOMPARE(m_alice1.registerAccount(m_proxy->url(), u"alice"_s), QString());
        QCOMPARE(m_bob.registerAccount(m_relay.wsUrl(), u"bob"_s), QString());
        QCOMPARE(addApprovedDevice(m_alice1, m_alice2, m_relay.wsUrl()), QString());
        m_group = createConversation(m_bob.engine(), hearth::ConversationKind::Group, {u"alice"_s});
        QVERIFY(m_group);
        for (int i = 1; i <= 5; ++i)
            QVERIFY(m_bob->sendText(*m_group, u"message %1"_s.arg(i)));
        for (TestDevice *device : {&m_alice1, &m_alice2}) {
            QVERIFY(QTest::qWaitFor([&] { return device->texts(*m_group).size() == 5; },
                                    kEngineWaitMs));
        }
        m_last = m_bob.history(*m_group).constLast().section(u'|', 0, 0).toULongLong();
    }

    void readOnOneDeviceClearsTheOther() {
        QCOMPARE(m_alice2.unread(*m_group), 5);
        QVERIFY(!m_alice1->markRead(*m_group, m_last - 2).has_value());
        QVERIFY(QTest::qWaitFor([&] { return m_alice2.unread(*m_group) == 2; }, kEngineWaitMs));
        QVERIFY(!m_alice1->markRead(*m_group, m_last).has_value());
        QVERIFY(QTest::qWaitFor([&] { return m_alice2.unread(*m_group) == 0; }, kEngineWaitMs));
        QCOMPARE(m_alice2.readMarker(*m_group), m_last);
        // An older marker from the other device changes nothing.
        QVERIFY(!m_alice2->markRead(*m_group, 1).has_value());
        QCOMPARE(m_alice2.readMarker(*m_group), m_last);
        QCOMPARE(m_alice1.readMarker(*m_group), m_last);
    }

    void outOfOrderMarkersNeverMoveBackwards() {
        // Markers for another conversation id, so earlier state does not mask anything.
        const quint64 conv = m_group->value + 1000;
        QRandomGenerator random(20261128); // seeded: a failure reproduces
        quint64 expectedMax = 0;
        for (int round = 0; round < 20; ++round) {
            QList<quint64> seqs;
            const int count = 1 + int(random.bounded(12));
            for (int i = 0; i < count; ++i)
                seqs.append(1 + random.bounded(200));
            std::shuffle(seqs.begin(), seqs.end(), random);
            QSignalSpy changed(&m_alice1.engine(), &engine::SyncEngine::readMarkerChanged);
            for (quint64 seq : seqs) {
                for (int copy = 0; copy < 1 + int(random.bounded(2)); ++copy)
                    m_proxy->injectToClients(readPush(conv, u"alice"_s, seq));
            }
            const quint64 roundMax = *std::max_element(seqs.begin(), seqs.end());
            expectedMax = std::max(expectedMax, roundMax);
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return m_alice1.readMarker(hearth::ConversationId{conv}) ==
                                    expectedMax;
                         },
                         kEngineWaitMs),
                     qPrintable(u"round %1"_s.arg(round)));
            quint64 previous = 0;
            for (const auto &args : changed) {
                if (args.at(0).toULongLong() != conv)
                    continue;
                const quint64 seen = args.at(1).toULongLong();
                QVERIFY2(seen >= previous, "a read marker moved backwards");
                previous = seen;
            }
            // Others' receipts merge the same way.
            m_proxy->injectToClients(readPush(conv, u"bob"_s, roundMax));
            m_proxy->injectToClients(readPush(conv, u"bob"_s, roundMax / 2));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto receipts =
                    m_alice1->store().readMarkers().receipts(hearth::ConversationId{conv});
                return receipts && receipts->size() == 1 && receipts->first().seq == expectedMax;
            },
            kEngineWaitMs));
    }

    void receiptsFollowThePrivacySetting() {
        QVERIFY(!m_alice2->setReadReceiptsEnabled(false).has_value());
        QVERIFY(m_bob->sendText(*m_group, u"one more"_s));
        QVERIFY(
            QTest::qWaitFor([&] { return m_alice2.texts(*m_group).size() == 6; }, kEngineWaitMs));
        const quint64 last =
            m_alice2.history(*m_group).constLast().section(u'|', 0, 0).toULongLong();
        QVERIFY(!m_alice2->markRead(*m_group, last).has_value());
        // Own devices still sync ...
        QVERIFY(
            QTest::qWaitFor([&] { return m_alice1.readMarker(*m_group) == last; }, kEngineWaitMs));
        // ... but bob's receipt for alice stays where the receipt-enabled read left it.
        QTest::qWait(300);
        auto receipts = m_bob->store().readMarkers().receipts(*m_group);
        QVERIFY(receipts);
        std::optional<quint64> aliceReceipt;
        for (const store::Receipt &receipt : *receipts) {
            if (receipt.user.name == u"alice"_s)
                aliceReceipt = receipt.seq;
        }
        QCOMPARE(aliceReceipt, std::optional<quint64>(m_last));
        QVERIFY(m_last < last);
    }

private:
    static QByteArray readPush(quint64 conv, const QString &user, quint64 seq) {
        QCborMap push;
        push.insert("t"_L1, "read"_L1);
        push.insert("conv"_L1, qint64(conv));
        push.insert("user"_L1, user);
        push.insert("seq"_L1, qint64(seq));
        return EvilProxy::encode(push);
    }

    RelayProcess m_relay;
    std::unique_ptr<EvilProxy> m_proxy;
    TestDevice m_alice1, m_alice2, m_bob;
    std::optional<hearth::ConversationId> m_group;
    quint64 m_last = 0;
};

QTEST_GUILESS_MAIN(TstReadState)
#include "tst_read_state.moc"
