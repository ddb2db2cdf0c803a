// SPDX-License-Identifier: GPL-3.0-or-later
// Catch-up after being offline: a device that was closed while 150 messages arrived fetches
// them in pages (the relay's page size lowered to 40 to force several) and ends with the
// same history as the sender, exactly once each, with its cursor at the end. Then the same at
// scale: 10,000 messages sent (in bulk, over a raw connection of the sender's device) while the
// device was closed.
#include "tests/engine/bulk_sender.h"
#include "tests/engine/engine_harness.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

class TstCatchUp final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void offlineDeviceCatchesUpInPages() {
        // A small page size forces several pages; the rate limit is raised for the sender.
        RelayProcess relay({u"--limit"_s, u"max_page_size=40"_s, u"--limit"_s,
                            u"rate_per_second=100000"_s, u"--limit"_s, u"rate_burst=100000"_s});
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(relay.wsUrl(), u"alice"_s), QString());
        QCOMPARE(bob.registerAccount(relay.wsUrl(), u"bob"_s), QString());
        const auto group =
            createConversation(alice.engine(), hearth::ConversationKind::Group, {u"bob"_s});
        QVERIFY(group);
        QVERIFY(alice->sendText(*group, u"first"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group).size() == 1; }, kEngineWaitMs));
        bob.close();

        constexpr int kCount = 150;
        QStringList expected{u"first"_s};
        for (int i = 0; i < kCount; ++i) {
            expected.append(u"offline %1"_s.arg(i));
            QVERIFY(alice->sendText(*group, expected.constLast()));
        }
        QVERIFY(QTest::qWaitFor([&] { return alice->store().outbox().unsent()->isEmpty(); },
                                kEngineWaitMs * 4));
        QVERIFY(bob.reopen());
        QVERIFY2(QTest::qWaitFor([&] { return bob.texts(*group) == expected; }, kEngineWaitMs * 4),
                 qPrintable(QString::number(bob.texts(*group).size())));
        QCOMPARE(bob.history(*group), alice.history(*group));
        const quint64 last = alice.history(*group).constLast().section(u'|', 0, 0).toULongLong();
        QCOMPARE(*bob->store().conversations().cursor(*group), last);
        QCOMPARE(bob.unread(*group), qint64(kCount + 1));
    }

    void offlineDeviceCatchesUpTenThousand() {
        // The relay's default page size; rate limits raised for the bulk sender.
        RelayProcess relay(
            {u"--limit"_s, u"rate_per_second=1000000"_s, u"--limit"_s, u"rate_burst=1000000"_s});
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(relay.wsUrl(), u"alice"_s), QString());
        QCOMPARE(bob.registerAccount(relay.wsUrl(), u"bob"_s), QString());
        const auto group =
            createConversation(alice.engine(), hearth::ConversationKind::Group, {u"bob"_s});
        QVERIFY(group);
        QVERIFY(alice->sendText(*group, u"first"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group).size() == 1; }, kEngineWaitMs));
        bob.close();

        constexpr int kCount = 10000;
        QStringList expected{u"first"_s};
        for (int i = 0; i < kCount; ++i)
            expected.append(u"bulk %1"_s.arg(i));
        quint64 lastSeq = 0;
        QCOMPARE(BulkSender::send(
                     alice.engine(), relay.wsUrl(), *group, kCount,
                     [&](int i) { return expected.at(i + 1); }, &lastSeq),
                 QString());
        QVERIFY(lastSeq > quint64(kCount));

        QVERIFY(bob.reopen());
        // why: the unread count is a cheap query, polled instead of the 10,001-row timeline.
        QVERIFY2(
            QTest::qWaitFor([&] { return bob.unread(*group) >= kCount + 1; }, kEngineWaitMs * 8),
            qPrintable(QString::number(bob.unread(*group))));
        QCOMPARE(bob.texts(*group), expected); // all of them, once each, in seq order
        const QStringList history = bob.history(*group);
        QCOMPARE(history.constLast().section(u'|', 0, 0).toULongLong(), lastSeq);
        QCOMPARE(*bob->store().conversations().cursor(*group), lastSeq);
        QCOMPARE(bob.unread(*group), qint64(kCount + 1));
        QCOMPARE(bob->rejectedEvents(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCatchUp)
#include "tst_catch_up.moc"
