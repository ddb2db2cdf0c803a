// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/secret_bytes.h"

#include <QByteArrayView>
#include <QDebug>

namespace hearth::crypto {

inline constexpr qsizetype kChainKeySize = 32;   //!< BLAKE2b-256 output
inline constexpr qsizetype kMessageKeySize = 32; //!< an XChaCha20-Poly1305 key
//! Most indices a receiver ratchets forward for one message (from its cursor, or from the
//! earliest index it holds). Further is refused without computing: a sender cannot make a
//! receiver burn CPU, and with the default rotation (1000 messages) it is never reached.
inline constexpr quint32 kMaxRatchetJump = 50000;

//! The key of one group message: BLAKE2b-256 keyed by chain_i over "hearth-mk".
class MessageKey final {
public:
    explicit MessageKey(SecretBytes bytes)
        : m_bytes(std::move(bytes)) {}
    [[nodiscard]] const SecretBytes &bytes() const { return m_bytes; }

private:
    SecretBytes m_bytes;
};

//! The symmetric ratchet of a group session at one index. chain_{i+1} = BLAKE2b-256 keyed by
//! chain_i over "hearth-ck"; the old chain key is overwritten, so a chain at index n cannot give
//! the key of any index before n (forward secrecy).
class ChainKey final {
public:
    //! A random chain key at index 0.
    [[nodiscard]] static ChainKey generate();
    //! A chain key at `index` from its 32 bytes; InvalidKey for another size.
    [[nodiscard]] static CryptoResult<ChainKey> fromBytes(QByteArrayView key, quint32 index);
    //! An explicit copy (ChainKey is move-only so that secrets are never copied by accident).
    [[nodiscard]] ChainKey clone() const;

    [[nodiscard]] quint32 index() const { return m_index; }
    [[nodiscard]] const SecretBytes &bytes() const { return m_key; }

    //! The message key for index().
    [[nodiscard]] MessageKey messageKey() const;
    //! Writes the message key for index() into `out` (kMessageKeySize bytes).
    void deriveMessageKey(unsigned char *out) const;

    //! One step forward. SessionExhausted at the last 32-bit index (the key is left as is).
    [[nodiscard]] CryptoStatus advance();
    //! Forward to `target`: IndexTooOld when target < index(), RatchetJumpTooLarge when it is more
    //! than kMaxRatchetJump ahead (nothing is computed then).
    [[nodiscard]] CryptoStatus advanceTo(quint32 target);

private:
    ChainKey(SecretBytes key, quint32 index);

    SecretBytes m_key;
    quint32 m_index = 0;
};

//! Shows the index only.
QDebug operator<<(QDebug debug, const ChainKey &key);
//! Shows nothing of the key.
QDebug operator<<(QDebug debug, const MessageKey &key);

} // namespace hearth::crypto
