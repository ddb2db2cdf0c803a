// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/ids.h"
#include "crypto/password_hash.h"
#include "crypto/secret_bytes.h"

#include <QByteArrayView>
#include <QDebug>

namespace hearth::crypto {

inline constexpr qsizetype kStoreKeySize = 32; //!< SQLCipher's raw key size

struct StoreSaltTag;
//! The 16 random bytes stored (in the clear) beside the encrypted database.
using StoreSalt = RandomId<StoreSaltTag>;

//! The raw 32-byte key of the local SQLCipher store.
class StoreKey final {
public:
    [[nodiscard]] const SecretBytes &bytes() const { return m_key; }
    //! SQLCipher's raw-key form x'<64 hex digits>' (67 characters, no NUL) for sqlite3_key or
    //! PRAGMA key, in secret memory. SQLCipher runs no KDF on a raw key.
    [[nodiscard]] SecretBytes sqlcipherKeyLiteral() const;
    //! A key kept elsewhere as bytes() (the OS keychain), copied into secret memory: exactly
    //! kStoreKeySize bytes, else InvalidKey. The caller wipes its own copy.
    [[nodiscard]] static CryptoResult<StoreKey> fromBytes(QByteArrayView bytes);

private:
    friend CryptoResult<StoreKey> deriveStoreKey(QByteArrayView, const StoreSalt &,
                                                 PasswordHashCost);
    explicit StoreKey(SecretBytes key)
        : m_key(std::move(key)) {}
    SecretBytes m_key;
};

//! passphrase + salt -> Argon2id v1.3 (libsodium's limits for `cost`; Interactive is 2 passes
//! over 64 MiB) -> 32 bytes. The app stores the salt and the cost with the database.
//! OutOfMemory when Argon2id cannot get its memory.
[[nodiscard]] CryptoResult<StoreKey> deriveStoreKey(QByteArrayView passphrase,
                                                    const StoreSalt &salt, PasswordHashCost cost);

//! Shows nothing of the key.
QDebug operator<<(QDebug debug, const StoreKey &key);

} // namespace hearth::crypto
