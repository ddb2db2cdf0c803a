// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/device_list.h"
#include "crypto/public_keys.h"
#include "sync/store/database.h"
#include "sync/store/types.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace hearth::store {

//! A user this profile knows (the account's own user included).
struct KnownUser final {
    UserId user;
    QString displayName;
    std::optional<crypto::SigningPublicKey> accountKey; //!< signs the user's device list
    QByteArray deviceList; //!< the latest accepted signed device list (may be empty)
    quint64 deviceListVersion = 0;
    qint64 deviceListTs = 0;     //!< when its owner signed it (ms; 0 for a legacy v1 list)
    bool devicesChanged = false; //!< its devices changed since the member last acknowledged
};

//! A second, different list a relay served under a version already accepted: the account key
//! signed both (or the relay holds it), so it is evidence of an attack to show the member.
struct DeviceListConflict final {
    UserId user;
    quint64 version = 0;
    qint64 detectedTs = 0;
};

//! One device of a known user (own devices are the own user's devices).
struct KnownDevice final {
    UserId user;
    crypto::DeviceKeys keys;
    Trust trust = Trust::Unverified;
    bool onSignedList = false; //!< listed on the user's latest account-signed device list
    qint64 firstSeenTs = 0;
};

//! Known users, their devices and the trust placed in them. Keys never change silently: a
//! different key for a known account or device id is refused (Conflict) for the engine to warn
//! about.
class ContactStore final {
public:
    explicit ContactStore(Database &db)
        : m_db(db) {}

    //! Adds the user if unknown; updates the display name.
    [[nodiscard]] StoreStatus upsertUser(const UserId &user, const QString &displayName = {});
    [[nodiscard]] StoreResult<std::optional<KnownUser>> user(const UserId &user);
    //! Pins the user's account key (first seen wins; another key gives Conflict).
    [[nodiscard]] StoreStatus setAccountKey(const UserId &user,
                                            const crypto::SigningPublicKey &key);
    //! Pins `key` in place of another, forgetting the device list verified under the old one.
    //! Only for this profile's own account, when its held account key (or a grant verified by
    //! the approval code) proves the key: never for a key a relay served.
    [[nodiscard]] StoreStatus replaceAccountKey(const UserId &user,
                                                const crypto::SigningPublicKey &key);
    //! Stores a device list the caller verified (DeviceList::verify) and marks which known
    //! devices it lists. Conflict for a version older than the stored one, or the same version
    //! with other bytes (equivocation); the same list again is a no-op. When the set of listed
    //! devices differs from the previous list's, the user's devicesChanged flag is raised.
    [[nodiscard]] StoreStatus setDeviceList(const UserId &user, const QByteArray &signedList,
                                            const crypto::DeviceList &list);
    //! The member looked at the user's devices: clears devicesChanged.
    [[nodiscard]] StoreStatus acknowledgeDeviceChange(const UserId &user);

    //! Keeps a conflicting list (`list`, `signature`) of `user` at `version` as evidence; true
    //! when it is the first conflict recorded for that version.
    [[nodiscard]] StoreResult<bool> recordDeviceListConflict(const UserId &user, quint64 version,
                                                             const QByteArray &list,
                                                             const QByteArray &signature,
                                                             qint64 ts);
    //! The conflicts the member has not dismissed, oldest first.
    [[nodiscard]] StoreResult<QList<DeviceListConflict>> deviceListConflicts();
    //! The member dismissed the warning about `user`'s conflicting lists.
    [[nodiscard]] StoreStatus acknowledgeDeviceListConflicts(const UserId &user);

    //! Adds a device (Unverified, not on the signed list until a list names it). The same keys
    //! again are a no-op; other keys for a known device id give Conflict.
    [[nodiscard]] StoreStatus addDevice(const UserId &user, const crypto::DeviceKeys &keys,
                                        qint64 firstSeenTs);
    [[nodiscard]] StoreStatus setTrust(const UserId &user, DeviceId device, Trust trust);
    [[nodiscard]] StoreResult<std::optional<KnownDevice>> device(const UserId &user,
                                                                 DeviceId device);
    //! The user's devices by id.
    [[nodiscard]] StoreResult<QList<KnownDevice>> devices(const UserId &user);

private:
    //! The user, added first if unknown.
    [[nodiscard]] StoreResult<KnownUser> knownUser(const UserId &user);
    //! Ids of the user's devices on the stored signed list.
    [[nodiscard]] StoreResult<QSet<quint64>> signedDeviceIds(const UserId &user);

    Database &m_db;
};

} // namespace hearth::store
