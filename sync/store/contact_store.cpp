// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/contact_store.h"

#include "sync/store/transaction.h"

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr std::string_view kDeviceColumns =
    "SELECT user_id, device_id, signing_key, dh_key, trust, on_signed_list, first_seen_ts "
    "FROM devices ";

//! nullopt when the stored keys are malformed (which the schema cannot rule out).
std::optional<KnownDevice> readDevice(const Statement &row) {
    auto signing = crypto::SigningPublicKey::fromBytes(row.blob(2));
    auto dh = crypto::DhPublicKey::fromBytes(row.blob(3));
    if (!signing || !dh)
        return std::nullopt;
    return KnownDevice{UserId{row.text(0)},
                       crypto::DeviceKeys{DeviceId{row.uint64(1)}, *signing, *dh},
                       static_cast<Trust>(row.int64(4)), row.boolean(5), row.int64(6)};
}

StoreFailure malformedKeys() {
    return storeFailure(StoreError::Corrupt, u"(stored device keys are malformed)"_s);
}

} // namespace

StoreStatus ContactStore::upsertUser(const UserId &user, const QString &displayName) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto insert = m_db.prepare("INSERT OR IGNORE INTO users (user_id) VALUES (?1)");
        if (auto inserted = insert->bindText(1, user.name).run(); !inserted)
            return inserted;
        if (displayName.isEmpty())
            return {};
        auto update = m_db.prepare("UPDATE users SET display_name = ?2 WHERE user_id = ?1");
        return update->bindText(1, user.name).bindText(2, displayName).run();
    });
}

StoreResult<std::optional<KnownUser>> ContactStore::user(const UserId &user) {
    auto query = m_db.prepare("SELECT display_name, account_key, device_list, "
                              "device_list_version, device_list_ts, devices_changed "
                              "FROM users WHERE user_id = ?1");
    query->bindText(1, user.name);
    return firstRow<KnownUser>(*query, [&](const Statement &row) {
        return KnownUser{
            user,          row.text(0),   crypto::SigningPublicKey::fromBytes(row.blob(1)),
            row.blob(2),   row.uint64(3), row.int64(4),
            row.boolean(5)};
    });
}

StoreResult<KnownUser> ContactStore::knownUser(const UserId &user) {
    if (auto known = upsertUser(user); !known)
        return known.error();
    auto stored = this->user(user);
    if (!stored)
        return stored.error();
    if (!*stored)
        return storeFailure(StoreError::Internal, u"(a user vanished)"_s);
    return std::move(**stored);
}

StoreStatus ContactStore::setAccountKey(const UserId &user, const crypto::SigningPublicKey &key) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto stored = knownUser(user);
        if (!stored)
            return stored.error();
        if (stored->accountKey)
            return *stored->accountKey == key
                       ? StoreStatus()
                       : storeFailure(StoreError::Conflict, u"(the account key changed)"_s);
        auto update = m_db.prepare("UPDATE users SET account_key = ?2 WHERE user_id = ?1");
        return update->bindText(1, user.name).bindBlob(2, key.bytes()).run();
    });
}

StoreStatus ContactStore::replaceAccountKey(const UserId &user,
                                            const crypto::SigningPublicKey &key) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto stored = knownUser(user); !stored)
            return stored.error();
        auto update = m_db.prepare("UPDATE users SET account_key = ?2, device_list = NULL, "
                                   "device_list_version = 0 WHERE user_id = ?1");
        if (auto updated = update->bindText(1, user.name).bindBlob(2, key.bytes()).run(); !updated)
            return updated;
        auto unlist = m_db.prepare("UPDATE devices SET on_signed_list = 0 WHERE user_id = ?1");
        return unlist->bindText(1, user.name).run();
    });
}

StoreStatus ContactStore::setDeviceList(const UserId &user, const QByteArray &signedList,
                                        const crypto::DeviceList &list) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto stored = knownUser(user);
        if (!stored)
            return stored.error();
        const KnownUser &current = *stored;
        if (list.version() < current.deviceListVersion)
            return storeFailure(StoreError::Conflict, u"(an older device list)"_s);
        if (list.version() == current.deviceListVersion && !current.deviceList.isEmpty())
            return current.deviceList == signedList
                       ? StoreStatus()
                       : storeFailure(StoreError::Conflict, u"(two device lists, one version)"_s);
        auto before = signedDeviceIds(user);
        if (!before)
            return before.error();
        QSet<quint64> after;
        for (const crypto::DeviceKeys &keys : list.devices())
            after.insert(keys.id.value);
        // why: a first list is not a change to tell the member about; a republished list with
        // the same devices (a new format, say) is not either.
        const bool changed =
            current.devicesChanged || (!current.deviceList.isEmpty() && *before != after);
        auto update = m_db.prepare("UPDATE users SET device_list = ?2, device_list_version = ?3, "
                                   "device_list_ts = ?4, devices_changed = ?5 WHERE user_id = ?1");
        update->bindText(1, user.name).bindBlob(2, signedList).bindInt(3, list.version());
        update->bindInt(4, list.timestampMs()).bindInt(5, changed ? 1 : 0);
        if (auto updated = update->run(); !updated)
            return updated;
        auto clear = m_db.prepare("UPDATE devices SET on_signed_list = 0 WHERE user_id = ?1");
        if (auto cleared = clear->bindText(1, user.name).run(); !cleared)
            return cleared;
        for (const crypto::DeviceKeys &keys : list.devices()) {
            // A listed device joins the known ones; its keys must match what is known.
            if (auto added = addDevice(user, keys, 0); !added)
                return added;
            auto mark = m_db.prepare("UPDATE devices SET on_signed_list = 1 "
                                     "WHERE user_id = ?1 AND device_id = ?2");
            if (auto marked = mark->bindText(1, user.name).bindInt(2, keys.id.value).run(); !marked)
                return marked;
        }
        return {};
    });
}

StoreResult<QSet<quint64>> ContactStore::signedDeviceIds(const UserId &user) {
    auto query =
        m_db.prepare("SELECT device_id FROM devices WHERE user_id = ?1 AND on_signed_list = 1");
    query->bindText(1, user.name);
    auto rows = collectRows<quint64>(*query, [](const Statement &row) { return row.uint64(0); });
    if (!rows)
        return rows.error();
    return QSet<quint64>(rows->cbegin(), rows->cend());
}

StoreStatus ContactStore::acknowledgeDeviceChange(const UserId &user) {
    auto update = m_db.prepare("UPDATE users SET devices_changed = 0 WHERE user_id = ?1");
    return update->bindText(1, user.name).run();
}

StoreResult<bool> ContactStore::recordDeviceListConflict(const UserId &user, quint64 version,
                                                         const QByteArray &list,
                                                         const QByteArray &signature, qint64 ts) {
    auto insert = m_db.prepare("INSERT OR IGNORE INTO device_list_conflicts (user_id, version, "
                               "list, sig, detected_ts) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert->bindText(1, user.name).bindInt(2, version).bindBlob(3, list).bindBlob(4, signature);
    if (auto inserted = insert->bindInt(5, ts).run(); !inserted)
        return inserted.error();
    return m_db.changes() > 0;
}

StoreResult<QList<DeviceListConflict>> ContactStore::deviceListConflicts() {
    auto query = m_db.prepare("SELECT user_id, version, detected_ts FROM device_list_conflicts "
                              "WHERE acknowledged = 0 ORDER BY detected_ts, user_id");
    return collectRows<DeviceListConflict>(*query, [](const Statement &row) {
        return DeviceListConflict{UserId{row.text(0)}, row.uint64(1), row.int64(2)};
    });
}

StoreStatus ContactStore::acknowledgeDeviceListConflicts(const UserId &user) {
    auto update =
        m_db.prepare("UPDATE device_list_conflicts SET acknowledged = 1 WHERE user_id = ?1");
    return update->bindText(1, user.name).run();
}

StoreStatus ContactStore::addDevice(const UserId &user, const crypto::DeviceKeys &keys,
                                    qint64 firstSeenTs) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto known = upsertUser(user); !known)
            return known;
        auto existing = device(user, keys.id);
        if (!existing)
            return existing.error();
        if (*existing) {
            const crypto::DeviceKeys &stored = (*existing)->keys;
            if (stored == keys)
                return {};
            return storeFailure(StoreError::Conflict, u"(a known device id with other keys)"_s);
        }
        auto insert = m_db.prepare("INSERT INTO devices (user_id, device_id, signing_key, dh_key, "
                                   "first_seen_ts) VALUES (?1, ?2, ?3, ?4, ?5)");
        insert->bindText(1, user.name).bindInt(2, keys.id.value);
        insert->bindBlob(3, keys.signingKey.bytes()).bindBlob(4, keys.dhKey.bytes());
        return insert->bindInt(5, firstSeenTs).run();
    });
}

StoreStatus ContactStore::setTrust(const UserId &user, DeviceId device, Trust trust) {
    auto update = m_db.prepare("UPDATE devices SET trust = ?3 WHERE user_id = ?1 AND "
                               "device_id = ?2");
    update->bindText(1, user.name).bindInt(2, device.value).bindInt(3, int(trust));
    if (auto updated = update->run(); !updated)
        return updated;
    if (m_db.changes() == 0)
        return storeFailure(StoreError::NotFound, u"(no such device)"_s);
    return {};
}

StoreResult<std::optional<KnownDevice>> ContactStore::device(const UserId &user, DeviceId device) {
    auto query =
        m_db.prepare(std::string(kDeviceColumns) + "WHERE user_id = ?1 AND device_id = ?2");
    query->bindText(1, user.name).bindInt(2, device.value);
    auto row = firstRow<std::optional<KnownDevice>>(*query, readDevice);
    if (!row)
        return row.error();
    if (*row && !**row)
        return malformedKeys();
    return *row ? std::move(**row) : std::optional<KnownDevice>();
}

StoreResult<QList<KnownDevice>> ContactStore::devices(const UserId &user) {
    auto query =
        m_db.prepare(std::string(kDeviceColumns) + "WHERE user_id = ?1 ORDER BY device_id");
    query->bindText(1, user.name);
    auto rows = collectRows<std::optional<KnownDevice>>(*query, readDevice);
    if (!rows)
        return rows.error();
    QList<KnownDevice> devices;
    for (auto &row : *rows) {
        if (!row)
            return malformedKeys();
        devices.push_back(std::move(*row));
    }
    return devices;
}

} // namespace hearth::store
