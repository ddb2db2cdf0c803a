// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/password_hash.h"

#include "crypto/details/pwhash_params.h"
#include "crypto/sodium.h"

#include <sodium.h>

namespace hearth::crypto {

std::optional<QByteArray> hashPassword(QByteArrayView password, PasswordHashCost cost) {
    ensureInitialised();
    const details::PwhashParams params = details::pwhashParams(cost);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, details::nonNullData(password),
                              static_cast<unsigned long long>(password.size()), params.opslimit,
                              params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt;
    return QByteArray(out);
}

bool verifyPassword(const QByteArray &encodedHash, QByteArrayView password) {
    ensureInitialised();
    // why: crypto_pwhash_str_verify needs a NUL-terminated string of bounded length.
    if (encodedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(encodedHash.constData(), details::nonNullData(password),
                                    static_cast<unsigned long long>(password.size())) == 0;
}

} // namespace hearth::crypto
