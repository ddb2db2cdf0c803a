// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/group_envelope.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/group_cipher.h"
#include "crypto/envelope_type.h"
#include "crypto/signing_key.h"
#include "crypto/sodium.h"

#include <sodium.h>

namespace hearth::crypto {

namespace {

using details::uc;

constexpr QByteArrayView kAdTag("hearth-group-msg-v1\0", 20);
constexpr QByteArrayView kSigTag("hearth-group-sig-v1\0", 20);
constexpr qsizetype kHeaderSize = 2 + SessionId::kSize + 4;
constexpr qsizetype kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;

static_assert(kGroupEnvelopeOverhead == kHeaderSize + kNonceSize + kTagSize + kSignatureSize);

//! tag || conversation || sender: the prefix shared by the associated data and the signature.
QByteArray contextPrefix(QByteArrayView tag, ConversationId conversation,
                         const DeviceAddress &sender, qsizetype extra) {
    const qsizetype size = tag.size() + 8 + details::userFieldSize(sender.user) + 8;
    QByteArray out(size, Qt::Uninitialized);
    details::SpanWriter w(out);
    w.bytes(tag);
    w.u64(conversation.value);
    w.user(sender.user);
    w.u64(sender.device.value);
    out.reserve(size + extra);
    return out;
}

} // namespace

CryptoResult<GroupEnvelope> parseGroupEnvelope(QByteArrayView envelope) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(envelope, EnvelopeType::GroupMessage);
    if (!reader)
        return reader.error();
    if (envelope.size() < kGroupEnvelopeOverhead)
        return CryptoError::Malformed;
    details::ByteReader &r = *reader;
    const QByteArrayView sessionId = *r.bytes(SessionId::kSize);
    const quint32 index = *r.u32();
    const QByteArrayView nonce = *r.bytes(kNonceSize);
    return GroupEnvelope{GroupEnvelopeHeader{*SessionId::fromBytes(sessionId), index}, nonce,
                         envelope.sliced(r.position(), r.remaining() - kSignatureSize),
                         envelope.first(envelope.size() - kSignatureSize),
                         envelope.last(kSignatureSize)};
}

CryptoResult<GroupEnvelopeHeader> peekGroupEnvelope(QByteArrayView envelope) {
    CryptoResult<GroupEnvelope> parsed = parseGroupEnvelope(envelope);
    if (!parsed)
        return parsed.error();
    return std::move(parsed->header);
}

QByteArray groupAssociatedData(ConversationId conversation, const DeviceAddress &sender,
                               const SessionId &sessionId, quint32 index) {
    QByteArray ad = contextPrefix(kAdTag, conversation, sender, SessionId::kSize + 4);
    ad.append(sessionId.bytes());
    char be[4];
    qToBigEndian(index, be);
    ad.append(be, 4);
    return ad;
}

QByteArray groupSignatureInput(ConversationId conversation, const DeviceAddress &sender,
                               QByteArrayView signedPart) {
    QByteArray input = contextPrefix(kSigTag, conversation, sender, signedPart.size());
    input.append(signedPart);
    return input;
}

namespace details {

QByteArray sealGroupEnvelope(ConversationId conversation, const DeviceAddress &sender,
                             const SigningKeyPair &senderKey, const SessionId &sessionId,
                             quint32 index, const unsigned char *messageKey,
                             QByteArrayView plaintext) {
    ensureInitialised();
    QByteArray out(kGroupEnvelopeOverhead + plaintext.size(), Qt::Uninitialized);
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::GroupMessage));
    w.bytes(sessionId.bytes());
    w.u32(index);
    unsigned char *nonce = uc(out) + w.position();
    randombytes_buf(nonce, kNonceSize);
    unsigned char *ciphertext = nonce + kNonceSize;

    const QByteArray ad = groupAssociatedData(conversation, sender, sessionId, index);
    unsigned long long ciphertextSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(ciphertext, &ciphertextSize, uc(plaintext),
                                               static_cast<unsigned long long>(plaintext.size()),
                                               uc(ad), static_cast<unsigned long long>(ad.size()),
                                               nullptr, nonce, messageKey);
    const qsizetype signedSize = out.size() - kSignatureSize;
    Q_ASSERT(kHeaderSize + kNonceSize + qsizetype(ciphertextSize) == signedSize);
    const QByteArray signature = senderKey.sign(
        groupSignatureInput(conversation, sender, QByteArrayView(out).first(signedSize)));
    std::memcpy(out.data() + signedSize, signature.constData(), kSignatureSize);
    return out;
}

CryptoStatus verifyGroupEnvelope(const GroupEnvelope &envelope, ConversationId conversation,
                                 const DeviceAddress &sender, const SigningPublicKey &senderKey) {
    if (!verifySignature(senderKey.bytes(),
                         groupSignatureInput(conversation, sender, envelope.signedPart),
                         envelope.signature))
        return CryptoError::BadSignature;
    return {};
}

CryptoResult<QByteArray> decryptGroupEnvelope(const GroupEnvelope &envelope,
                                              ConversationId conversation,
                                              const DeviceAddress &sender,
                                              const unsigned char *messageKey) {
    const QByteArray ad =
        groupAssociatedData(conversation, sender, envelope.header.sessionId, envelope.header.index);
    QByteArray plaintext(envelope.ciphertext.size() - kTagSize, Qt::Uninitialized);
    unsigned long long plaintextSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            details::uc(plaintext), &plaintextSize, nullptr, uc(envelope.ciphertext),
            static_cast<unsigned long long>(envelope.ciphertext.size()), uc(ad),
            static_cast<unsigned long long>(ad.size()), uc(envelope.nonce), messageKey) != 0)
        return CryptoError::DecryptionFailed;
    return plaintext;
}

} // namespace details

} // namespace hearth::crypto
