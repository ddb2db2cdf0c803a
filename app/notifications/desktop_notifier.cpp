// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/notifications/desktop_notifier.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>

namespace hearth::app {

using namespace Qt::StringLiterals;

namespace {

QString str(const char *ascii) {
    return QString::fromLatin1(ascii);
}

QDBusMessage methodCall(const char *method) {
    return QDBusMessage::createMethodCall(str(DesktopNotifier::kService),
                                          str(DesktopNotifier::kPath),
                                          str(DesktopNotifier::kInterface), str(method));
}

//! The key under which a notification replaces the previous one: its conversation, or 0 for
//! one that covers several.
quint64 replaceKeyOf(const DesktopNotification &notification) {
    return notification.conversations.size() > 1 ? 0 : notification.conversation.value;
}

} // namespace

DesktopNotifier::DesktopNotifier(QDBusConnection bus, QObject *parent)
    : QObject(parent)
    , m_bus(std::move(bus))
    , m_appName(u"Hearth"_s)
    , m_desktopEntry(u"hearth"_s) {
    m_bus.connect(str(kService), str(kPath), str(kInterface), u"ActionInvoked"_s, this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(str(kService), str(kPath), str(kInterface), u"NotificationClosed"_s, this,
                  SLOT(onNotificationClosed(uint, uint)));
}

DesktopNotifier::~DesktopNotifier() {
    m_bus.disconnect(str(kService), str(kPath), str(kInterface), u"ActionInvoked"_s, this,
                     SLOT(onActionInvoked(uint, QString)));
    m_bus.disconnect(str(kService), str(kPath), str(kInterface), u"NotificationClosed"_s, this,
                     SLOT(onNotificationClosed(uint, uint)));
}

void DesktopNotifier::setTrayIcon(QSystemTrayIcon *tray) {
    if (m_tray)
        disconnect(m_tray, nullptr, this, nullptr);
    m_tray = tray;
    if (m_tray) {
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_trayConversation.value != 0)
                Q_EMIT activated(m_trayConversation);
        });
    }
}

void DesktopNotifier::show(const DesktopNotification &notification) {
    if (m_availability == Availability::Service) {
        send(notification);
        return;
    }
    // why ask again each time: a notification daemon may have started since the last try.
    m_waiting.push_back(notification);
    probe();
}

void DesktopNotifier::withdraw(hearth::ConversationId conversation) {
    m_waiting.removeIf([&](const DesktopNotification &waiting) {
        return waiting.conversations.size() <= 1 && waiting.conversation == conversation;
    });
    const uint id = m_idOfKey.take(conversation.value);
    if (id == 0)
        return;
    m_conversationOfId.remove(id);
    QDBusMessage close = methodCall("CloseNotification");
    close << id;
    m_bus.send(close); // why no reply: an id the service already forgot is no failure of ours
}

void DesktopNotifier::probe() {
    if (m_probing)
        return;
    m_probing = true;
    if (!m_bus.isConnected()) {
        // why queued: show() never reports back from inside the call, with or without a bus.
        QMetaObject::invokeMethod(
            this,
            [this] { onProbeFailed(u"no session bus: %1"_s.arg(m_bus.lastError().message())); },
            Qt::QueuedConnection);
        return;
    }
    auto *watcher =
        new QDBusPendingCallWatcher(m_bus.asyncCall(methodCall("GetCapabilities")), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, &DesktopNotifier::onProbed);
}

void DesktopNotifier::onProbed(QDBusPendingCallWatcher *watcher) {
    watcher->deleteLater();
    const QDBusPendingReply<QStringList> reply = *watcher;
    if (reply.isError()) {
        onProbeFailed(reply.error().name());
        return;
    }
    m_probing = false;
    const QList<DesktopNotification> waiting = std::exchange(m_waiting, {});
    m_bodyMarkup = reply.value().contains(u"body-markup"_s);
    setAvailability(Availability::Service);
    for (const DesktopNotification &notification : waiting)
        send(notification);
}

void DesktopNotifier::onProbeFailed(const QString &detail) {
    m_probing = false;
    const QString why = u"No desktop notification service (%1)"_s.arg(detail);
    for (const DesktopNotification &notification : std::exchange(m_waiting, {}))
        showInTray(notification, why);
}

void DesktopNotifier::send(const DesktopNotification &notification) {
    if (!m_bus.isConnected()) {
        setAvailability(Availability::Unknown);
        showInTray(notification, u"The session bus is gone"_s);
        return;
    }
    const quint64 key = replaceKeyOf(notification);
    // why transient: the server must not keep the notification (sender, and with previews on,
    // message text) in its history or on disk once it is gone from the screen.
    QVariantMap hints{{u"category"_s, u"im.received"_s},
                      {u"urgency"_s, QVariant::fromValue(uchar(1))}, // normal
                      {u"transient"_s, true}};
    if (!m_desktopEntry.isEmpty())
        hints.insert(u"desktop-entry"_s, m_desktopEntry);
    QDBusMessage notify = methodCall("Notify");
    // why escape: with "body-markup" the service reads the body as markup, and message text
    // must never become markup (links, images) on the desktop.
    notify << m_appName << m_idOfKey.value(key, 0u) << m_appIcon << notification.summary
           << (m_bodyMarkup ? notification.body.toHtmlEscaped() : notification.body)
           << QStringList{u"default"_s, u"Open"_s} << hints << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(notify), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key, notification](QDBusPendingCallWatcher *finished) {
                onSent(finished, key, notification);
            });
}

void DesktopNotifier::onSent(QDBusPendingCallWatcher *watcher, quint64 key,
                             const DesktopNotification &notification) {
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    if (reply.isError()) {
        // The service went away since the probe: ask again next time.
        setAvailability(Availability::Unknown);
        showInTray(notification,
                   u"The notification service failed (%1)"_s.arg(reply.error().name()));
        return;
    }
    const uint id = reply.value();
    if (const uint previous = m_idOfKey.value(key, 0u); previous != 0 && previous != id)
        m_conversationOfId.remove(previous);
    m_idOfKey.insert(key, id);
    m_conversationOfId.insert(id, notification.conversation);
}

void DesktopNotifier::showInTray(const DesktopNotification &notification, const QString &why) {
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_trayConversation = notification.conversation;
        m_tray->showMessage(notification.summary, notification.body, QSystemTrayIcon::Information);
        setAvailability(Availability::Tray);
        return;
    }
    setAvailability(Availability::None);
    Q_EMIT unavailable(why + u", and no system tray."_s);
}

void DesktopNotifier::setAvailability(Availability availability) {
    if (m_availability == availability)
        return;
    m_availability = availability;
    Q_EMIT availabilityChanged(availability);
}

void DesktopNotifier::onActionInvoked(uint id, const QString &actionKey) {
    if (actionKey != "default"_L1)
        return;
    const auto it = m_conversationOfId.constFind(id);
    if (it != m_conversationOfId.cend())
        Q_EMIT activated(*it);
}

void DesktopNotifier::onNotificationClosed(uint id, uint) {
    forgetId(id);
}

void DesktopNotifier::forgetId(uint id) {
    if (m_conversationOfId.remove(id) == 0)
        return;
    for (auto it = m_idOfKey.begin(); it != m_idOfKey.end();) {
        if (*it == id)
            it = m_idOfKey.erase(it);
        else
            ++it;
    }
}

} // namespace hearth::app
