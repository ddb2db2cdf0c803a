// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/awareness.h"

#include <QObject>
#include <QQmlEngine>
#include <QSettings>
#include <QVariantList>

namespace hearth::app {

class EngineHost;

//! The member's settings: privacy (stored in the profile and on the relay), notifications and
//! theme (this computer's preferences, QSettings), and the account's devices.
class SettingsController final : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by App")
    Q_PROPERTY(bool readReceipts READ readReceipts WRITE setReadReceipts NOTIFY readReceiptsChanged)
    Q_PROPERTY(
        QString messagePolicy READ messagePolicy WRITE setMessagePolicy NOTIFY messagePolicyChanged)
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(bool notificationsEnabled READ notificationsEnabled WRITE setNotificationsEnabled
                   NOTIFY notificationsChanged)
    Q_PROPERTY(bool notificationPreviews READ notificationPreviews WRITE setNotificationPreviews
                   NOTIFY notificationsChanged)
    Q_PROPERTY(QVariantList devices READ devices NOTIFY devicesChanged)
    Q_PROPERTY(QString accountFingerprint READ accountFingerprint NOTIFY devicesChanged)
    //! False while this device waits for another of the account's devices to approve it: the
    //! account's verified list does not name it with exactly its keys.
    Q_PROPERTY(bool thisDeviceApproved READ thisDeviceApproved NOTIFY devicesChanged)
    //! The code this device shows while it waits for approval ("7K3Q-M9ZD-X2PA-4HNB"), else "".
    Q_PROPERTY(QString approvalCode READ approvalCode NOTIFY devicesChanged)

public:
    SettingsController(EngineHost &host, QObject *parent = nullptr);

    [[nodiscard]] bool readReceipts() const { return m_readReceipts; }
    void setReadReceipts(bool enabled);
    [[nodiscard]] QString messagePolicy() const { return m_messagePolicy; }
    void setMessagePolicy(const QString &policy);
    [[nodiscard]] QString theme() const;
    //! The theme in effect: "dark", or "system" on a dark desktop palette.
    [[nodiscard]] bool darkTheme() const;
    void setTheme(const QString &theme);
    [[nodiscard]] bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    [[nodiscard]] bool notificationPreviews() const;
    void setNotificationPreviews(bool enabled);
    [[nodiscard]] QVariantList devices() const { return m_devices; }
    [[nodiscard]] QString accountFingerprint() const { return m_accountFingerprint; }
    [[nodiscard]] bool thisDeviceApproved() const { return m_thisDeviceApproved; }
    [[nodiscard]] QString approvalCode() const { return m_approvalCode; }

    //! Reads what the profile and the relay hold (after unlocking, and when devices change).
    Q_INVOKABLE void reload();
    //! The relay reported the account's policy (set here or on another device).
    void applyMessagePolicy(engine::MessagePolicy policy);

Q_SIGNALS:
    void readReceiptsChanged();
    void messagePolicyChanged();
    void themeChanged();
    void notificationsChanged();
    void devicesChanged();
    void failed(const QString &message);

private:
    EngineHost &m_host;
    QSettings m_local;
    bool m_readReceipts = true;
    QString m_messagePolicy = QStringLiteral("everyone");
    QVariantList m_devices;
    QString m_accountFingerprint;
    bool m_thisDeviceApproved = true;
    QString m_approvalCode;
};

} // namespace hearth::app
