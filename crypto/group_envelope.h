// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/ids.h"
#include "crypto/public_keys.h"

#include <QByteArray>
#include <QByteArrayView>

namespace hearth::crypto {

//! Bytes a group envelope adds to its plaintext.
inline constexpr qsizetype kGroupEnvelopeOverhead = 2 + 16 + 4 + 24 + 16 + 64;

//! The clear-text part of a group envelope: enough to find the inbound session.
struct GroupEnvelopeHeader final {
    SessionId sessionId;
    quint32 index = 0;
};

//! A group envelope split into its fields (views into the parsed bytes).
//!
//! Layout (docs/crypto.md), what the relay stores as an event body:
//!   0   1   version 0x01
//!   1   1   type 0x01 (group message)
//!   2   16  session id
//!   18  4   message index, u32 BE
//!   22  24  XChaCha20-Poly1305-IETF nonce
//!   46  n+16 ciphertext with its tag
//!   end-64 64 Ed25519 signature by the sending device
struct GroupEnvelope final {
    GroupEnvelopeHeader header;
    QByteArrayView nonce;
    QByteArrayView ciphertext;
    QByteArrayView signedPart; //!< everything before the signature
    QByteArrayView signature;
};

//! Splits `envelope` (which must outlive the result): Malformed when shorter than
//! kGroupEnvelopeOverhead, UnsupportedVersion, WrongType.
[[nodiscard]] CryptoResult<GroupEnvelope> parseGroupEnvelope(QByteArrayView envelope);

//! The header only, to pick the inbound session.
[[nodiscard]] CryptoResult<GroupEnvelopeHeader> peekGroupEnvelope(QByteArrayView envelope);

//! AEAD associated data: "hearth-group-msg-v1" 0x00 || u64 BE conversation || u16 BE len ||
//! sender user || u64 BE sender device || session id || u32 BE index.
[[nodiscard]] QByteArray groupAssociatedData(ConversationId conversation,
                                             const DeviceAddress &sender,
                                             const SessionId &sessionId, quint32 index);

//! What the sender signs: "hearth-group-sig-v1" 0x00 || u64 BE conversation || u16 BE len ||
//! sender user || u64 BE sender device || the envelope up to its signature.
[[nodiscard]] QByteArray groupSignatureInput(ConversationId conversation,
                                             const DeviceAddress &sender,
                                             QByteArrayView signedPart);

} // namespace hearth::crypto
