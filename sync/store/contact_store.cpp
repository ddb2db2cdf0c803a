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
                              "device_list_version FROM users WHERE user_id = ?1");
    query->bindText(1, user.name);
    return firstRow<KnownUser>(*query, [&](const Statement &row) {
        return KnownUser{user, row.text(0), crypto::SigningPublicKey::fromBytes(row.blob(1)),
                         row.blob(2), row.uint64(3)};
    });
}

StoreResult<KnownUser> ContactStore::knownUser(const UserId &user) {
    if (auto known = upsertUser(user); !known)
        return known.failure();
    auto stored = this->user(user);
    if (!stored)
        return stored.failure();
    if (!*stored)
        return storeFailure(StoreError::Internal, u"(a user vanished)"_s);
    return std::move(**stored);
}

StoreStatus ContactStore::setAccountKey(const UserId &user, const crypto::SigningPublicKey &key) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        auto stored = knownUser(user);
        if (!stored)
            return stored.failure();
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
            return stored.failure();
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
            return stored.failure();
        const KnownUser &current = *stored;
        if (list.version() < current.deviceListVersion)
            return storeFailure(StoreError::Conflict, u"(an older device list)"_s);
        if (list.version() == current.deviceListVersion && !current.deviceList.isEmpty())
            return current.deviceList == signedList
                       ? StoreStatus()
                       : storeFailure(StoreError::Conflict, u"(two device lists, one version)"_s);
        auto update = m_db.prepare("UPDATE users SET device_list = ?2, device_list_version = ?3 "
                                   "WHERE user_id = ?1");
        update->bindText(1, user.name).bindBlob(2, signedList).bindInt(3, list.version());
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

StoreStatus ContactStore::addDevice(const UserId &user, const crypto::DeviceKeys &keys,
                                    qint64 firstSeenTs) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        if (auto known = upsertUser(user); !known)
            return known;
        auto existing = device(user, keys.id);
        if (!existing)
            return existing.failure();
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
        return row.failure();
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
        return rows.failure();
    QList<KnownDevice> devices;
    for (auto &row : *rows) {
        if (!row)
            return malformedKeys();
        devices.push_back(std::move(*row));
    }
    return devices;
}

} // namespace hearth::store
