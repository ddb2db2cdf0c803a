// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/engine_error.h"

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

EngineError relayError(const protocol::ProtocolError &error) {
    if (error.code == protocol::ErrorCode::Unavailable)
        return EngineError{EngineErrorCode::NotOnline, error.message, error.code};
    return EngineError{EngineErrorCode::Relay,
                       QString(protocol::errorCodeName(error.code)) + u": "_s + error.message,
                       error.code};
}

EngineError storeError(const store::StoreFailure &failure) {
    return EngineError{EngineErrorCode::Store, failure.message, std::nullopt};
}

EngineError cryptoError(crypto::CryptoError error) {
    return EngineError{EngineErrorCode::Crypto, crypto::cryptoErrorMessage(error), std::nullopt};
}

EngineError engineError(EngineErrorCode code, const QString &message) {
    return EngineError{code, message, std::nullopt};
}

} // namespace hearth::engine
