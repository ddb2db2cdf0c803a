// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: sealing and opening one group envelope with a given message key. The sessions
// (outbound_group_session.h, inbound_group_session.h) are the API; tests use these for
// known-answer vectors.

#include "crypto/group_envelope.h"

namespace hearth::crypto {
class SigningKeyPair;
}

namespace hearth::crypto::details {

//! Builds an envelope with `messageKey` (kMessageKeySize bytes) and a random nonce.
[[nodiscard]] QByteArray sealGroupEnvelope(ConversationId conversation, const DeviceAddress &sender,
                                           const SigningKeyPair &senderKey,
                                           const SessionId &sessionId, quint32 index,
                                           const unsigned char *messageKey,
                                           QByteArrayView plaintext);

//! Checks the signature of a parsed envelope by `senderKey` (BadSignature).
[[nodiscard]] CryptoStatus verifyGroupEnvelope(const GroupEnvelope &envelope,
                                               ConversationId conversation,
                                               const DeviceAddress &sender,
                                               const SigningPublicKey &senderKey);

//! Decrypts a parsed, verified envelope with `messageKey` (DecryptionFailed).
[[nodiscard]] CryptoResult<QByteArray> decryptGroupEnvelope(const GroupEnvelope &envelope,
                                                            ConversationId conversation,
                                                            const DeviceAddress &sender,
                                                            const unsigned char *messageKey);

} // namespace hearth::crypto::details
