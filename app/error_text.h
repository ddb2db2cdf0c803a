// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_types.h"
#include "sync/store/store_error.h"

#include <QString>

namespace hearth::app {

//! What a member reads when an engine operation fails: plain words, no codes. The engine's own
//! sentence is kept for the cases these don't cover.
[[nodiscard]] QString errorText(const engine::EngineError &error);

//! What a member reads when opening or creating their local profile fails.
[[nodiscard]] QString errorText(const store::StoreFailure &failure);

} // namespace hearth::app
