// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: SQLite result codes as StoreFailures.

#include "sync/store/store_error.h"

struct sqlite3;

namespace hearth::store::details {

//! The StoreError for a SQLite (extended) result code.
[[nodiscard]] StoreError storeErrorForSqlite(int resultCode);

//! A failure for `resultCode`, with SQLite's own message for `db` (when given) as detail. SQLite's
//! messages name tables and columns, never bound values, so they hold no user data.
[[nodiscard]] StoreFailure sqliteFailure(sqlite3 *db, int resultCode);

} // namespace hearth::store::details
