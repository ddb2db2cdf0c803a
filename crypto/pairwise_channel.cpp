// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/pairwise_channel.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/dh_key.h"
#include "crypto/envelope_type.h"
#include "crypto/replay_guard.h"
#include "crypto/signing_key.h"
#include "crypto/sodium.h"

#include <sodium.h>

namespace hearth::crypto {

namespace {

using details::uc;
using details::WipedBuffer;

constexpr QByteArrayView kAdTag("hearth-pairwise-v1\0", 19);
constexpr QByteArrayView kKdfTag("hearth-pairwise-kdf-v1\0", 23);
constexpr QByteArrayView kSigTag("hearth-pairwise-sig-v1\0", 23);
constexpr qsizetype kEphemeralSize = crypto_scalarmult_BYTES;
constexpr qsizetype kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr qsizetype kKeySize = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;

static_assert(kKeySize == crypto_generichash_BYTES);
static_assert(kPairwiseOverhead == 2 + 2 + 8 + 2 + 8 + MessageId::kSize + 8 + kEphemeralSize +
                                       kNonceSize + kTagSize + kSignatureSize);

//! The AEAD key: BLAKE2b-256 keyed by the X25519 secret, over tag || ephemeral pk ||
//! recipient pk || sender device || recipient device. False for a low-order point.
bool deriveKey(unsigned char *key, const unsigned char *ourSecret, const unsigned char *theirPublic,
               QByteArrayView ephemeralPublic, QByteArrayView recipientPublic, DeviceId sender,
               DeviceId recipient) {
    WipedBuffer<crypto_scalarmult_BYTES> shared;
    // why: crypto_scalarmult fails (returns -1) when the result is all zero, i.e. the peer key
    // is a low-order point; a key derived from it would be known to anyone.
    if (crypto_scalarmult(shared.data, ourSecret, theirPublic) != 0)
        return false;
    unsigned char transcript[kKdfTag.size() + 2 * kEphemeralSize + 16];
    details::SpanWriter w(transcript, sizeof transcript);
    w.bytes(kKdfTag);
    w.bytes(ephemeralPublic);
    w.bytes(recipientPublic);
    w.u64(sender.value);
    w.u64(recipient.value);
    Q_ASSERT(w.full());
    crypto_generichash(key, kKeySize, transcript, sizeof transcript, shared.data,
                       sizeof shared.data);
    return true;
}

struct Parsed {
    PairwiseHeader header;
    QByteArrayView headerBytes; // version .. nonce: the AEAD associated data after the tag
    QByteArrayView ephemeral;
    QByteArrayView nonce;
    QByteArrayView ciphertext;
    QByteArrayView signedPart;
    QByteArrayView signature;
};

CryptoResult<Parsed> parse(QByteArrayView envelope) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(envelope, EnvelopeType::Pairwise);
    if (!reader)
        return reader.error();
    details::ByteReader &r = *reader;
    const std::optional<UserId> senderUser = r.user();
    const std::optional<quint64> senderDevice = r.u64();
    const std::optional<UserId> recipientUser = r.user();
    const std::optional<quint64> recipientDevice = r.u64();
    const std::optional<QByteArrayView> id = r.bytes(MessageId::kSize);
    const std::optional<quint64> timestamp = r.u64();
    const std::optional<QByteArrayView> ephemeral = r.bytes(kEphemeralSize);
    const std::optional<QByteArrayView> nonce = r.bytes(kNonceSize);
    if (!senderUser || !senderDevice || !recipientUser || !recipientDevice || !id || !timestamp ||
        !ephemeral || !nonce || r.remaining() < kTagSize + kSignatureSize)
        return CryptoError::Malformed;
    Parsed p{PairwiseHeader{DeviceAddress{*senderUser, DeviceId{*senderDevice}},
                            DeviceAddress{*recipientUser, DeviceId{*recipientDevice}},
                            *MessageId::fromBytes(*id), static_cast<qint64>(*timestamp)},
             envelope.first(r.position()),
             *ephemeral,
             *nonce,
             envelope.sliced(r.position(), r.remaining() - kSignatureSize),
             envelope.first(envelope.size() - kSignatureSize),
             envelope.last(kSignatureSize)};
    if (p.header.sender.device.value == 0 || p.header.recipient.device.value == 0 ||
        p.header.timestampMs < 0)
        return CryptoError::Malformed;
    return p;
}

} // namespace

CryptoResult<QByteArray> sealPairwise(const DeviceAddress &sender, const SigningKeyPair &senderKey,
                                      const DeviceAddress &recipient,
                                      const DhPublicKey &recipientKey, QByteArrayView plaintext,
                                      qint64 timestampMs) {
    if (!isValidAddress(sender) || !isValidAddress(recipient) || timestampMs < 0)
        return CryptoError::InvalidArgument;
    ensureInitialised();

    // why: the ephemeral secret lives on the stack, not in a DhKeyPair: sodium_malloc's
    // mmap/mprotect per message would cost as much as the X25519 itself when sharing a session
    // with hundreds of devices. Same draws from the RNG as crypto_box_keypair.
    WipedBuffer<crypto_scalarmult_SCALARBYTES> ephemeralSecret;
    randombytes_buf(ephemeralSecret.data, sizeof ephemeralSecret.data);
    QByteArray ephemeralPublic(kEphemeralSize, Qt::Uninitialized);
    if (crypto_scalarmult_base(uc(ephemeralPublic), ephemeralSecret.data) != 0)
        return CryptoError::LowOrderPoint;
    WipedBuffer<kKeySize> key;
    if (!deriveKey(key.data, ephemeralSecret.data, uc(recipientKey.bytes()), ephemeralPublic,
                   recipientKey.bytes(), sender.device, recipient.device))
        return CryptoError::LowOrderPoint;

    const MessageId id = MessageId::generate();
    const qsizetype headerSize = 2 + details::userFieldSize(sender.user) + 8 +
                                 details::userFieldSize(recipient.user) + 8 + MessageId::kSize + 8 +
                                 kEphemeralSize + kNonceSize;
    QByteArray out(headerSize + plaintext.size() + kTagSize + kSignatureSize, Qt::Uninitialized);
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::Pairwise));
    w.user(sender.user);
    w.u64(sender.device.value);
    w.user(recipient.user);
    w.u64(recipient.device.value);
    w.bytes(id.bytes());
    w.u64(static_cast<quint64>(timestampMs));
    w.bytes(ephemeralPublic);
    randombytes_buf(uc(out) + w.position(), kNonceSize);
    Q_ASSERT(w.position() + kNonceSize == headerSize);

    const QByteArray ad = details::tagged(kAdTag, QByteArrayView(out).first(headerSize));
    unsigned long long ciphertextSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(uc(out) + headerSize, &ciphertextSize, uc(plaintext),
                                               static_cast<unsigned long long>(plaintext.size()),
                                               uc(ad), static_cast<unsigned long long>(ad.size()),
                                               nullptr, uc(out) + headerSize - kNonceSize,
                                               key.data);
    const qsizetype signedSize = headerSize + static_cast<qsizetype>(ciphertextSize);
    const QByteArray signature =
        senderKey.sign(details::tagged(kSigTag, QByteArrayView(out).first(signedSize)));
    std::memcpy(out.data() + signedSize, signature.constData(), kSignatureSize);
    return out;
}

CryptoResult<PairwiseHeader> peekPairwiseHeader(QByteArrayView envelope) {
    CryptoResult<Parsed> parsed = parse(envelope);
    if (!parsed)
        return parsed.error();
    return std::move(parsed->header);
}

CryptoResult<PairwiseMessage> openPairwise(QByteArrayView envelope, const DeviceAddress &self,
                                           const DhKeyPair &selfKey, const DeviceAddress &sender,
                                           const SigningPublicKey &senderKey, ReplayGuard &guard) {
    CryptoResult<Parsed> parsed = parse(envelope);
    if (!parsed)
        return parsed.error();
    const Parsed &p = *parsed;
    if (p.header.sender != sender)
        return CryptoError::WrongSender;
    if (p.header.recipient != self)
        return CryptoError::WrongRecipient;
    if (!verifySignature(senderKey.bytes(), details::tagged(kSigTag, p.signedPart), p.signature))
        return CryptoError::BadSignature;

    WipedBuffer<kKeySize> key;
    if (!deriveKey(key.data, selfKey.secretKey().data(), uc(p.ephemeral), p.ephemeral,
                   selfKey.publicKey(), p.header.sender.device, p.header.recipient.device))
        return CryptoError::LowOrderPoint;

    const QByteArray ad = details::tagged(kAdTag, p.headerBytes);
    SecretBytes plaintext(static_cast<size_t>(p.ciphertext.size() - kTagSize));
    unsigned long long plaintextSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plaintext.data(), &plaintextSize, nullptr, uc(p.ciphertext),
            static_cast<unsigned long long>(p.ciphertext.size()), uc(ad),
            static_cast<unsigned long long>(ad.size()), uc(p.nonce), key.data) != 0)
        return CryptoError::DecryptionFailed;
    if (!guard.remember(p.header.sender, p.header.messageId, p.header.timestampMs))
        return CryptoError::Replayed;
    return PairwiseMessage{p.header, std::move(plaintext)};
}

} // namespace hearth::crypto
