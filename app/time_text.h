// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace hearth::app {

//! "10:42" today, "yesterday 10:42", "Monday 10:42" this week, else "3 March" / "3 March 2025".
[[nodiscard]] QString relativeTimeText(const QDateTime &when, const QDateTime &now);

//! A day separator: "Today", "Yesterday", "Monday 3 March", "3 March 2025".
[[nodiscard]] QString dayText(const QDate &day, const QDate &today);

} // namespace hearth::app
