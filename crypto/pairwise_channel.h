// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/ids.h"
#include "crypto/public_keys.h"
#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace hearth::crypto {

class DhKeyPair;
class ReplayGuard;
class SigningKeyPair;

//! Fixed bytes of a pairwise envelope besides the two user names and the plaintext.
inline constexpr qsizetype kPairwiseOverhead = 2 + 2 + 8 + 2 + 8 + 16 + 8 + 32 + 24 + 16 + 64;

//! The clear-text header of a pairwise message. Unauthenticated until openPairwise succeeds.
struct PairwiseHeader final {
    DeviceAddress sender;
    DeviceAddress recipient;
    MessageId messageId;
    qint64 timestampMs = 0; //!< sender's clock, milliseconds since the Unix epoch
};

//! An opened pairwise message. The plaintext usually holds key material, so it stays secret.
struct PairwiseMessage final {
    PairwiseHeader header;
    SecretBytes plaintext;
};

//! Encrypts `plaintext` to one device: a fresh X25519 ephemeral key per message (forward
//! secrecy with respect to the sender's long-term keys), key = keyed BLAKE2b-256 over the
//! transcript, XChaCha20-Poly1305-IETF whose associated data binds sender, recipient, message id
//! and timestamp, and an Ed25519 signature by the sender's device key over the whole envelope.
//! InvalidArgument for an invalid address or a negative timestamp; LowOrderPoint when
//! `recipientKey` is a low-order point. Layout: docs/crypto.md.
[[nodiscard]] CryptoResult<QByteArray> sealPairwise(const DeviceAddress &sender,
                                                    const SigningKeyPair &senderKey,
                                                    const DeviceAddress &recipient,
                                                    const DhPublicKey &recipientKey,
                                                    QByteArrayView plaintext, qint64 timestampMs);

//! Parses the header without authenticating anything: use it only to look up the sender's keys
//! (from its verified device list) before calling openPairwise.
[[nodiscard]] CryptoResult<PairwiseHeader> peekPairwiseHeader(QByteArrayView envelope);

//! Opens a pairwise message sent to `self`. Checks, in order: layout (Malformed,
//! UnsupportedVersion, WrongType), the sender named in it is `sender` (WrongSender), it is
//! addressed to `self` (WrongRecipient: a re-targeted message), the signature by `senderKey`
//! (BadSignature), the ephemeral key (LowOrderPoint), the AEAD (DecryptionFailed), and last
//! `guard` (Replayed). Nothing is remembered unless all checks pass.
[[nodiscard]] CryptoResult<PairwiseMessage>
openPairwise(QByteArrayView envelope, const DeviceAddress &self, const DhKeyPair &selfKey,
             const DeviceAddress &sender, const SigningPublicKey &senderKey, ReplayGuard &guard);

} // namespace hearth::crypto
