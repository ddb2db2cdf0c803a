// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/signing_key.h"

#include "crypto/details/redacted_debug.h"
#include "crypto/sodium.h"

#include <sodium.h>
#include <utility>

namespace hearth::crypto {

using namespace Qt::StringLiterals;

static_assert(kSigningPublicKeySize == crypto_sign_PUBLICKEYBYTES);
static_assert(kSigningSeedSize == crypto_sign_SEEDBYTES);
static_assert(kSignatureSize == crypto_sign_BYTES);

namespace {
const unsigned char *bytes(QByteArrayView view) {
    return reinterpret_cast<const unsigned char *>(view.data());
}
} // namespace

SigningKeyPair::SigningKeyPair(QByteArray publicKey, SecretBytes secretKey)
    : m_publicKey(std::move(publicKey))
    , m_secretKey(std::move(secretKey)) {}

SigningKeyPair SigningKeyPair::generate() {
    ensureInitialised();
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(pk.data()), sk.data());
    return SigningKeyPair(std::move(pk), std::move(sk));
}

std::optional<SigningKeyPair> SigningKeyPair::fromSeed(QByteArrayView seed) {
    if (seed.size() != kSigningSeedSize)
        return std::nullopt;
    ensureInitialised();
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(pk.data()), sk.data(), bytes(seed));
    return SigningKeyPair(std::move(pk), std::move(sk));
}

SecretBytes SigningKeyPair::seed() const {
    SecretBytes out(crypto_sign_SEEDBYTES);
    crypto_sign_ed25519_sk_to_seed(out.data(), m_secretKey.data());
    return out;
}

QByteArray SigningKeyPair::sign(QByteArrayView message) const {
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         bytes(message), static_cast<unsigned long long>(message.size()),
                         m_secretKey.data());
    return signature;
}

QDebug operator<<(QDebug debug, const SigningKeyPair &) {
    return details::redactedDebug(debug, "SigningKeyPair", u"Ed25519"_s);
}

bool verifySignature(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature) {
    if (publicKey.size() != kSigningPublicKeySize || signature.size() != kSignatureSize)
        return false;
    ensureInitialised();
    return crypto_sign_verify_detached(bytes(signature), bytes(message),
                                       static_cast<unsigned long long>(message.size()),
                                       bytes(publicKey)) == 0;
}

} // namespace hearth::crypto
