// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/device_directory.h"

#include "crypto/device_list.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"

#include <QLoggingCategory>
#include <memory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcDevices, "hearth.engine.devices")

DeviceDirectory::DeviceDirectory(EngineContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context) {}

void DeviceDirectory::refresh(const UserId &user, Completion done) {
    auto &waiting = m_waiting[user.name];
    waiting.append(std::move(done));
    if (waiting.size() > 1)
        return; // a fetch is in flight: it answers everyone
    m_context.connection.send(protocol::DevicesRequest{{user}}, [this, user](const auto &reply) {
        if (!reply) {
            finish(user, relayError(reply.error()));
            return;
        }
        onReply(user, reply.value());
        m_fresh.insert(user.name);
        finish(user, std::nullopt);
    });
}

void DeviceDirectory::recheckUnlisted(const DeviceAddress &device, Completion done) {
    const auto key = qMakePair(device.user.name, device.device.value);
    if (m_rechecked.contains(key)) {
        done(std::nullopt);
        return;
    }
    m_rechecked.insert(key);
    m_fresh.remove(device.user.name);
    refresh(device.user, [this, key, done](const std::optional<EngineError> &error) {
        // why: a fetch lost with the connection did not look: the next message tries again.
        if (error && error->code == EngineErrorCode::NotOnline)
            m_rechecked.remove(key);
        done(error);
    });
}

void DeviceDirectory::invalidate(const UserId &user) {
    m_fresh.remove(user.name);
    m_rechecked.removeIf([&user](const auto &key) { return key.first == user.name; });
}

void DeviceDirectory::invalidateAll() {
    m_fresh.clear();
    m_rechecked.clear();
}

void DeviceDirectory::ensureFresh(const QList<UserId> &users, Completion done) {
    QList<UserId> stale;
    for (const UserId &user : users) {
        if (!m_fresh.contains(user.name))
            stale.append(user);
    }
    if (stale.isEmpty()) {
        done(std::nullopt);
        return;
    }
    struct Join {
        qsizetype remaining;
        std::optional<EngineError> error;
        Completion done;
    };
    auto join = std::make_shared<Join>(Join{stale.size(), std::nullopt, std::move(done)});
    for (const UserId &user : stale) {
        refresh(user, [join](const std::optional<EngineError> &error) {
            // why: a user the relay no longer knows simply has no devices; only a lost
            // connection fails the whole step.
            if (error && error->code == EngineErrorCode::NotOnline)
                join->error = error;
            if (--join->remaining == 0)
                join->done(join->error);
        });
    }
}

void DeviceDirectory::finish(const UserId &user, const std::optional<EngineError> &error) {
    const QList<Completion> waiting = m_waiting.take(user.name);
    for (const Completion &done : waiting)
        done(error);
}

void DeviceDirectory::onReply(const UserId &user, const protocol::DevicesReply &reply) {
    store::ContactStore &contacts = m_context.store.contacts();
    QList<RelayDevice> listed;
    for (const protocol::DeviceEntry &entry : reply.devices)
        listed.append(RelayDevice{entry.device, entry.signKey, entry.dhKey, entry.name});
    m_relayDevices.insert(user.name, listed);

    const auto served =
        crypto::SigningPublicKey::fromBytes(reply.accountKey.value_or(QByteArray()));
    if (!served) {
        qCInfo(lcDevices) << "an account has no account key: none of its devices is trusted";
        reportUnlisted(user, listed, {});
        return;
    }
    if (auto upserted = contacts.upsertUser(user); !upserted) {
        qCWarning(lcDevices) << "store:" << upserted.error();
        return;
    }
    auto known = contacts.user(user);
    if (!known || !*known)
        return;
    if ((*known)->accountKey && !((*known)->accountKey == *served)) {
        qCWarning(lcDevices) << "the relay served a changed account key: refusing it";
        Q_EMIT accountKeyChanged(user.name);
        return;
    }
    if (!(*known)->accountKey && user == m_context.identity.user) {
        // why: this account's key is pinned at the source (account setup, or the grant the
        // approval code verified), never taken from the relay: until then nothing is trusted.
        qCInfo(lcDevices) << "this account's key is not pinned yet: waiting for approval";
        return;
    }
    if (!(*known)->accountKey) {
        if (auto pinned = contacts.setAccountKey(user, *served); !pinned)
            return;
    }
    QSet<quint64> signedIds;
    if (reply.deviceList)
        acceptList(user, **known, *reply.deviceList, reply.deviceListSig.value_or(QByteArray()),
                   *served);
    for (const store::KnownDevice &device : trustedDevices(user))
        signedIds.insert(device.keys.id.value);
    reportUnlisted(user, listed, signedIds);
}

void DeviceDirectory::acceptList(const UserId &user, const store::KnownUser &known,
                                 const QByteArray &bytes, const QByteArray &signature,
                                 const crypto::SigningPublicKey &accountKey) {
    store::ContactStore &contacts = m_context.store.contacts();
    auto list =
        crypto::DeviceList::verify(bytes, signature, accountKey, user, known.deviceListVersion);
    if (!list) {
        // A rolled-back list (StaleDeviceList) lands here too: the stored one stays.
        qCWarning(lcDevices) << "device list refused:" << list.error();
        return;
    }
    const bool stored = !known.deviceList.isEmpty();
    if (stored && list->isLegacy() && !crypto::DeviceList::isLegacyBytes(known.deviceList)) {
        // why: once an owner signs timestamped lists, an untimestamped one is a downgrade.
        qCWarning(lcDevices) << "device list refused: a legacy list after a timestamped one";
        return;
    }
    if (stored && list->version() == known.deviceListVersion && bytes != known.deviceList) {
        // why: two lists signed under one version are an attack (the account key is misused or
        // the relay holds it): the member is told, and neither list's changes are taken.
        qCWarning(lcDevices) << "two device lists with one version: warning the member";
        auto recorded = contacts.recordDeviceListConflict(user, list->version(), bytes, signature,
                                                          EngineContext::now());
        if (!recorded)
            qCWarning(lcDevices) << "store:" << recorded.error();
        else if (*recorded)
            Q_EMIT deviceListConflict(user.name);
        return;
    }
    for (const crypto::DeviceKeys &keys : list->devices()) {
        if (auto added = contacts.addDevice(user, keys, EngineContext::now()); !added)
            qCWarning(lcDevices) << "device keys refused:" << added.error();
    }
    if (auto saved = contacts.setDeviceList(user, list->canonicalBytes(), *list); !saved) {
        qCWarning(lcDevices) << "device list not stored:" << saved.error();
        return;
    }
    auto now = contacts.user(user);
    if (list->version() != known.deviceListVersion && now && *now && (*now)->devicesChanged)
        Q_EMIT devicesChanged(user.name);
}

void DeviceDirectory::reportUnlisted(const UserId &user, const QList<RelayDevice> &listed,
                                     const QSet<quint64> &signedIds) {
    for (const RelayDevice &device : listed) {
        if (signedIds.contains(device.id.value) ||
            (user == m_context.identity.user && device.id == m_context.identity.device))
            continue;
        const auto key = qMakePair(user.name, device.id.value);
        if (m_reported.contains(key))
            continue;
        m_reported.insert(key);
        if (user == m_context.identity.user && m_context.identity.accountKey) {
            // A new device of this account asks for approval itself (OwnDevices).
            qCInfo(lcDevices) << "an own device is not on the signed list yet";
        } else {
            qCWarning(lcDevices) << "a device is listed by the relay but not signed by its account";
            Q_EMIT untrustedDevice(user.name, device.id.value);
        }
    }
}

QList<store::KnownDevice> DeviceDirectory::trustedDevices(const UserId &user) {
    QList<store::KnownDevice> trusted;
    auto devices = m_context.store.contacts().devices(user);
    if (!devices)
        return trusted;
    for (const store::KnownDevice &device : *devices) {
        if (device.onSignedList && device.trust != store::Trust::Blocked)
            trusted.append(device);
    }
    return trusted;
}

std::optional<store::KnownDevice> DeviceDirectory::trustedDevice(const DeviceAddress &address) {
    auto device = m_context.store.contacts().device(address.user, address.device);
    if (!device || !*device || !(*device)->onSignedList ||
        (*device)->trust == store::Trust::Blocked)
        return std::nullopt;
    return **device;
}

bool DeviceDirectory::hasVerifiedList(const UserId &user) {
    auto known = m_context.store.contacts().user(user);
    return known && *known && (*known)->deviceListVersion > 0;
}

} // namespace hearth::engine
