// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/password_hash.h"

#include "crypto/sodium.h"

#include <sodium.h>

namespace hearth::crypto {

namespace {
struct Limits {
    unsigned long long ops;
    size_t mem;
};

// why: libsodium declares the password pointer non-null even for an empty password.
const char *nonNull(QByteArrayView password) {
    return password.isEmpty() ? "" : password.data();
}

Limits limitsFor(PasswordHashCost cost) {
    switch (cost) {
    case PasswordHashCost::Moderate:
        return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
    case PasswordHashCost::Minimum:
        return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    case PasswordHashCost::Interactive:
        break;
    }
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
} // namespace

std::optional<QByteArray> hashPassword(QByteArrayView password, PasswordHashCost cost) {
    ensureInitialised();
    const Limits limits = limitsFor(cost);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, nonNull(password),
                              static_cast<unsigned long long>(password.size()), limits.ops,
                              limits.mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt;
    return QByteArray(out);
}

bool verifyPassword(const QByteArray &encodedHash, QByteArrayView password) {
    ensureInitialised();
    // why: crypto_pwhash_str_verify needs a NUL-terminated string of bounded length.
    if (encodedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(encodedHash.constData(), nonNull(password),
                                    static_cast<unsigned long long>(password.size())) == 0;
}

} // namespace hearth::crypto
