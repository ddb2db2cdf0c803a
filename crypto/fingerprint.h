// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"
#include "crypto/public_keys.h"

#include <QString>

namespace hearth::crypto {

//! SHA-512 iterations per side (Signal's figure): makes finding a key with a chosen fingerprint
//! about 2^12 times costlier.
inline constexpr int kFingerprintIterations = 5200;
//! The fingerprint format version, hashed first (u16 BE).
inline constexpr quint16 kFingerprintVersion = 0;

//! The 30-digit fingerprint of one account, Signal-style: h = u16 BE version || account key ||
//! user name (UTF-8); then kFingerprintIterations times h = SHA-512(h || account key); the first
//! 30 bytes of h as six 5-byte big-endian numbers, each mod 100000 and written as 5 digits.
[[nodiscard]] QString accountFingerprint(const UserId &user, const SigningPublicKey &accountKey);

//! The safety number two users compare: both fingerprints, the smaller first (so both sides
//! see the same string), as 60 digits in 12 groups of 5 separated by single spaces.
[[nodiscard]] QString safetyNumber(const UserId &localUser, const SigningPublicKey &localKey,
                                   const UserId &remoteUser, const SigningPublicKey &remoteKey);

} // namespace hearth::crypto
