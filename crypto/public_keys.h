// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <optional>
#include <utility>

namespace hearth::crypto {

class DhKeyPair;
class SigningKeyPair;

//! A public key of a fixed size. Tag keeps Ed25519 and X25519 keys apart at compile time, so a
//! DH key can never be passed where a signing key is expected.
template <class Tag, qsizetype Size> class PublicKey final {
public:
    static constexpr qsizetype kSize = Size;

    //! nullopt unless `bytes` is exactly kSize long. No other check: a low-order X25519 key is
    //! refused where it is used (the shared secret would be zero).
    [[nodiscard]] static std::optional<PublicKey> fromBytes(QByteArrayView bytes) {
        if (bytes.size() != kSize)
            return std::nullopt;
        return PublicKey(bytes.toByteArray());
    }

    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    friend bool operator==(const PublicKey &, const PublicKey &) = default;

private:
    explicit PublicKey(QByteArray bytes)
        : m_bytes(std::move(bytes)) {}

    QByteArray m_bytes;
};

struct SigningPublicKeyTag;
struct DhPublicKeyTag;
//! An Ed25519 public key (a device's or an account's).
using SigningPublicKey = PublicKey<SigningPublicKeyTag, 32>;
//! An X25519 public key (a device's, or a pairwise message's ephemeral key).
using DhPublicKey = PublicKey<DhPublicKeyTag, 32>;

//! The public half of a key pair, typed.
[[nodiscard]] SigningPublicKey publicKeyOf(const SigningKeyPair &pair);
[[nodiscard]] DhPublicKey publicKeyOf(const DhKeyPair &pair);

template <class Tag, qsizetype Size>
size_t qHash(const PublicKey<Tag, Size> &key, size_t seed = 0) noexcept {
    return ::qHash(key.bytes(), seed);
}

} // namespace hearth::crypto
