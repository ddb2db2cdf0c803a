// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: Argon2id parameters shared by password hashes, the store key and key backups.

#include "crypto/password_hash.h"

#include <QByteArrayView>
#include <sodium.h>

namespace hearth::crypto::details {

struct PwhashParams final {
    unsigned long long opslimit;
    size_t memlimit;
};

inline PwhashParams pwhashParams(PasswordHashCost cost) {
    switch (cost) {
    case PasswordHashCost::Moderate:
        return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
    case PasswordHashCost::Minimum:
        return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
    case PasswordHashCost::Interactive:
        break;
    }
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

// why: libsodium declares the password pointer non-null even for an empty password, and an
// empty QByteArrayView has a null data().
inline const char *nonNullData(QByteArrayView passphrase) {
    return passphrase.isEmpty() ? "" : passphrase.data();
}

//! Argon2id v1.3 into `out`; false when libsodium could not allocate the memory.
inline bool argon2id(unsigned char *out, size_t outSize, QByteArrayView passphrase,
                     const unsigned char *salt, PwhashParams params) {
    static_assert(crypto_pwhash_SALTBYTES == 16);
    return crypto_pwhash(out, outSize, nonNullData(passphrase),
                         static_cast<unsigned long long>(passphrase.size()), salt, params.opslimit,
                         params.memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

} // namespace hearth::crypto::details
