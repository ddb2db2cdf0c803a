// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/types.h"

#include <QString>
#include <optional>

namespace hearth::engine {

//! A conversation's notification level as the app and exports spell it: "all", "mentions",
//! "none".
[[nodiscard]] QString notificationLevelName(store::NotificationLevel level);
//! The level `name` spells, if any.
[[nodiscard]] std::optional<store::NotificationLevel> notificationLevelFrom(const QString &name);

} // namespace hearth::engine
