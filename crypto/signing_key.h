// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace hearth::crypto {

inline constexpr qsizetype kSigningPublicKeySize = 32; //!< crypto_sign_PUBLICKEYBYTES
inline constexpr qsizetype kSigningSeedSize = 32;      //!< crypto_sign_SEEDBYTES
inline constexpr qsizetype kSignatureSize = 64;        //!< crypto_sign_BYTES

//! An Ed25519 key pair. The secret half lives in SecretBytes.
class SigningKeyPair final {
public:
    [[nodiscard]] static SigningKeyPair generate();
    //! Deterministic key pair from a 32-byte seed; nullopt when the seed has the wrong size.
    [[nodiscard]] static std::optional<SigningKeyPair> fromSeed(QByteArrayView seed);

    [[nodiscard]] const QByteArray &publicKey() const { return m_publicKey; }
    //! The 32-byte seed, for storing the key (fromSeed restores it).
    [[nodiscard]] SecretBytes seed() const;
    //! Detached Ed25519 signature of `message`.
    [[nodiscard]] QByteArray sign(QByteArrayView message) const;

private:
    SigningKeyPair(QByteArray publicKey, SecretBytes secretKey);

    QByteArray m_publicKey;
    SecretBytes m_secretKey;
};

//! Shows the public key's size only: no key bytes.
QDebug operator<<(QDebug debug, const SigningKeyPair &pair);

//! True when `signature` is a valid Ed25519 signature of `message` by `publicKey`.
//! Wrong sizes are simply invalid.
[[nodiscard]] bool verifySignature(QByteArrayView publicKey, QByteArrayView message,
                                   QByteArrayView signature);

} // namespace hearth::crypto
