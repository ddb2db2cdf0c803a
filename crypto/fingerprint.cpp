// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/fingerprint.h"

#include "crypto/details/byte_io.h"
#include "crypto/sodium.h"

#include <QtEndian>
#include <sodium.h>

namespace hearth::crypto {

namespace {

constexpr int kChunks = 6;
constexpr int kChunkBytes = 5;
constexpr int kDigitsPerChunk = 5;
constexpr int kGroupsPerSafetyNumber = 12;

} // namespace

QString accountFingerprint(const UserId &user, const SigningPublicKey &accountKey) {
    ensureInitialised();
    const QByteArray name = user.name.toUtf8();
    const QByteArray &key = accountKey.bytes();

    unsigned char hash[crypto_hash_sha512_BYTES];
    {
        unsigned char version[2];
        qToBigEndian(kFingerprintVersion, version);
        crypto_hash_sha512_state state;
        crypto_hash_sha512_init(&state);
        crypto_hash_sha512_update(&state, version, sizeof version);
        crypto_hash_sha512_update(&state, details::uc(key), static_cast<size_t>(key.size()));
        crypto_hash_sha512_update(&state, details::uc(name), static_cast<size_t>(name.size()));
        crypto_hash_sha512_final(&state, hash);
    }
    // why: Signal's construction hashes the key again in every round, so the work cannot be
    // shared between candidate keys.
    for (int i = 0; i < kFingerprintIterations; ++i) {
        crypto_hash_sha512_state state;
        crypto_hash_sha512_init(&state);
        crypto_hash_sha512_update(&state, hash, sizeof hash);
        crypto_hash_sha512_update(&state, details::uc(key), static_cast<size_t>(key.size()));
        crypto_hash_sha512_final(&state, hash);
    }

    QString digits;
    digits.reserve(kChunks * kDigitsPerChunk);
    for (int chunk = 0; chunk < kChunks; ++chunk) {
        quint64 value = 0;
        for (int b = 0; b < kChunkBytes; ++b)
            value = (value << 8) | hash[chunk * kChunkBytes + b];
        digits += QString::number(value % 100000).rightJustified(kDigitsPerChunk, u'0');
    }
    return digits;
}

QString safetyNumber(const UserId &localUser, const SigningPublicKey &localKey,
                     const UserId &remoteUser, const SigningPublicKey &remoteKey) {
    const QString local = accountFingerprint(localUser, localKey);
    const QString remote = accountFingerprint(remoteUser, remoteKey);
    const QString combined = local <= remote ? local + remote : remote + local;
    QString grouped;
    grouped.reserve(combined.size() + kGroupsPerSafetyNumber - 1);
    for (int group = 0; group < kGroupsPerSafetyNumber; ++group) {
        if (group > 0)
            grouped += u' ';
        grouped += combined.mid(group * kDigitsPerChunk, kDigitsPerChunk);
    }
    return grouped;
}

} // namespace hearth::crypto
