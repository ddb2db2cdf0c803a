// SPDX-License-Identifier: GPL-3.0-or-later
// DesktopNotifier against a real dbus-daemon (private) and a test implementation of
// org.freedesktop.Notifications on its own connection, as a notification daemon would be.
#include "app/notifications/desktop_notifier.h"
#include "tests/app/platform/private_bus.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using hearth::ConversationId;
using hearth::app::DesktopNotification;
using hearth::app::DesktopNotifier;

namespace {

constexpr ConversationId kGarden{7};
constexpr ConversationId kBobDm{8};

DesktopNotification notification(ConversationId conversation, const QString &summary,
                                 const QString &body = {}) {
    DesktopNotification n;
    n.conversation = conversation;
    n.conversations = {conversation};
    n.messageCount = 1;
    n.summary = summary;
    n.body = body;
    return n;
}

DesktopNotification several() {
    DesktopNotification n = notification(kBobDm, u"3 new messages in 2 conversations"_s);
    n.conversations = {kBobDm, kGarden};
    n.messageCount = 3;
    return n;
}

} // namespace

//! Records what clients ask, as a notification daemon would receive it.
class FakeNotificationServer final : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call final {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0; //!< what we answered
    };

    QList<Call> calls;
    QList<uint> closed;
    QStringList capabilities{u"body"_s, u"actions"_s};
    uint nextId = 100;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int expireTimeout) {
        const uint id = replacesId != 0 ? replacesId : nextId++;
        calls.push_back(
            {appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
        return id;
    }
    QStringList GetCapabilities() { return capabilities; }
    void CloseNotification(uint id) { closed.push_back(id); }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

class TestDesktopNotifier final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void notifySendsWhatWasAsked();
    void replacesPerConversation();
    void actionInvokedActivates();
    void closedNotificationIsNotReplaced();
    void bodyMarkupIsEscaped();
    void withdrawClosesIt();
    void noServiceIsReported();
    void noBusIsReported();

private:
    [[nodiscard]] bool registerServer();
    void unregisterServer();

    hearth::test::PrivateBus m_bus;
    std::optional<QDBusConnection> m_server;
    std::optional<QDBusConnection> m_client;
    FakeNotificationServer m_fake;
};

void TestDesktopNotifier::initTestCase() {
    QVERIFY2(m_bus.start(), qPrintable(m_bus.error()));
    m_server = QDBusConnection::connectToBus(m_bus.address(), u"notification-server"_s);
    m_client = QDBusConnection::connectToBus(m_bus.address(), u"notifier"_s);
    QVERIFY(m_server->isConnected());
    QVERIFY(m_client->isConnected());
    QVERIFY(m_server->registerObject(QString::fromLatin1(DesktopNotifier::kPath), &m_fake,
                                     QDBusConnection::ExportAllSlots |
                                         QDBusConnection::ExportAllSignals));
    QVERIFY(registerServer());
}

void TestDesktopNotifier::init() {
    m_fake.calls.clear();
    m_fake.closed.clear();
    m_fake.capabilities = {u"body"_s, u"actions"_s};
}

void TestDesktopNotifier::cleanupTestCase() {
    m_server.reset();
    m_client.reset();
    QDBusConnection::disconnectFromBus(u"notification-server"_s);
    QDBusConnection::disconnectFromBus(u"notifier"_s);
}

bool TestDesktopNotifier::registerServer() {
    return m_server->registerService(QString::fromLatin1(DesktopNotifier::kService));
}

void TestDesktopNotifier::unregisterServer() {
    QVERIFY(m_server->unregisterService(QString::fromLatin1(DesktopNotifier::kService)));
}

void TestDesktopNotifier::notifySendsWhatWasAsked() {
    DesktopNotifier notifier(*m_client);
    QSignalSpy availability(&notifier, &DesktopNotifier::availabilityChanged);
    QCOMPARE(notifier.availability(), DesktopNotifier::Availability::Unknown);
    notifier.show(notification(kGarden, u"alice in Garden club"_s, u"1 < 2 & <b>x</b>"_s));
    QTRY_COMPARE(m_fake.calls.size(), 1);
    const auto &call = m_fake.calls.first();
    QCOMPARE(call.appName, u"Hearth"_s);
    QCOMPARE(call.replacesId, 0u);
    QCOMPARE(call.summary, u"alice in Garden club"_s);
    QCOMPARE(call.body, u"1 < 2 & <b>x</b>"_s); // no body-markup: sent as it is
    QVERIFY(call.actions.contains(u"default"_s));
    QCOMPARE(call.actions.size() % 2, 0); // key, label pairs
    QCOMPARE(call.hints.value(u"desktop-entry"_s).toString(), u"hearth"_s);
    QCOMPARE(call.hints.value(u"category"_s).toString(), u"im.received"_s);
    QCOMPARE(call.hints.value(u"urgency"_s).toInt(), 1);
    // Transient: the notification server keeps no history of who wrote (or what).
    QCOMPARE(call.hints.value(u"transient"_s).toBool(), true);
    QVERIFY(call.hints.contains(u"transient"_s));
    QCOMPARE(call.expireTimeout, -1);
    QCOMPARE(notifier.availability(), DesktopNotifier::Availability::Service);
    QCOMPARE(availability.count(), 1);

    notifier.setAppName(u"Hearth (alice)"_s);
    notifier.setAppIcon(u"hearth-icon"_s);
    notifier.show(notification(kBobDm, u"bob"_s, u"hi"_s));
    QTRY_COMPARE(m_fake.calls.size(), 2);
    QCOMPARE(m_fake.calls.last().appName, u"Hearth (alice)"_s);
    QCOMPARE(m_fake.calls.last().appIcon, u"hearth-icon"_s);
}

void TestDesktopNotifier::replacesPerConversation() {
    DesktopNotifier notifier(*m_client);
    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    QTRY_COMPARE(m_fake.calls.size(), 1);
    const uint gardenId = m_fake.calls.last().id;
    QVERIFY(gardenId != 0);

    notifier.show(notification(kGarden, u"2 new messages in Garden club"_s));
    QTRY_COMPARE(m_fake.calls.size(), 2);
    QCOMPARE(m_fake.calls.last().replacesId, gardenId);

    notifier.show(notification(kBobDm, u"bob"_s));
    QTRY_COMPARE(m_fake.calls.size(), 3);
    QCOMPARE(m_fake.calls.last().replacesId, 0u);

    notifier.show(several());
    QTRY_COMPARE(m_fake.calls.size(), 4);
    QCOMPARE(m_fake.calls.last().replacesId, 0u);
    const uint severalId = m_fake.calls.last().id;
    notifier.show(several());
    QTRY_COMPARE(m_fake.calls.size(), 5);
    QCOMPARE(m_fake.calls.last().replacesId, severalId);
}

void TestDesktopNotifier::actionInvokedActivates() {
    DesktopNotifier notifier(*m_client);
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    notifier.show(notification(kBobDm, u"bob"_s));
    QTRY_COMPARE(m_fake.calls.size(), 2);
    const uint bobId = m_fake.calls.last().id;

    Q_EMIT m_fake.ActionInvoked(bobId, u"something-else"_s); // not ours
    Q_EMIT m_fake.ActionInvoked(9999, u"default"_s);         // not one of ours
    Q_EMIT m_fake.ActionInvoked(bobId, u"default"_s);
    QVERIFY(activated.wait());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.takeFirst().at(0).value<ConversationId>(), kBobDm);
}

void TestDesktopNotifier::closedNotificationIsNotReplaced() {
    DesktopNotifier notifier(*m_client);
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    notifier.show(notification(kBobDm, u"bob"_s));
    QTRY_COMPARE(m_fake.calls.size(), 2);
    const uint gardenId = m_fake.calls.first().id;
    const uint bobId = m_fake.calls.last().id;

    Q_EMIT m_fake.NotificationClosed(gardenId, 2); // dismissed by the member
    Q_EMIT m_fake.ActionInvoked(gardenId, u"default"_s);
    // why: signals arrive in order, so once bob's activation is seen, garden's close was too.
    Q_EMIT m_fake.ActionInvoked(bobId, u"default"_s);
    QVERIFY(activated.wait());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.takeFirst().at(0).value<ConversationId>(), kBobDm);

    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    QTRY_COMPARE(m_fake.calls.size(), 3);
    QCOMPARE(m_fake.calls.last().replacesId, 0u);
}

void TestDesktopNotifier::bodyMarkupIsEscaped() {
    m_fake.capabilities = {u"body"_s, u"body-markup"_s, u"actions"_s};
    DesktopNotifier notifier(*m_client);
    notifier.show(notification(kGarden, u"a <b>"_s, u"<a href=\"x\">1</a> & <img src=y>"_s));
    QTRY_COMPARE(m_fake.calls.size(), 1);
    QCOMPARE(m_fake.calls.first().body,
             u"&lt;a href=&quot;x&quot;&gt;1&lt;/a&gt; &amp; &lt;img src=y&gt;"_s);
    QCOMPARE(m_fake.calls.first().summary, u"a <b>"_s); // summaries are never markup
}

void TestDesktopNotifier::withdrawClosesIt() {
    DesktopNotifier notifier(*m_client);
    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    notifier.show(notification(kBobDm, u"bob"_s));
    QTRY_COMPARE(m_fake.calls.size(), 2);
    const uint gardenId = m_fake.calls.first().id;
    const uint bobId = m_fake.calls.last().id;

    notifier.withdraw(kGarden);
    notifier.withdraw(kGarden); // already withdrawn: nothing to close
    notifier.withdraw(kBobDm);
    QTRY_COMPARE(m_fake.closed.size(), 2);
    QCOMPARE(m_fake.closed, (QList<uint>{gardenId, bobId}));

    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    QTRY_COMPARE(m_fake.calls.size(), 3);
    QCOMPARE(m_fake.calls.last().replacesId, 0u);
}

void TestDesktopNotifier::noServiceIsReported() {
    unregisterServer();
    DesktopNotifier notifier(*m_client);
    QSignalSpy unavailable(&notifier, &DesktopNotifier::unavailable);
    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    QVERIFY(unavailable.wait());
    QVERIFY2(unavailable.first().at(0).toString().contains(u"ServiceUnknown"_s),
             qPrintable(unavailable.first().at(0).toString()));
    QCOMPARE(notifier.availability(), DesktopNotifier::Availability::None);
    QVERIFY(m_fake.calls.isEmpty());

    // A notification daemon that starts later is found at the next notification.
    QVERIFY(registerServer());
    notifier.show(notification(kGarden, u"2 new messages in Garden club"_s));
    QTRY_COMPARE(m_fake.calls.size(), 1);
    QCOMPARE(m_fake.calls.first().summary, u"2 new messages in Garden club"_s);
    QCOMPARE(notifier.availability(), DesktopNotifier::Availability::Service);
}

void TestDesktopNotifier::noBusIsReported() {
    DesktopNotifier notifier(QDBusConnection(u"no such connection"_s));
    QSignalSpy unavailable(&notifier, &DesktopNotifier::unavailable);
    notifier.show(notification(kGarden, u"alice in Garden club"_s));
    QVERIFY(unavailable.wait());
    QCOMPARE(notifier.availability(), DesktopNotifier::Availability::None);
}

QTEST_GUILESS_MAIN(TestDesktopNotifier)
#include "tst_desktop_notifier.moc"
