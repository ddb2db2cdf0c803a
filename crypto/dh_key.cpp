// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/dh_key.h"

#include "crypto/details/redacted_debug.h"
#include "crypto/sodium.h"

#include <sodium.h>
#include <utility>

namespace hearth::crypto {

using namespace Qt::StringLiterals;

static_assert(kDhPublicKeySize == crypto_box_PUBLICKEYBYTES);
static_assert(crypto_box_SECRETKEYBYTES == crypto_scalarmult_SCALARBYTES);
static_assert(crypto_box_PUBLICKEYBYTES == crypto_scalarmult_BYTES);

DhKeyPair::DhKeyPair(QByteArray publicKey, SecretBytes secretKey)
    : m_publicKey(std::move(publicKey))
    , m_secretKey(std::move(secretKey)) {}

DhKeyPair DhKeyPair::generate() {
    ensureInitialised();
    QByteArray pk(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    SecretBytes sk(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(reinterpret_cast<unsigned char *>(pk.data()), sk.data());
    return DhKeyPair(std::move(pk), std::move(sk));
}

std::optional<DhKeyPair> DhKeyPair::fromSecretKey(QByteArrayView secretKey) {
    if (secretKey.size() != crypto_box_SECRETKEYBYTES)
        return std::nullopt;
    ensureInitialised();
    QByteArray pk(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    SecretBytes sk = SecretBytes::fromBytes(secretKey);
    // why: crypto_box keys are X25519 keys, so the public key is the scalar times the base point.
    if (crypto_scalarmult_base(reinterpret_cast<unsigned char *>(pk.data()), sk.data()) != 0)
        return std::nullopt;
    return DhKeyPair(std::move(pk), std::move(sk));
}

QDebug operator<<(QDebug debug, const DhKeyPair &) {
    return details::redactedDebug(debug, "DhKeyPair", u"X25519"_s);
}

} // namespace hearth::crypto
