// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/attachment_cipher.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/sodium.h"

#include <QIODevice>
#include <sodium.h>

namespace hearth::crypto {

namespace {

using details::uc;

constexpr qsizetype kCipherChunkSize = kAttachmentChunkSize + kAttachmentChunkOverhead;
// why: how long a sequential device (pipe, socket) may stall before its input counts as ended.
constexpr int kReadWaitMs = 30000;

static_assert(kAttachmentKeySize == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(kAttachmentHeaderSize == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(kAttachmentChunkOverhead == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(kAttachmentHashSize == crypto_generichash_BYTES);

//! Reads up to `size` bytes, waiting on sequential devices; fewer only at the end. -1 on error.
qint64 readFull(QIODevice &device, char *data, qint64 size) {
    qint64 total = 0;
    while (total < size) {
        const qint64 got = device.read(data + total, size - total);
        if (got < 0)
            return -1;
        if (got == 0) {
            if (!device.waitForReadyRead(kReadWaitMs))
                break;
            continue;
        }
        total += got;
    }
    return total;
}

bool writeAll(QIODevice &device, const unsigned char *data, qint64 size) {
    return device.write(reinterpret_cast<const char *>(data), size) == size;
}

//! Wipes the streaming state on every exit path.
template <class T> struct WipedState final {
    T state;
    WipedState() = default;
    WipedState(const WipedState &) = delete;
    WipedState &operator=(const WipedState &) = delete;
    ~WipedState() { sodium_memzero(&state, sizeof state); }
};

} // namespace

AttachmentKey AttachmentKey::generate() {
    ensureInitialised();
    SecretBytes key(kAttachmentKeySize);
    crypto_secretstream_xchacha20poly1305_keygen(key.data());
    return AttachmentKey(std::move(key));
}

CryptoResult<AttachmentKey> AttachmentKey::fromBytes(QByteArrayView key) {
    if (key.size() != kAttachmentKeySize)
        return CryptoError::InvalidKey;
    return AttachmentKey(SecretBytes::fromBytes(key));
}

qint64 attachmentCiphertextSize(qint64 plaintextSize) {
    const qint64 chunks =
        plaintextSize == 0 ? 1 : (plaintextSize + kAttachmentChunkSize - 1) / kAttachmentChunkSize;
    return kAttachmentHeaderSize + plaintextSize + chunks * kAttachmentChunkOverhead;
}

CryptoResult<EncryptedAttachment> encryptAttachment(QIODevice &plaintext, QIODevice &ciphertext) {
    ensureInitialised();
    AttachmentKey key = AttachmentKey::generate();
    WipedState<crypto_secretstream_xchacha20poly1305_state> stream;
    WipedState<crypto_generichash_state> hash;
    crypto_generichash_init(&hash.state, nullptr, 0, crypto_generichash_BYTES);

    unsigned char header[kAttachmentHeaderSize];
    crypto_secretstream_xchacha20poly1305_init_push(&stream.state, header, key.bytes().data());
    if (!writeAll(ciphertext, header, sizeof header))
        return CryptoError::IoError;
    crypto_generichash_update(&hash.state, header, sizeof header);
    qint64 plainTotal = 0;
    qint64 cipherTotal = sizeof header;

    // why: one chunk is read ahead, so the last real chunk carries the FINAL tag and no empty
    // chunk is added when the size is a multiple of the chunk size.
    QByteArray current(kAttachmentChunkSize, Qt::Uninitialized);
    QByteArray next(kAttachmentChunkSize, Qt::Uninitialized);
    QByteArray out(kCipherChunkSize, Qt::Uninitialized);
    qint64 currentSize = readFull(plaintext, current.data(), kAttachmentChunkSize);
    for (;;) {
        if (currentSize < 0)
            return CryptoError::IoError;
        qint64 nextSize = 0;
        if (currentSize == kAttachmentChunkSize) {
            nextSize = readFull(plaintext, next.data(), kAttachmentChunkSize);
            if (nextSize < 0)
                return CryptoError::IoError;
        }
        const bool last = nextSize == 0;
        unsigned long long outSize = 0;
        crypto_secretstream_xchacha20poly1305_push(
            &stream.state, uc(out), &outSize, uc(current),
            static_cast<unsigned long long>(currentSize), nullptr, 0,
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                 : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        crypto_generichash_update(&hash.state, uc(out), outSize);
        if (!writeAll(ciphertext, uc(out), static_cast<qint64>(outSize)))
            return CryptoError::IoError;
        plainTotal += currentSize;
        cipherTotal += static_cast<qint64>(outSize);
        if (last)
            break;
        current.swap(next);
        currentSize = nextSize;
    }

    QByteArray digest(kAttachmentHashSize, Qt::Uninitialized);
    crypto_generichash_final(&hash.state, uc(digest), kAttachmentHashSize);
    return EncryptedAttachment{std::move(key), std::move(digest), plainTotal, cipherTotal};
}

CryptoResult<qint64> decryptAttachment(QIODevice &ciphertext, QIODevice &plaintext,
                                       const AttachmentKey &key, QByteArrayView expectedHash) {
    if (expectedHash.size() != kAttachmentHashSize)
        return CryptoError::InvalidArgument;
    ensureInitialised();
    WipedState<crypto_secretstream_xchacha20poly1305_state> stream;
    WipedState<crypto_generichash_state> hash;
    crypto_generichash_init(&hash.state, nullptr, 0, crypto_generichash_BYTES);

    unsigned char header[kAttachmentHeaderSize];
    const qint64 headerSize = readFull(ciphertext, reinterpret_cast<char *>(header), sizeof header);
    if (headerSize < 0)
        return CryptoError::IoError;
    if (headerSize < qint64(sizeof header))
        return CryptoError::Truncated;
    crypto_generichash_update(&hash.state, header, sizeof header);
    if (crypto_secretstream_xchacha20poly1305_init_pull(&stream.state, header,
                                                        key.bytes().data()) != 0)
        return CryptoError::Malformed;

    QByteArray in(kCipherChunkSize, Qt::Uninitialized);
    QByteArray out(kAttachmentChunkSize, Qt::Uninitialized);
    qint64 plainTotal = 0;
    for (;;) {
        const qint64 inSize = readFull(ciphertext, in.data(), kCipherChunkSize);
        if (inSize < 0)
            return CryptoError::IoError;
        if (inSize < kAttachmentChunkOverhead)
            return inSize == 0 ? CryptoError::Truncated : CryptoError::DecryptionFailed;
        crypto_generichash_update(&hash.state, uc(in), static_cast<unsigned long long>(inSize));
        unsigned long long outSize = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(
                &stream.state, uc(out), &outSize, &tag, uc(in),
                static_cast<unsigned long long>(inSize), nullptr, 0) != 0)
            return CryptoError::DecryptionFailed;
        if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE &&
            tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            return CryptoError::Malformed;
        if (!writeAll(plaintext, uc(out), static_cast<qint64>(outSize)))
            return CryptoError::IoError;
        plainTotal += static_cast<qint64>(outSize);
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            break;
    }

    char extra = 0;
    const qint64 extraSize = readFull(ciphertext, &extra, 1);
    if (extraSize < 0)
        return CryptoError::IoError;
    if (extraSize > 0)
        return CryptoError::TrailingData;
    unsigned char digest[kAttachmentHashSize];
    crypto_generichash_final(&hash.state, digest, sizeof digest);
    if (sodium_memcmp(digest, expectedHash.data(), sizeof digest) != 0)
        return CryptoError::HashMismatch;
    return plainTotal;
}

QDebug operator<<(QDebug debug, const AttachmentKey &) {
    return details::redactedDebug(debug, "AttachmentKey");
}

} // namespace hearth::crypto
