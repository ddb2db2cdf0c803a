// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "crypto/crypto_error.h"

namespace hearth::crypto {

//! A value or the CryptoError explaining why there is none (see hearth::Result).
template <class T> using CryptoResult = Result<T, CryptoError>;
using CryptoStatus = CryptoResult<void>;

} // namespace hearth::crypto
