// SPDX-License-Identifier: GPL-3.0-or-later
// NotificationBatcher and summarizeMessages: messages arriving together become one
// notification. Flushed explicitly: no timing.
#include "app/notifications/notification_batcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using hearth::ConversationId;
using hearth::app::DesktopNotification;
using hearth::app::NotifiableMessage;
using hearth::app::NotificationBatcher;
using hearth::app::summarizeMessages;

namespace {

constexpr ConversationId kGarden{7};
constexpr ConversationId kBobDm{8};
constexpr ConversationId kNews{9};

NotifiableMessage inGarden(const QString &sender, const QString &text) {
    return {kGarden, u"Garden club"_s, false, sender, text};
}

NotifiableMessage fromBob(const QString &text) {
    return {kBobDm, u"bob"_s, true, u"bob"_s, text};
}

NotifiableMessage inNews(const QString &text) {
    return {kNews, u"News"_s, false, u"carol"_s, text};
}

} // namespace

class TestNotificationBatcher final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneGroupMessage();
    void oneDirectMessage();
    void severalInOneGroup();
    void severalInOneDm();
    void severalConversations();
    void hiddenPreviews();
    void batcherEmitsOncePerFlush();
    void discardDropsAConversation();
    void windowZeroNeverFlushesByItself();
    void windowFlushesByItself();
};

void TestNotificationBatcher::oneGroupMessage() {
    const DesktopNotification n = summarizeMessages({inGarden(u"alice"_s, u"tomatoes!"_s)}, false);
    QCOMPARE(n.summary, u"alice in Garden club"_s);
    QCOMPARE(n.body, u"tomatoes!"_s);
    QCOMPARE(n.summary + u": "_s + n.body, u"alice in Garden club: tomatoes!"_s);
    QCOMPARE(n.conversation, kGarden);
    QCOMPARE(n.conversations, QList<ConversationId>{kGarden});
    QCOMPARE(n.messageCount, 1);
}

void TestNotificationBatcher::oneDirectMessage() {
    const DesktopNotification n = summarizeMessages({fromBob(u"lunch?"_s)}, false);
    QCOMPARE(n.summary, u"bob"_s);
    QCOMPARE(n.body, u"lunch?"_s);
    QCOMPARE(n.conversation, kBobDm);
}

void TestNotificationBatcher::severalInOneGroup() {
    const DesktopNotification n =
        summarizeMessages({inGarden(u"alice"_s, u"one"_s), inGarden(u"bob"_s, u"two"_s),
                           inGarden(u"carol"_s, u"three"_s)},
                          false);
    QCOMPARE(n.summary, u"3 new messages in Garden club"_s);
    QCOMPARE(n.body, u"carol: three"_s);
    QCOMPARE(n.messageCount, 3);
    QCOMPARE(n.conversations, QList<ConversationId>{kGarden});
}

void TestNotificationBatcher::severalInOneDm() {
    const DesktopNotification n = summarizeMessages({fromBob(u"a"_s), fromBob(u"b"_s)}, false);
    QCOMPARE(n.summary, u"2 new messages from bob"_s);
    QCOMPARE(n.body, u"b"_s);
}

void TestNotificationBatcher::severalConversations() {
    const DesktopNotification n =
        summarizeMessages({inGarden(u"alice"_s, u"1"_s), fromBob(u"2"_s),
                           inGarden(u"carol"_s, u"3"_s), inNews(u"4"_s), fromBob(u"5"_s)},
                          false);
    QCOMPARE(n.summary, u"5 new messages in 3 conversations"_s);
    QCOMPARE(n.body, u"bob, News, Garden club"_s); // latest first
    QCOMPARE(n.conversation, kBobDm);
    QCOMPARE(n.conversations, (QList<ConversationId>{kBobDm, kNews, kGarden}));
    QCOMPARE(n.messageCount, 5);

    const DesktopNotification two =
        summarizeMessages({inGarden(u"alice"_s, u"1"_s), fromBob(u"2"_s)}, false);
    QCOMPARE(two.summary, u"2 new messages in 2 conversations"_s);
}

void TestNotificationBatcher::hiddenPreviews() {
    const DesktopNotification group =
        summarizeMessages({inGarden(u"alice"_s, u"secret plan"_s)}, true);
    QCOMPARE(group.summary, u"alice in Garden club"_s);
    QVERIFY(group.body.isEmpty());

    const DesktopNotification dm = summarizeMessages({fromBob(u"secret plan"_s)}, true);
    QCOMPARE(dm.summary, u"New message"_s);
    QVERIFY(dm.body.isEmpty());
    QVERIFY(!dm.summary.contains(u"bob"_s));

    const DesktopNotification dms =
        summarizeMessages({fromBob(u"secret"_s), fromBob(u"plan"_s)}, true);
    QCOMPARE(dms.summary, u"2 new messages"_s);
    QVERIFY(dms.body.isEmpty());

    const DesktopNotification groups =
        summarizeMessages({inGarden(u"alice"_s, u"secret"_s), inGarden(u"bob"_s, u"plan"_s)}, true);
    QCOMPARE(groups.summary, u"2 new messages in Garden club"_s);
    QVERIFY(groups.body.isEmpty());

    const DesktopNotification mixed =
        summarizeMessages({inGarden(u"alice"_s, u"secret"_s), fromBob(u"plan"_s)}, true);
    QCOMPARE(mixed.summary, u"2 new messages in 2 conversations"_s);
    QVERIFY(mixed.body.isEmpty());
    for (const auto &n : {group, dm, dms, groups, mixed}) {
        QVERIFY(!n.body.contains(u"secret"_s) && !n.summary.contains(u"secret"_s));
        QVERIFY(!n.summary.contains(u"plan"_s));
    }
}

void TestNotificationBatcher::batcherEmitsOncePerFlush() {
    NotificationBatcher batcher;
    batcher.setWindow(std::chrono::milliseconds(0));
    QSignalSpy ready(&batcher, &NotificationBatcher::ready);
    batcher.flush();
    QCOMPARE(ready.count(), 0); // nothing pending, nothing shown

    batcher.add(inGarden(u"alice"_s, u"one"_s));
    batcher.add(inGarden(u"bob"_s, u"two"_s));
    batcher.add(fromBob(u"three"_s));
    QCOMPARE(batcher.pendingCount(), 3);
    QCOMPARE(ready.count(), 0);
    batcher.flush();
    QCOMPARE(ready.count(), 1);
    QCOMPARE(batcher.pendingCount(), 0);
    const auto n = ready.takeFirst().at(0).value<DesktopNotification>();
    QCOMPARE(n.summary, u"3 new messages in 2 conversations"_s);

    batcher.setHidePreviews(true);
    batcher.add(fromBob(u"four"_s));
    batcher.flush();
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.takeFirst().at(0).value<DesktopNotification>().summary, u"New message"_s);
}

void TestNotificationBatcher::discardDropsAConversation() {
    NotificationBatcher batcher;
    batcher.setWindow(std::chrono::milliseconds(0));
    QSignalSpy ready(&batcher, &NotificationBatcher::ready);
    batcher.add(inGarden(u"alice"_s, u"one"_s));
    batcher.add(fromBob(u"two"_s));
    batcher.add(inGarden(u"carol"_s, u"three"_s));
    batcher.discard(kGarden);
    QCOMPARE(batcher.pendingCount(), 1);
    batcher.flush();
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.takeFirst().at(0).value<DesktopNotification>().summary, u"bob"_s);

    batcher.add(fromBob(u"x"_s));
    batcher.discard(kBobDm);
    batcher.flush();
    QCOMPARE(ready.count(), 0);
}

void TestNotificationBatcher::windowZeroNeverFlushesByItself() {
    NotificationBatcher batcher;
    batcher.setWindow(std::chrono::milliseconds(0));
    QSignalSpy ready(&batcher, &NotificationBatcher::ready);
    batcher.add(fromBob(u"x"_s));
    QCoreApplication::processEvents();
    QCOMPARE(ready.count(), 0);
    QCOMPARE(batcher.pendingCount(), 1);
    batcher.flush();
    QCOMPARE(ready.count(), 1);
}

void TestNotificationBatcher::windowFlushesByItself() {
    NotificationBatcher batcher;
    QCOMPARE(batcher.window(), NotificationBatcher::kDefaultWindow);
    batcher.setWindow(std::chrono::milliseconds(1));
    QSignalSpy ready(&batcher, &NotificationBatcher::ready);
    batcher.add(fromBob(u"x"_s));
    batcher.add(fromBob(u"y"_s));
    QVERIFY(ready.wait());
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.takeFirst().at(0).value<DesktopNotification>().messageCount, 2);
    QCOMPARE(batcher.pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestNotificationBatcher)
#include "tst_notification_batcher.moc"
