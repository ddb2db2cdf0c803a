// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"

#include <QByteArrayView>

namespace hearth::crypto {

//! The format version every envelope of this build writes first (byte 0).
inline constexpr quint8 kEnvelopeVersion = 1;

//! Byte 1 of every serialized object of this module, so one kind can never be parsed as another.
enum class EnvelopeType : quint8 {
    GroupMessage = 0x01,  //!< a group message: the event body the relay stores
    Pairwise = 0x02,      //!< a pairwise (to-device) message
    SessionKey = 0x03,    //!< a group session key, carried inside a pairwise message
    KeyBackup = 0x04,     //!< a passphrase-encrypted export of inbound sessions
    AccountGrant = 0x05,  //!< the account key for an approved device (device_approval.h)
    OutboundState = 0x10, //!< an outbound session's state, for the local store
    InboundState = 0x11,  //!< an inbound session's state, for the local store
};

//! The type of `bytes` after checking the version byte: Malformed if shorter than two bytes,
//! UnsupportedVersion for another version, WrongType for an unknown type byte.
[[nodiscard]] CryptoResult<EnvelopeType> peekEnvelopeType(QByteArrayView bytes);

} // namespace hearth::crypto
