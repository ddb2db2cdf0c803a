// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/device_approval.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/envelope_type.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "crypto/sodium.h"

#include <QStringList>
#include <cstring>
#include <sodium.h>

namespace hearth::crypto {

namespace {

using details::uc;

// Crockford's base32: no I, L, O, U, so what is read aloud or typed is hard to get wrong.
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr QByteArrayView kCodeTag("hearth-approval-code-v1\0", 24);
constexpr QByteArrayView kRequestTag("hearth-approval-request-v1\0", 27);
constexpr QByteArrayView kGrantTag("hearth-account-grant-v1\0", 24);
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'h', 'r', 't', 'h', 'a', 'p', 'p', 'r'};
constexpr quint64 kRequestKeyId = 1;
constexpr quint64 kGrantKeyId = 2;
constexpr qsizetype kKeySize = 32;
constexpr qsizetype kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kAeadTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr qsizetype kGrantHeaderSize = 2 + kSigningPublicKeySize + kNonceSize;
constexpr qsizetype kGrantSize = kGrantHeaderSize + kSigningSeedSize + kAeadTagSize;
static_assert(crypto_kdf_KEYBYTES == kKeySize && crypto_generichash_BYTES == kKeySize);

//! The value of a typed symbol, or -1.
int symbolValue(QChar c) {
    const char16_t u = QChar::toUpper(c.unicode());
    if (u == u'O')
        return 0;
    if (u == u'I' || u == u'L')
        return 1;
    for (int i = 0; i < 32; ++i) {
        if (u == char16_t(kAlphabet[i]))
            return i;
    }
    return -1;
}

//! Subkey `id` of the key the code stands for.
void deriveKey(const ApprovalCode &code, quint64 id, details::WipedBuffer<kKeySize> &out) {
    details::WipedBuffer<kKeySize> master;
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kKeySize);
    crypto_generichash_update(&state, uc(kCodeTag), kCodeTag.size());
    crypto_generichash_update(&state, code.bytes().data(), code.bytes().size());
    crypto_generichash_final(&state, master.data, kKeySize);
    sodium_memzero(&state, sizeof state);
    crypto_kdf_derive_from_key(out.data, kKeySize, id, kKdfContext, master.data);
}

//! `tag` || user || u64 device id || Ed25519 key || X25519 key (+ `extra`).
QByteArray bound(QByteArrayView tag, const UserId &user, const DeviceKeys &device,
                 QByteArrayView extra = {}) {
    QByteArray out(tag.size() + details::userFieldSize(user) + 8 + 64 + extra.size(),
                   Qt::Uninitialized);
    details::SpanWriter w(out);
    w.bytes(tag);
    w.user(user);
    w.u64(device.id.value);
    w.bytes(device.signingKey.bytes());
    w.bytes(device.dhKey.bytes());
    w.bytes(extra);
    Q_ASSERT(w.full());
    return out;
}

} // namespace

ApprovalCode ApprovalCode::generate() {
    ensureInitialised();
    SecretBytes symbols = SecretBytes::generate(kApprovalCodeLength);
    // why: 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
    for (std::size_t i = 0; i < symbols.size(); ++i)
        symbols.data()[i] = static_cast<unsigned char>(kAlphabet[symbols.data()[i] & 0x1f]);
    return ApprovalCode(std::move(symbols));
}

CryptoResult<ApprovalCode> ApprovalCode::parse(QStringView typed) {
    SecretBytes symbols(kApprovalCodeLength);
    qsizetype count = 0;
    for (const QChar c : typed) {
        if (c == u'-' || c.isSpace())
            continue;
        const int value = symbolValue(c);
        if (value < 0 || count == kApprovalCodeLength)
            return CryptoError::InvalidArgument;
        symbols.data()[count++] = static_cast<unsigned char>(kAlphabet[value]);
    }
    if (count != kApprovalCodeLength)
        return CryptoError::InvalidArgument;
    return ApprovalCode(std::move(symbols));
}

CryptoResult<ApprovalCode> ApprovalCode::fromBytes(QByteArrayView stored) {
    if (stored.size() != kApprovalCodeLength)
        return CryptoError::InvalidArgument;
    for (const char c : stored) {
        if (c == 0 || !std::strchr(kAlphabet, c))
            return CryptoError::InvalidArgument;
    }
    return ApprovalCode(SecretBytes::fromBytes(stored));
}

QString ApprovalCode::display() const {
    const QString symbols = QString::fromLatin1(secretView(m_symbols));
    QStringList groups;
    for (qsizetype i = 0; i < symbols.size(); i += 4)
        groups.append(symbols.mid(i, 4));
    return groups.join(u'-');
}

QDebug operator<<(QDebug debug, const ApprovalCode &) {
    return details::redactedDebug(debug, "ApprovalCode");
}

QByteArray approvalRequestTag(const ApprovalCode &code, const UserId &user,
                              const DeviceKeys &device) {
    ensureInitialised();
    details::WipedBuffer<kKeySize> key;
    deriveKey(code, kRequestKeyId, key);
    const QByteArray message = bound(kRequestTag, user, device);
    QByteArray tag(kApprovalTagSize, Qt::Uninitialized);
    crypto_generichash(uc(tag), kApprovalTagSize, uc(message),
                       static_cast<unsigned long long>(message.size()), key.data, kKeySize);
    return tag;
}

bool verifyApprovalRequest(const ApprovalCode &code, const UserId &user, const DeviceKeys &device,
                           QByteArrayView tag) {
    return constantTimeEqual(approvalRequestTag(code, user, device), tag.toByteArray());
}

CryptoResult<QByteArray> sealAccountGrant(const ApprovalCode &code, const UserId &user,
                                          const DeviceKeys &device,
                                          const SigningKeyPair &accountKey) {
    if (!isValidUser(user))
        return CryptoError::InvalidArgument;
    ensureInitialised();
    QByteArray out(kGrantSize, Qt::Uninitialized);
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::AccountGrant));
    w.bytes(accountKey.publicKey());
    unsigned char *nonce = uc(out) + w.position();
    randombytes_buf(nonce, kNonceSize);

    details::WipedBuffer<kKeySize> key;
    deriveKey(code, kGrantKeyId, key);
    const QByteArray ad =
        bound(kGrantTag, user, device, QByteArrayView(out).first(kGrantHeaderSize));
    const SecretBytes seed = accountKey.seed();
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        uc(out) + kGrantHeaderSize, nullptr, seed.data(), seed.size(), uc(ad),
        static_cast<unsigned long long>(ad.size()), nullptr, nonce, key.data);
    return out;
}

CryptoResult<SigningKeyPair> openAccountGrant(const ApprovalCode &code, const UserId &user,
                                              const DeviceKeys &device, QByteArrayView grant) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(grant, EnvelopeType::AccountGrant);
    if (!reader)
        return reader.error();
    if (grant.size() != kGrantSize || !isValidUser(user))
        return CryptoError::Malformed;
    const QByteArrayView accountKey = *reader->bytes(kSigningPublicKeySize);
    const unsigned char *nonce = uc(*reader->bytes(kNonceSize));
    const QByteArrayView ciphertext = *reader->bytes(reader->remaining());

    ensureInitialised();
    details::WipedBuffer<kKeySize> key;
    deriveKey(code, kGrantKeyId, key);
    const QByteArray ad = bound(kGrantTag, user, device, grant.first(kGrantHeaderSize));
    SecretBytes seed(kSigningSeedSize);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            seed.data(), nullptr, nullptr, uc(ciphertext),
            static_cast<unsigned long long>(ciphertext.size()), uc(ad),
            static_cast<unsigned long long>(ad.size()), nonce, key.data) != 0)
        return CryptoError::DecryptionFailed;
    std::optional<SigningKeyPair> pair = SigningKeyPair::fromSeed(secretView(seed));
    if (!pair || pair->publicKey() != accountKey)
        return CryptoError::InvalidKey;
    return std::move(*pair);
}

} // namespace hearth::crypto
