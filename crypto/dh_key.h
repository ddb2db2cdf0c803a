// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace hearth::crypto {

inline constexpr qsizetype kDhPublicKeySize = 32; //!< crypto_box_PUBLICKEYBYTES (X25519)

//! An X25519 key pair, published per device for the pairwise key-sharing channel.
class DhKeyPair final {
public:
    [[nodiscard]] static DhKeyPair generate();
    //! The key pair of a stored 32-byte secret key; nullopt when the size is wrong.
    [[nodiscard]] static std::optional<DhKeyPair> fromSecretKey(QByteArrayView secretKey);

    [[nodiscard]] const QByteArray &publicKey() const { return m_publicKey; }
    [[nodiscard]] const SecretBytes &secretKey() const { return m_secretKey; }

private:
    DhKeyPair(QByteArray publicKey, SecretBytes secretKey);

    QByteArray m_publicKey;
    SecretBytes m_secretKey;
};

//! Shows no key bytes.
QDebug operator<<(QDebug debug, const DhKeyPair &pair);

} // namespace hearth::crypto
