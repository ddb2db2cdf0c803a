// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QQmlEngine>
#include <QStringList>
#include <QVariantList>

namespace hearth::engine {
class SyncEngine;
}

namespace hearth::app {

class EngineHost;

//! What the member is told about other accounts' signed device lists (App.deviceTrust):
//! - the persistent warning when the relay served two different lists of one account under one
//!   version (an attack; it stays, across restarts, until the member dismisses it);
//! - one contact's details: its devices with fingerprints, and whether they changed since the
//!   member last looked (acknowledged here).
class DeviceTrustController final : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by App")
    //! Accounts whose device lists conflicted, not dismissed yet (oldest first).
    Q_PROPERTY(QStringList conflicts READ conflicts NOTIFY conflictsChanged)
    //! The contact shown by showContact() ("" when none).
    Q_PROPERTY(QString contactName READ contactName NOTIFY contactChanged)
    //! Its devices on the signed list: list of {deviceId, fingerprint}.
    Q_PROPERTY(QVariantList contactDevices READ contactDevices NOTIFY contactChanged)
    //! Its devices changed since the member last acknowledged them.
    Q_PROPERTY(bool contactDevicesChanged READ contactDevicesChanged NOTIFY contactChanged)
    //! When its owner signed the list (invalid for a legacy list without a timestamp).
    Q_PROPERTY(QDateTime contactListSignedAt READ contactListSignedAt NOTIFY contactChanged)
    //! Its account fingerprint (30 digits), "" when no account key is known.
    Q_PROPERTY(QString contactFingerprint READ contactFingerprint NOTIFY contactChanged)

public:
    explicit DeviceTrustController(EngineHost &host, QObject *parent = nullptr);

    //! Follows `engine`'s device-list signals and reads what is stored (after opening).
    void attach(engine::SyncEngine &engine);

    [[nodiscard]] QStringList conflicts() const { return m_conflicts; }
    [[nodiscard]] QString contactName() const { return m_contact.name; }
    [[nodiscard]] QVariantList contactDevices() const { return m_contact.devices; }
    [[nodiscard]] bool contactDevicesChanged() const { return m_contact.changed; }
    [[nodiscard]] QDateTime contactListSignedAt() const { return m_contact.signedAt; }
    [[nodiscard]] QString contactFingerprint() const { return m_contact.fingerprint; }

    //! The member read the warning about `userName`'s conflicting lists.
    Q_INVOKABLE void dismissConflict(const QString &userName);
    //! Loads `userName`'s details into the contact* properties.
    Q_INVOKABLE void showContact(const QString &userName);
    //! The member looked at the shown contact's devices: the "devices changed" notice goes.
    Q_INVOKABLE void acknowledgeContact();
    //! Reads the conflicts again.
    Q_INVOKABLE void reload();

    //! The shown contact, as read off the UI thread.
    struct Contact {
        QString name;
        QVariantList devices;
        bool changed = false;
        QDateTime signedAt;
        QString fingerprint;
    };

Q_SIGNALS:
    void conflictsChanged();
    void contactChanged();

private:
    EngineHost &m_host;
    QStringList m_conflicts;
    Contact m_contact;
};

} // namespace hearth::app
