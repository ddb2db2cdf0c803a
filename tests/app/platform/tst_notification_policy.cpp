// SPDX-License-Identifier: GPL-3.0-or-later
// NotificationPolicy: which incoming messages make a desktop notification.
#include "app/notifications/notification_policy.h"

#include <QTest>

using hearth::app::NotificationContext;
using hearth::app::NotificationPolicy;
using hearth::app::NotificationVerdict;
using Level = hearth::store::NotificationLevel;

Q_DECLARE_METATYPE(NotificationVerdict)
Q_DECLARE_METATYPE(Level)

class TestNotificationPolicy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decide_data();
    void decide();
    void everyCombination();
};

void TestNotificationPolicy::decide_data() {
    QTest::addColumn<Level>("level");
    QTest::addColumn<bool>("muted");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("windowActive");
    QTest::addColumn<bool>("shown");
    QTest::addColumn<bool>("own");
    QTest::addColumn<bool>("mention");
    QTest::addColumn<NotificationVerdict>("verdict");

    using V = NotificationVerdict;
    QTest::newRow("background window")
        << Level::All << false << true << false << false << false << false << V::Notify;
    QTest::newRow("shown in a background window")
        << Level::All << false << true << false << true << false << false << V::Notify;
    QTest::newRow("focused, other conversation")
        << Level::All << false << true << true << false << false << false << V::Notify;
    QTest::newRow("focused on it")
        << Level::All << false << true << true << true << false << false << V::AlreadyVisible;
    QTest::newRow("focused on it, mention")
        << Level::All << false << true << true << true << false << true << V::AlreadyVisible;
    QTest::newRow("own") << Level::All << false << true << false << false << true << false
                         << V::OwnMessage;
    QTest::newRow("own mention") << Level::All << false << true << false << false << true << true
                                 << V::OwnMessage;
    QTest::newRow("disabled") << Level::All << false << false << false << false << false << true
                              << V::Disabled;
    QTest::newRow("muted") << Level::All << true << true << false << false << false << false
                           << V::Muted;
    QTest::newRow("muted, mention")
        << Level::All << true << true << false << false << false << true << V::Muted;
    QTest::newRow("none") << Level::None << false << true << false << false << false << false
                          << V::LevelNone;
    QTest::newRow("none, mention")
        << Level::None << false << true << false << false << false << true << V::LevelNone;
    QTest::newRow("mentions, no mention")
        << Level::Mentions << false << true << false << false << false << false << V::NotMentioned;
    QTest::newRow("mentions, mention")
        << Level::Mentions << false << true << false << false << false << true << V::Notify;
    QTest::newRow("all, mention") << Level::All << false << true << false << false << false << true
                                  << V::Notify;
}

void TestNotificationPolicy::decide() {
    QFETCH(Level, level);
    QFETCH(bool, muted);
    QFETCH(bool, enabled);
    QFETCH(bool, windowActive);
    QFETCH(bool, shown);
    QFETCH(bool, own);
    QFETCH(bool, mention);
    QFETCH(NotificationVerdict, verdict);
    const NotificationContext context{level, muted, enabled, windowActive, shown, own, mention};
    QCOMPARE(NotificationPolicy::decide(context), verdict);
    QCOMPARE(NotificationPolicy::shouldNotify(context), verdict == NotificationVerdict::Notify);
}

void TestNotificationPolicy::everyCombination() {
    // Notify exactly when: not own, enabled, not (focused and shown), not muted, and the level
    // lets it through.
    int notified = 0;
    for (Level level : {Level::All, Level::Mentions, Level::None}) {
        for (int bits = 0; bits < 64; ++bits) {
            const NotificationContext context{level,           (bits & 1) != 0, (bits & 2) != 0,
                                              (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0,
                                              (bits & 32) != 0};
            const bool levelAllows =
                level == Level::All || (level == Level::Mentions && context.mentionsMember);
            const bool expected = !context.ownMessage && context.notificationsEnabled &&
                                  !(context.windowActive && context.conversationShown) &&
                                  !context.muted && levelAllows;
            QCOMPARE(NotificationPolicy::shouldNotify(context), expected);
            notified += expected ? 1 : 0;
        }
    }
    QCOMPARE(notified, 3 * 2 + 3 * 1); // All: 3 window states x 2 mention; Mentions: 3 x 1
}

QTEST_GUILESS_MAIN(TestNotificationPolicy)
#include "tst_notification_policy.moc"
