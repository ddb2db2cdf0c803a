// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_error.h"
#include "sync/engine/engine_types.h"
#include "sync/protocol/result.h"
#include "sync/store/store_error.h"

namespace hearth::engine {

//! Conversions of the lower layers' errors into EngineError.
[[nodiscard]] EngineError relayError(const protocol::ProtocolError &error);
[[nodiscard]] EngineError storeError(const store::StoreFailure &failure);
[[nodiscard]] EngineError cryptoError(crypto::CryptoError error);
[[nodiscard]] EngineError engineError(EngineErrorCode code, const QString &message);

} // namespace hearth::engine
