// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/chain_key.h"

#include "crypto/details/ratchet.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/secret_view.h"
#include "crypto/sodium.h"

#include <cstring>
#include <limits>
#include <sodium.h>

namespace hearth::crypto {

using namespace Qt::StringLiterals;

namespace {

constexpr unsigned char kMessageKeyLabel[] = {'h', 'e', 'a', 'r', 't', 'h', '-', 'm', 'k'};
constexpr unsigned char kChainKeyLabel[] = {'h', 'e', 'a', 'r', 't', 'h', '-', 'c', 'k'};

static_assert(kChainKeySize == crypto_generichash_BYTES);
static_assert(kChainKeySize >= crypto_generichash_KEYBYTES_MIN);

void keyedHash(unsigned char *out, const unsigned char *key, const unsigned char *label,
               size_t labelSize) {
    crypto_generichash(out, crypto_generichash_BYTES, label, labelSize, key, kChainKeySize);
}

} // namespace

void details::ratchetStep(unsigned char *chain) {
    WipedBuffer<kChainKeySize> next;
    keyedHash(next.data, chain, kChainKeyLabel, sizeof kChainKeyLabel);
    std::memcpy(chain, next.data, kChainKeySize);
}

void details::ratchetMessageKey(const unsigned char *chain, unsigned char *out) {
    keyedHash(out, chain, kMessageKeyLabel, sizeof kMessageKeyLabel);
}

ChainKey::ChainKey(SecretBytes key, quint32 index)
    : m_key(std::move(key))
    , m_index(index) {}

ChainKey ChainKey::generate() {
    return ChainKey(SecretBytes::generate(kChainKeySize), 0);
}

CryptoResult<ChainKey> ChainKey::fromBytes(QByteArrayView key, quint32 index) {
    if (key.size() != kChainKeySize)
        return CryptoError::InvalidKey;
    return ChainKey(SecretBytes::fromBytes(key), index);
}

ChainKey ChainKey::clone() const {
    return ChainKey(SecretBytes::fromBytes(secretView(m_key)), m_index);
}

MessageKey ChainKey::messageKey() const {
    SecretBytes out(kMessageKeySize);
    deriveMessageKey(out.data());
    return MessageKey(std::move(out));
}

void ChainKey::deriveMessageKey(unsigned char *out) const {
    details::ratchetMessageKey(m_key.data(), out);
}

CryptoStatus ChainKey::advance() {
    if (m_index == std::numeric_limits<quint32>::max())
        return CryptoError::SessionExhausted;
    details::ratchetStep(m_key.data());
    ++m_index;
    return {};
}

CryptoStatus ChainKey::advanceTo(quint32 target) {
    if (target < m_index)
        return CryptoError::IndexTooOld;
    // why: checked before any hashing, so an attacker-chosen index costs nothing.
    if (target - m_index > kMaxRatchetJump)
        return CryptoError::RatchetJumpTooLarge;
    while (m_index < target) {
        details::ratchetStep(m_key.data());
        ++m_index;
    }
    return {};
}

QDebug operator<<(QDebug debug, const ChainKey &key) {
    return details::redactedDebug(debug, "ChainKey", u"index %1"_s.arg(key.index()));
}

QDebug operator<<(QDebug debug, const MessageKey &) {
    return details::redactedDebug(debug, "MessageKey");
}

} // namespace hearth::crypto
