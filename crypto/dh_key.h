// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"

#include <QByteArray>

namespace hearth::crypto {

inline constexpr qsizetype kDhPublicKeySize = 32; //!< crypto_box_PUBLICKEYBYTES (X25519)

//! An X25519 key pair, published per device for the pairwise key-sharing channel.
class DhKeyPair final {
public:
    [[nodiscard]] static DhKeyPair generate();

    [[nodiscard]] const QByteArray &publicKey() const { return m_publicKey; }
    [[nodiscard]] const SecretBytes &secretKey() const { return m_secretKey; }

private:
    DhKeyPair(QByteArray publicKey, SecretBytes secretKey);

    QByteArray m_publicKey;
    SecretBytes m_secretKey;
};

} // namespace hearth::crypto
