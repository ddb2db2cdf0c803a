// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: opening, keying and configuring one connection to a profile database.

#include "crypto/store_key.h"
#include "sync/store/database.h"

#include <QString>

namespace hearth::store::details {

//! Opens `path`, keys it, proves the key by reading sqlite_master and applies the per-connection
//! settings (temp_store = MEMORY, foreign keys, busy timeout, synchronous = NORMAL, the search
//! rank function; query_only when `queryOnly`). A key that does not decrypt the first page gives
//! WrongPassphrase; no statement has written anything by then.
[[nodiscard]] StoreResult<Database> openConnection(const QString &path, OpenMode mode,
                                                   const crypto::StoreKey &key, int pageSize,
                                                   bool queryOnly);

//! The per-connection settings alone (for an unencrypted comparison database in benchmarks).
[[nodiscard]] StoreStatus configureConnection(Database &db, bool queryOnly);

} // namespace hearth::store::details
