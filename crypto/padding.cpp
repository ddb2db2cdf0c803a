// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/padding.h"

#include <bit>
#include <sodium.h>

namespace hearth::crypto {

qsizetype paddedLength(qsizetype length) {
    const auto marked = static_cast<quint64>(length) + 1; // the 0x80 marker
    if (marked <= static_cast<quint64>(kMinPaddedLength))
        return kMinPaddedLength;
    // Padmé: keep the top floor(log2 E) + 1 bits of the length, E = floor(log2 L); round up.
    const int exponent = std::bit_width(marked) - 1;
    const int keptBits = std::bit_width(static_cast<quint64>(exponent));
    const quint64 mask = (quint64(1) << (exponent - keptBits)) - 1;
    return static_cast<qsizetype>((marked + mask) & ~mask);
}

CryptoResult<QByteArray> pad(QByteArrayView plaintext) {
    if (plaintext.size() > kMaxUnpaddedLength)
        return CryptoError::InvalidArgument;
    const qsizetype total = paddedLength(plaintext.size());
    QByteArray padded(total, '\0');
    std::copy(plaintext.begin(), plaintext.end(), padded.begin());
    size_t paddedSize = 0;
    // why: one block of the whole padded size, so sodium_pad writes 0x80 0x00… up to `total`.
    if (sodium_pad(&paddedSize, reinterpret_cast<unsigned char *>(padded.data()),
                   static_cast<size_t>(plaintext.size()), static_cast<size_t>(total),
                   static_cast<size_t>(total)) != 0 ||
        paddedSize != static_cast<size_t>(total))
        return CryptoError::InvalidArgument;
    return padded;
}

CryptoResult<QByteArray> unpad(QByteArrayView padded) {
    if (padded.size() < kMinPaddedLength || padded.size() > paddedLength(kMaxUnpaddedLength))
        return CryptoError::Malformed;
    size_t length = 0;
    if (sodium_unpad(&length, reinterpret_cast<const unsigned char *>(padded.data()),
                     static_cast<size_t>(padded.size()), static_cast<size_t>(padded.size())) != 0)
        return CryptoError::Malformed;
    // why: one padded form per plaintext; a longer run of zeros than the bucket needs is refused.
    if (paddedLength(static_cast<qsizetype>(length)) != padded.size())
        return CryptoError::Malformed;
    return padded.first(static_cast<qsizetype>(length)).toByteArray();
}

} // namespace hearth::crypto
