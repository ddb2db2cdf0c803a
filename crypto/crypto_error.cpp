// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/crypto_error.h"

namespace hearth::crypto {

using namespace Qt::Literals::StringLiterals;

const char *cryptoErrorName(CryptoError error) {
    switch (error) {
    case CryptoError::Malformed:
        return "Malformed";
    case CryptoError::UnsupportedVersion:
        return "UnsupportedVersion";
    case CryptoError::WrongType:
        return "WrongType";
    case CryptoError::InvalidArgument:
        return "InvalidArgument";
    case CryptoError::InvalidKey:
        return "InvalidKey";
    case CryptoError::LowOrderPoint:
        return "LowOrderPoint";
    case CryptoError::BadSignature:
        return "BadSignature";
    case CryptoError::DecryptionFailed:
        return "DecryptionFailed";
    case CryptoError::WrongConversation:
        return "WrongConversation";
    case CryptoError::WrongSender:
        return "WrongSender";
    case CryptoError::WrongRecipient:
        return "WrongRecipient";
    case CryptoError::WrongSession:
        return "WrongSession";
    case CryptoError::Replayed:
        return "Replayed";
    case CryptoError::IndexTooOld:
        return "IndexTooOld";
    case CryptoError::RatchetJumpTooLarge:
        return "RatchetJumpTooLarge";
    case CryptoError::SessionExhausted:
        return "SessionExhausted";
    case CryptoError::StaleDeviceList:
        return "StaleDeviceList";
    case CryptoError::NonCanonical:
        return "NonCanonical";
    case CryptoError::WrongPassphrase:
        return "WrongPassphrase";
    case CryptoError::UnsupportedParameters:
        return "UnsupportedParameters";
    case CryptoError::OutOfMemory:
        return "OutOfMemory";
    case CryptoError::Truncated:
        return "Truncated";
    case CryptoError::TrailingData:
        return "TrailingData";
    case CryptoError::HashMismatch:
        return "HashMismatch";
    case CryptoError::IoError:
        return "IoError";
    case CryptoError::BrokenChain:
        return "BrokenChain";
    case CryptoError::NotPermitted:
        return "NotPermitted";
    }
    return "Unknown";
}

QString cryptoErrorMessage(CryptoError error) {
    switch (error) {
    case CryptoError::Malformed:
        return u"The data is malformed."_s;
    case CryptoError::UnsupportedVersion:
        return u"The data uses a format version this version of Hearth does not support."_s;
    case CryptoError::WrongType:
        return u"The data is of another kind than expected."_s;
    case CryptoError::InvalidArgument:
        return u"An input is out of range."_s;
    case CryptoError::InvalidKey:
        return u"A key has the wrong size or does not belong here."_s;
    case CryptoError::LowOrderPoint:
        return u"The peer's key is weak (low-order) and was refused."_s;
    case CryptoError::BadSignature:
        return u"The signature does not verify: the data was altered or forged."_s;
    case CryptoError::DecryptionFailed:
        return u"The message could not be decrypted with the key held."_s;
    case CryptoError::WrongConversation:
        return u"The message belongs to another conversation."_s;
    case CryptoError::WrongSender:
        return u"The message does not come from the expected sender."_s;
    case CryptoError::WrongRecipient:
        return u"The message is addressed to another device."_s;
    case CryptoError::WrongSession:
        return u"The message belongs to another session."_s;
    case CryptoError::Replayed:
        return u"The message was already received once (replay)."_s;
    case CryptoError::IndexTooOld:
        return u"The message is older than the keys held for its session."_s;
    case CryptoError::RatchetJumpTooLarge:
        return u"The message index is too far ahead and was refused."_s;
    case CryptoError::SessionExhausted:
        return u"The session has used all its message indices and must be replaced."_s;
    case CryptoError::StaleDeviceList:
        return u"The device list is older than the one already known."_s;
    case CryptoError::NonCanonical:
        return u"The device list is not in canonical form."_s;
    case CryptoError::WrongPassphrase:
        return u"The passphrase is wrong, or the backup was altered."_s;
    case CryptoError::UnsupportedParameters:
        return u"The key derivation parameters are out of the accepted range."_s;
    case CryptoError::OutOfMemory:
        return u"Not enough memory to derive the key."_s;
    case CryptoError::Truncated:
        return u"The encrypted file is incomplete."_s;
    case CryptoError::TrailingData:
        return u"The encrypted file has extra data after its end."_s;
    case CryptoError::HashMismatch:
        return u"The encrypted file does not match its hash."_s;
    case CryptoError::IoError:
        return u"Reading or writing the data failed."_s;
    case CryptoError::BrokenChain:
        return u"The membership change does not follow the conversation's history."_s;
    case CryptoError::NotPermitted:
        return u"The membership change is not allowed for the member who made it."_s;
    }
    return u"Unknown error."_s;
}

QDebug operator<<(QDebug debug, CryptoError error) {
    QDebugStateSaver saver(debug);
    debug.nospace() << "CryptoError::" << cryptoErrorName(error);
    return debug;
}

} // namespace hearth::crypto
