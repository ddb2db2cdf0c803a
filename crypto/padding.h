// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace hearth::crypto {

//! Smallest padded size: every plaintext up to kMinPaddedLength - 1 bytes pads to exactly this,
//! so edits, reactions, deletions and short messages share one length (docs/crypto.md,
//! "Size padding").
inline constexpr qsizetype kMinPaddedLength = 256;
//! Largest plaintext pad() accepts (the relay's payload limit is far below it).
inline constexpr qsizetype kMaxUnpaddedLength = qsizetype(1) << 28;

//! The padded size of a `length`-byte plaintext: kMinPaddedLength up to it, above it Padmé
//! (Nikitin et al., PETS 2019) of `length + 1` — at most 6.25 % overhead at these sizes,
//! leaking O(log log n) bits of the length. Always greater than `length` (room for the 0x80
//! marker).
[[nodiscard]] qsizetype paddedLength(qsizetype length);

//! `plaintext` || 0x80 || 0x00… up to paddedLength() (ISO/IEC 7816-4 padding, libsodium's
//! sodium_pad). InvalidArgument above kMaxUnpaddedLength.
[[nodiscard]] CryptoResult<QByteArray> pad(QByteArrayView plaintext);
//! The inverse: Malformed unless `padded` ends in 0x80 0x00… and its size is exactly
//! paddedLength() of what precedes the marker (so each plaintext has one padded form).
[[nodiscard]] CryptoResult<QByteArray> unpad(QByteArrayView padded);

} // namespace hearth::crypto
