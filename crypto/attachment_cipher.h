// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDebug>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace hearth::crypto {

inline constexpr qsizetype kAttachmentChunkSize = 64 * 1024; //!< plaintext bytes per chunk
inline constexpr qsizetype kAttachmentKeySize = 32;          //!< secretstream key
inline constexpr qsizetype kAttachmentHashSize = 32;         //!< BLAKE2b-256 of the ciphertext
inline constexpr qsizetype kAttachmentHeaderSize = 24;       //!< secretstream header
inline constexpr qsizetype kAttachmentChunkOverhead = 17;    //!< secretstream ABYTES per chunk

//! The random key of one attachment. It travels inside the (encrypted) message that links the
//! attachment, with the ciphertext hash.
class AttachmentKey final {
public:
    [[nodiscard]] static AttachmentKey generate();
    //! InvalidKey unless `key` is kAttachmentKeySize bytes.
    [[nodiscard]] static CryptoResult<AttachmentKey> fromBytes(QByteArrayView key);
    [[nodiscard]] const SecretBytes &bytes() const { return m_key; }

private:
    explicit AttachmentKey(SecretBytes key)
        : m_key(std::move(key)) {}
    SecretBytes m_key;
};

//! What encryptAttachment gives back.
struct EncryptedAttachment final {
    AttachmentKey key;
    QByteArray ciphertextHash; //!< BLAKE2b-256 of every ciphertext byte written
    qint64 plaintextSize = 0;
    qint64 ciphertextSize = 0;
};

//! Ciphertext size for `plaintextSize` bytes: header + plaintext + 17 per chunk, with at least
//! one (possibly empty) final chunk.
[[nodiscard]] qint64 attachmentCiphertextSize(qint64 plaintextSize);

//! Streams `plaintext` to `ciphertext` with crypto_secretstream_xchacha20poly1305 under a fresh
//! random key, in kAttachmentChunkSize chunks, the last tagged FINAL; hashes the ciphertext on
//! the way. Memory stays constant (three chunk buffers) whatever the size. The input ends when a
//! read returns nothing and waitForReadyRead() gives up (files and buffers: at their end).
//! IoError when a read or write fails.
[[nodiscard]] CryptoResult<EncryptedAttachment> encryptAttachment(QIODevice &plaintext,
                                                                  QIODevice &ciphertext);

//! Streams `ciphertext` back to `plaintext`. Every chunk but the last is exactly
//! kAttachmentChunkSize + 17 bytes, so the stream ends where the input ends. Errors:
//! DecryptionFailed (a chunk does not authenticate: altered, reordered, wrong key, or cut inside
//! a chunk), Truncated (ends at a chunk boundary before the FINAL chunk), TrailingData (bytes
//! after a full FINAL chunk), HashMismatch (the ciphertext is not the one `expectedHash`
//! names), IoError, InvalidArgument (hash of the wrong size). Only authenticated chunks are
//! written, but on any error the caller must discard what was written (write to a temporary
//! file and rename it on success). Returns the plaintext size.
[[nodiscard]] CryptoResult<qint64> decryptAttachment(QIODevice &ciphertext, QIODevice &plaintext,
                                                     const AttachmentKey &key,
                                                     QByteArrayView expectedHash);

//! Shows nothing of the key.
QDebug operator<<(QDebug debug, const AttachmentKey &key);

} // namespace hearth::crypto
