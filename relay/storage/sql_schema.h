// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace hearth::relay {

inline constexpr int kRelaySchemaVersion = 3;

//! Brings `db` to `target` (kRelaySchemaVersion unless a test builds an older database): one
//! step and one transaction per version, the version kept in the `meta` table (portable,
//! unlike SQLite's user_version). Returns an error message on failure, with the database left
//! at the last completed version.
[[nodiscard]] std::optional<QString> migrateRelaySchema(QSqlDatabase &db,
                                                        int target = kRelaySchemaVersion);

//! The schema version `db` is at (0 for an empty database).
[[nodiscard]] int relaySchemaVersion(QSqlDatabase &db);

} // namespace hearth::relay
