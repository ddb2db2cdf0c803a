// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/envelope_type.h"

namespace hearth::crypto {

CryptoResult<EnvelopeType> peekEnvelopeType(QByteArrayView bytes) {
    if (bytes.size() < 2)
        return CryptoError::Malformed;
    if (static_cast<quint8>(bytes[0]) != kEnvelopeVersion)
        return CryptoError::UnsupportedVersion;
    const auto type = static_cast<EnvelopeType>(static_cast<quint8>(bytes[1]));
    switch (type) {
    case EnvelopeType::GroupMessage:
    case EnvelopeType::Pairwise:
    case EnvelopeType::SessionKey:
    case EnvelopeType::KeyBackup:
    case EnvelopeType::AccountGrant:
    case EnvelopeType::OutboundState:
    case EnvelopeType::InboundState:
        return type;
    }
    return CryptoError::WrongType;
}

} // namespace hearth::crypto
