// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: Argon2id parameters shared by the store key and key backups.

#include "crypto/password_hash.h"

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

//! Argon2id v1.3 into `out`; false when libsodium could not allocate the memory.
inline bool argon2id(unsigned char *out, size_t outSize, const char *passphrase,
                     size_t passphraseSize, const unsigned char *salt, PwhashParams params) {
    static_assert(crypto_pwhash_SALTBYTES == 16);
    return crypto_pwhash(out, outSize, passphrase, passphraseSize, salt, params.opslimit,
                         params.memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

} // namespace hearth::crypto::details
