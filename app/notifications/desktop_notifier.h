// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/notifications/desktop_notification.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QPointer>

class QDBusPendingCallWatcher;
class QSystemTrayIcon;

namespace hearth::app {

//! Shows DesktopNotifications through org.freedesktop.Notifications on `bus` (a new one for a
//! conversation replaces the one it still shows), and reports when the member clicks one.
//! Without that service it falls back to the tray icon's balloon (setTrayIcon()), and without
//! a tray it reports unavailable(). Never blocks: every D-Bus call is asynchronous. UI thread.
//! Every notification is marked transient (hint "transient"): the service shows it but keeps no
//! history of it (who wrote, and the text when previews are on).
class DesktopNotifier final : public QObject {
    Q_OBJECT

public:
    static constexpr auto kService = "org.freedesktop.Notifications";
    static constexpr auto kPath = "/org/freedesktop/Notifications";
    static constexpr auto kInterface = "org.freedesktop.Notifications";

    enum class Availability {
        Unknown, //!< nothing shown yet
        Service, //!< the notification service answers
        Tray,    //!< no service: the tray icon's balloon
        None,    //!< neither: notifications cannot be shown
    };
    Q_ENUM(Availability)

    explicit DesktopNotifier(QDBusConnection bus = QDBusConnection::sessionBus(),
                             QObject *parent = nullptr);
    ~DesktopNotifier() override;

    //! The application name the service shows ("Hearth").
    void setAppName(const QString &name) { m_appName = name; }
    //! Icon name or file URL sent with each notification (empty: the service's default).
    void setAppIcon(const QString &icon) { m_appIcon = icon; }
    //! The desktop entry (the .desktop file name without suffix) the service may group by.
    void setDesktopEntry(const QString &entry) { m_desktopEntry = entry; }
    //! The fallback when the service is missing; it must stay visible to be used. Not owned.
    void setTrayIcon(QSystemTrayIcon *tray);

    [[nodiscard]] Availability availability() const { return m_availability; }

    //! Shows `notification`, replacing the one still shown for the same conversation (a
    //! notification covering several conversations replaces the previous such one).
    void show(const DesktopNotification &notification);
    //! Closes what is shown for `conversation` (the member opened it).
    void withdraw(hearth::ConversationId conversation);

Q_SIGNALS:
    //! The member clicked a notification (or its "Open" action).
    void activated(hearth::ConversationId conversation);
    void availabilityChanged(hearth::app::DesktopNotifier::Availability availability);
    //! A notification could not be shown anywhere; `reason` is for logs and settings.
    void unavailable(const QString &reason);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void probe();
    void onProbed(QDBusPendingCallWatcher *watcher);
    void onProbeFailed(const QString &detail);
    void send(const DesktopNotification &notification);
    void onSent(QDBusPendingCallWatcher *watcher, quint64 key,
                const DesktopNotification &notification);
    void showInTray(const DesktopNotification &notification, const QString &why);
    void setAvailability(Availability availability);
    void forgetId(uint id);

    QDBusConnection m_bus;
    QString m_appName;
    QString m_appIcon;
    QString m_desktopEntry;
    QPointer<QSystemTrayIcon> m_tray;
    Availability m_availability = Availability::Unknown;
    bool m_probing = false;
    bool m_bodyMarkup = false;            //!< the service reads markup in bodies: escape ours
    QList<DesktopNotification> m_waiting; //!< shown once the probe answers
    QHash<quint64, uint> m_idOfKey;       //!< replace key (conversation, 0: several) -> id
    QHash<uint, hearth::ConversationId> m_conversationOfId;
    hearth::ConversationId m_trayConversation;
};

} // namespace hearth::app
