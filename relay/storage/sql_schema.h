// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace hearth::relay {

inline constexpr int kRelaySchemaVersion = 1;

//! Brings `db` to kRelaySchemaVersion: one function and one transaction per step, the version
//! kept in the `meta` table (portable, unlike SQLite's user_version). Returns an error message
//! on failure, with the database left at the last completed version.
[[nodiscard]] std::optional<QString> migrateRelaySchema(QSqlDatabase &db);

//! The schema version `db` is at (0 for an empty database).
[[nodiscard]] int relaySchemaVersion(QSqlDatabase &db);

} // namespace hearth::relay
