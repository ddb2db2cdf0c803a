// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDebug>
#include <QString>

namespace hearth::crypto {

//! Every expected failure of this module. Values are stable: callers may log the name (it holds
//! no user data) and branch on the value.
enum class CryptoError {
    Malformed,             //!< bytes do not follow the documented layout (size, field, trailer)
    UnsupportedVersion,    //!< a format version this build does not understand
    WrongType,             //!< a valid envelope of another type (e.g. pairwise given as group)
    InvalidArgument,       //!< an input out of range (empty id, over-long user name, bad size)
    InvalidKey,            //!< a key of the wrong size, or not the key this object belongs to
    LowOrderPoint,         //!< X25519 gave the all-zero secret: the peer key is low-order
    BadSignature,          //!< the Ed25519 signature does not verify: tampered or forged
    DecryptionFailed,      //!< the AEAD tag does not verify under the key we hold
    WrongConversation,     //!< the message or session belongs to another conversation
    WrongSender,           //!< the message or key claims another sender than expected
    WrongRecipient,        //!< a pairwise message addressed to another device (re-targeted)
    WrongSession,          //!< the envelope names another group session
    Replayed,              //!< a pairwise message id already seen
    IndexTooOld,           //!< a message index before the earliest one we hold (forward secrecy)
    RatchetJumpTooLarge,   //!< more than kMaxRatchetJump indices ahead: refused, not computed
    SessionExhausted,      //!< the 32-bit message index would overflow: rotate the session
    StaleDeviceList,       //!< a device list older than the one already accepted (rollback)
    NonCanonical,          //!< a device list whose devices are unsorted or duplicated
    WrongPassphrase,       //!< the passphrase does not open the backup (or it was altered)
    UnsupportedParameters, //!< Argon2id parameters outside the accepted bounds
    OutOfMemory,           //!< Argon2id could not get its memory
    Truncated,             //!< an attachment stream ended before its final chunk
    TrailingData,          //!< bytes after an attachment stream's final chunk
    HashMismatch,          //!< the attachment ciphertext does not match its BLAKE2b hash
    IoError,               //!< reading from or writing to a QIODevice failed
    BrokenChain,  //!< a membership change that does not follow its chain's head (or another chain)
    NotPermitted, //!< a membership change the permissions matrix does not allow its actor
};

//! Stable identifier for logs and test output, e.g. "BadSignature".
[[nodiscard]] const char *cryptoErrorName(CryptoError error);

//! A sentence a person can read ("The message signature does not verify."). Never names users,
//! keys or content.
[[nodiscard]] QString cryptoErrorMessage(CryptoError error);

QDebug operator<<(QDebug debug, CryptoError error);

} // namespace hearth::crypto
