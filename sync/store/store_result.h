// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sync/store/store_error.h"

namespace hearth::store {

//! A value or the StoreFailure explaining why there is none (see hearth::Result).
template <class T> using StoreResult = Result<T, StoreFailure>;
using StoreStatus = StoreResult<void>;

} // namespace hearth::store
