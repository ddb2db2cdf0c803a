// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/public_keys.h"

#include "crypto/dh_key.h"
#include "crypto/signing_key.h"

namespace hearth::crypto {

static_assert(SigningPublicKey::kSize == kSigningPublicKeySize);
static_assert(DhPublicKey::kSize == kDhPublicKeySize);

SigningPublicKey publicKeyOf(const SigningKeyPair &pair) {
    // why: a key pair's public half always has the right size, so the optional is never empty.
    return *SigningPublicKey::fromBytes(pair.publicKey());
}

DhPublicKey publicKeyOf(const DhKeyPair &pair) {
    return *DhPublicKey::fromBytes(pair.publicKey());
}

} // namespace hearth::crypto
