// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/device_trust_controller.h"

#include "app/engine_host.h"
#include "crypto/fingerprint.h"

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! A public key as groups of four hex digits, for comparing by eye.
QString groupedHex(const QByteArray &bytes) {
    const QString hex = QString::fromLatin1(bytes.toHex());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups.append(hex.mid(i, 4));
    return groups.join(u' ');
}

store::StoreResult<DeviceTrustController::Contact>
readContact(store::Store &store, const QString &name, const QString &self) {
    DeviceTrustController::Contact contact;
    contact.name = name;
    const hearth::UserId user{name};
    auto known = store.contacts().user(user);
    if (!known)
        return known.error();
    if (!*known)
        return contact;
    contact.changed = (*known)->devicesChanged && name != self; // own devices: the settings
    if ((*known)->deviceListTs > 0)
        contact.signedAt = QDateTime::fromMSecsSinceEpoch((*known)->deviceListTs);
    if ((*known)->accountKey)
        contact.fingerprint = crypto::accountFingerprint(user, *(*known)->accountKey);
    auto devices = store.contacts().devices(user);
    if (!devices)
        return devices.error();
    for (const store::KnownDevice &device : *devices) {
        if (!device.onSignedList)
            continue; // what the account did not sign is not its device
        contact.devices.append(QVariantMap{
            {u"deviceId"_s, qint64(device.keys.id.value)},
            {u"fingerprint"_s, groupedHex(device.keys.signingKey.bytes())},
            {u"blocked"_s, device.trust == store::Trust::Blocked},
        });
    }
    return contact;
}

} // namespace

DeviceTrustController::DeviceTrustController(EngineHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host) {}

void DeviceTrustController::attach(engine::SyncEngine &engine) {
    connect(&engine, &engine::SyncEngine::deviceListConflict, this, &DeviceTrustController::reload);
    connect(&engine, &engine::SyncEngine::devicesChanged, this, [this](const QString &user) {
        if (user == m_contact.name)
            showContact(user);
    });
    reload();
}

void DeviceTrustController::reload() {
    m_host.read(
        this, [](store::Store &store) { return store.contacts().deviceListConflicts(); },
        [this](const store::StoreResult<QList<store::DeviceListConflict>> &conflicts) {
            if (!conflicts)
                return;
            QStringList users;
            for (const store::DeviceListConflict &conflict : *conflicts) {
                if (!users.contains(conflict.user.name))
                    users.append(conflict.user.name);
            }
            if (users != m_conflicts) {
                m_conflicts = users;
                Q_EMIT conflictsChanged();
            }
        });
}

void DeviceTrustController::dismissConflict(const QString &userName) {
    // why: shown as gone at once; the store write follows on the engine thread.
    if (m_conflicts.removeAll(userName) > 0)
        Q_EMIT conflictsChanged();
    const hearth::UserId user{userName};
    m_host.post([user](engine::SyncEngine &engine) {
        (void)engine.store().contacts().acknowledgeDeviceListConflicts(user);
    });
}

void DeviceTrustController::showContact(const QString &userName) {
    m_host.read(
        this,
        [userName, self = m_host.userName()](store::Store &store) {
            return readContact(store, userName, self);
        },
        [this](const store::StoreResult<Contact> &contact) {
            if (!contact)
                return;
            m_contact = *contact;
            Q_EMIT contactChanged();
        });
}

void DeviceTrustController::acknowledgeContact() {
    if (m_contact.name.isEmpty())
        return;
    m_contact.changed = false;
    Q_EMIT contactChanged();
    const hearth::UserId user{m_contact.name};
    // why: the engine's devicesChanged tells every member list showing the flag.
    m_host.post([user](engine::SyncEngine &engine) {
        if (auto error = engine.acknowledgeDeviceChange(user))
            qWarning("could not clear a device-change flag: %s", qPrintable(error->message));
    });
}

} // namespace hearth::app
