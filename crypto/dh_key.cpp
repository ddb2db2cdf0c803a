// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/dh_key.h"

#include "crypto/sodium.h"

#include <sodium.h>
#include <utility>

namespace hearth::crypto {

static_assert(kDhPublicKeySize == crypto_box_PUBLICKEYBYTES);

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

} // namespace hearth::crypto
