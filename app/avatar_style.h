// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

namespace hearth::app {

//! Initials ("AL" for "alice", "GC" for "Garden club") shown until avatars have images.
[[nodiscard]] QString initialsOf(const QString &name);

//! A stable colour for `name`, from a palette that keeps white initials readable in both
//! themes.
[[nodiscard]] QColor avatarColorOf(const QString &name);

} // namespace hearth::app
