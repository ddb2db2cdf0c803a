// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"
#include "sync/store/database.h"
#include "sync/store/types.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace hearth::store {

//! This profile's account and device.
struct Account final {
    UserId user;
    DeviceId device; //!< 0 until the relay registered the device
    QString relayUrl;
    qint64 createdTs = 0;
};

//! This device's private keys (and the account key, on the device that holds it).
struct AccountSecrets final {
    crypto::SecretBytes deviceSigningKey;  //!< Ed25519 seed
    crypto::SecretBytes deviceDhKey;       //!< X25519 secret key
    crypto::SecretBytes accountSigningKey; //!< Ed25519 seed of the account key, or empty
    //! The approval code this device shows while it waits for approval, or empty.
    crypto::SecretBytes approvalCode = {};
};

//! The account row and the settings (key → value).
class AccountStore final {
public:
    explicit AccountStore(Database &db)
        : m_db(db) {}

    //! Sets up the account. Conflict when the profile already has one: a profile belongs to one
    //! account and device for life.
    [[nodiscard]] StoreStatus create(const Account &account, const AccountSecrets &secrets);
    //! The account, or nullopt before create().
    [[nodiscard]] StoreResult<std::optional<Account>> account();
    //! NotFound before create().
    [[nodiscard]] StoreResult<AccountSecrets> secrets();
    //! Records the id the relay gave this device at registration.
    [[nodiscard]] StoreStatus setDeviceId(DeviceId device);
    [[nodiscard]] StoreStatus setRelayUrl(const QString &url);
    //! Stores the account's Ed25519 seed on a device approved later, when an existing device
    //! sends it over the pairwise channel. NotFound before create().
    [[nodiscard]] StoreStatus setAccountSigningSecret(const crypto::SecretBytes &seed);
    //! Stores (or, given an empty secret, forgets) the approval code of a device that signed in
    //! and waits for approval. NotFound before create().
    [[nodiscard]] StoreStatus setApprovalCode(const crypto::SecretBytes &code);

    [[nodiscard]] StoreStatus setSetting(const QString &key, const QByteArray &value);
    [[nodiscard]] StoreResult<std::optional<QByteArray>> setting(const QString &key);
    [[nodiscard]] StoreStatus removeSetting(const QString &key);

private:
    [[nodiscard]] StoreStatus updateAccount(std::string_view sql, auto &&bind);

    Database &m_db;
};

} // namespace hearth::store
