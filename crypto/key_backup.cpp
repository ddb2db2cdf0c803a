// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/key_backup.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/pwhash_params.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/envelope_type.h"
#include "crypto/secret_view.h"
#include "crypto/sodium.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <sodium.h>

namespace hearth::crypto {

namespace {

using details::uc;

constexpr QByteArrayView kAdTag("hearth-key-backup-v1\0", 21);
constexpr quint8 kAlgorithmArgon2id13 = 0x01;
constexpr qsizetype kSaltSize = crypto_pwhash_SALTBYTES;
constexpr qsizetype kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr qsizetype kKeySize = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr qsizetype kHeaderSize = 2 + 1 + 8 + 8 + kSaltSize + kNonceSize;

} // namespace

void KeyBackupWriter::add(const InboundGroupSession &session) {
    const SecretBytes key = session.exportKey().serialize();
    const size_t needed = m_used + 2 + key.size();
    if (m_entries.size() < needed) {
        SecretBytes grown(std::max<size_t>(needed, 2 * m_entries.size()));
        if (m_used > 0)
            std::memcpy(grown.data(), m_entries.data(), m_used);
        m_entries = std::move(grown);
    }
    details::SpanWriter w(m_entries.data() + m_used, qsizetype(2 + key.size()));
    w.u16(static_cast<quint16>(key.size()));
    w.bytes(secretView(key));
    m_used = needed;
    ++m_count;
}

CryptoResult<QByteArray> KeyBackupWriter::finish(QByteArrayView passphrase,
                                                 PasswordHashCost cost) const {
    ensureInitialised();
    SecretBytes plaintext(4 + m_used);
    details::SpanWriter p(plaintext);
    p.u32(m_count);
    p.bytes(m_entries.data(), qsizetype(m_used));
    Q_ASSERT(p.full());

    const details::PwhashParams params = details::pwhashParams(cost);
    QByteArray out(kHeaderSize + qsizetype(plaintext.size()) + kTagSize, Qt::Uninitialized);
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::KeyBackup));
    w.u8(kAlgorithmArgon2id13);
    w.u64(params.opslimit);
    w.u64(params.memlimit);
    unsigned char *salt = uc(out) + w.position();
    randombytes_buf(salt, kSaltSize);
    unsigned char *nonce = salt + kSaltSize;
    randombytes_buf(nonce, kNonceSize);

    details::WipedBuffer<kKeySize> key;
    if (!details::argon2id(key.data, kKeySize, passphrase, salt, params))
        return CryptoError::OutOfMemory;
    const QByteArray ad = details::tagged(kAdTag, QByteArrayView(out).first(kHeaderSize));
    unsigned long long ciphertextSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        uc(out) + kHeaderSize, &ciphertextSize, plaintext.data(), plaintext.size(), uc(ad),
        static_cast<unsigned long long>(ad.size()), nullptr, nonce, key.data);
    Q_ASSERT(kHeaderSize + qsizetype(ciphertextSize) == out.size());
    return out;
}

CryptoResult<KeyBackupReader> KeyBackupReader::open(QByteArrayView backup,
                                                    QByteArrayView passphrase) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(backup, EnvelopeType::KeyBackup);
    if (!reader)
        return reader.error();
    if (backup.size() < kHeaderSize + kTagSize)
        return CryptoError::Malformed;
    details::ByteReader &r = *reader;
    const quint8 algorithm = *r.u8();
    const quint64 opslimit = *r.u64();
    const quint64 memlimit = *r.u64();
    const unsigned char *salt = uc(*r.bytes(kSaltSize));
    const unsigned char *nonce = uc(*r.bytes(kNonceSize));
    const QByteArrayView ciphertext = *r.bytes(r.remaining());
    // why: the header is unauthenticated until the key is derived, so absurd costs are refused
    // before Argon2id runs (a crafted backup must not take minutes or gigabytes).
    if (algorithm != kAlgorithmArgon2id13 || opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
        opslimit > kMaxBackupOpsLimit || memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
        memlimit > kMaxBackupMemLimit)
        return CryptoError::UnsupportedParameters;

    ensureInitialised();
    details::WipedBuffer<kKeySize> key;
    if (!details::argon2id(key.data, kKeySize, passphrase, salt,
                           {opslimit, static_cast<size_t>(memlimit)}))
        return CryptoError::OutOfMemory;
    const QByteArray ad = details::tagged(kAdTag, backup.first(kHeaderSize));
    SecretBytes plaintext(static_cast<size_t>(ciphertext.size() - kTagSize));
    unsigned long long plaintextSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plaintext.data(), &plaintextSize, nullptr, uc(ciphertext),
            static_cast<unsigned long long>(ciphertext.size()), uc(ad),
            static_cast<unsigned long long>(ad.size()), nonce, key.data) != 0)
        return CryptoError::WrongPassphrase;

    // Every entry is checked now, so session() cannot fail later.
    details::ByteReader p(secretView(plaintext));
    const std::optional<quint32> count = p.u32();
    if (!count)
        return CryptoError::Malformed;
    QList<qsizetype> offsets;
    // why: the count is authenticated, but reserve no more than the bytes could hold.
    offsets.reserve(qsizetype(std::min<quint64>(*count, quint64(p.remaining()) / 2)));
    for (quint32 i = 0; i < *count; ++i) {
        const std::optional<quint16> size = p.u16();
        const qsizetype offset = p.position();
        const std::optional<QByteArrayView> bytes = size ? p.bytes(*size) : std::nullopt;
        if (!bytes || !GroupSessionKey::parse(*bytes).ok())
            return CryptoError::Malformed;
        offsets.append(offset);
    }
    if (!p.atEnd())
        return CryptoError::Malformed;
    return KeyBackupReader(std::move(plaintext), std::move(offsets));
}

InboundGroupSession KeyBackupReader::session(quint32 index) const {
    const QByteArrayView payload = secretView(m_payload);
    const qsizetype offset = m_offsets.at(index);
    const quint16 size = qFromBigEndian<quint16>(payload.data() + offset - 2);
    return InboundGroupSession::fromKey(
        std::move(GroupSessionKey::parse(payload.sliced(offset, size)).value()), KeyOrigin::Backup);
}

CryptoResult<QByteArray> exportKeyBackup(std::span<const InboundGroupSession> sessions,
                                         QByteArrayView passphrase, PasswordHashCost cost) {
    if (sessions.size() > std::numeric_limits<quint32>::max())
        return CryptoError::InvalidArgument;
    KeyBackupWriter writer;
    for (const InboundGroupSession &session : sessions)
        writer.add(session);
    return writer.finish(passphrase, cost);
}

CryptoResult<std::vector<InboundGroupSession>> importKeyBackup(QByteArrayView backup,
                                                               QByteArrayView passphrase) {
    CryptoResult<KeyBackupReader> reader = KeyBackupReader::open(backup, passphrase);
    if (!reader)
        return reader.error();
    std::vector<InboundGroupSession> sessions;
    sessions.reserve(reader->count());
    for (quint32 i = 0; i < reader->count(); ++i)
        sessions.push_back(reader->session(i));
    return sessions;
}

} // namespace hearth::crypto
