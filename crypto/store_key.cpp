// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/store_key.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/pwhash_params.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/sodium.h"

#include <cstring>

namespace hearth::crypto {

CryptoResult<StoreKey> deriveStoreKey(QByteArrayView passphrase, const StoreSalt &salt,
                                      PasswordHashCost cost) {
    ensureInitialised();
    SecretBytes key(kStoreKeySize);
    if (!details::argon2id(key.data(), key.size(), passphrase, details::uc(salt.bytes()),
                           details::pwhashParams(cost)))
        return CryptoError::OutOfMemory;
    return StoreKey(std::move(key));
}

CryptoResult<StoreKey> StoreKey::fromBytes(QByteArrayView bytes) {
    if (bytes.size() != kStoreKeySize)
        return CryptoError::InvalidKey;
    return StoreKey(SecretBytes::fromBytes(bytes));
}

SecretBytes StoreKey::sqlcipherKeyLiteral() const {
    constexpr size_t kHexDigits = 2 * kStoreKeySize;
    details::WipedBuffer<kHexDigits + 1> hex; // sodium_bin2hex adds a NUL
    sodium_bin2hex(reinterpret_cast<char *>(hex.data), sizeof hex.data, m_key.data(), m_key.size());
    SecretBytes out(2 + kHexDigits + 1);
    out.data()[0] = 'x';
    out.data()[1] = '\'';
    std::memcpy(out.data() + 2, hex.data, kHexDigits);
    out.data()[2 + kHexDigits] = '\'';
    return out;
}

QDebug operator<<(QDebug debug, const StoreKey &) {
    return details::redactedDebug(debug, "StoreKey");
}

} // namespace hearth::crypto
