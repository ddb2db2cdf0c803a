// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: a profile is for its owner only. The files are encrypted (or a salt), but their
// sizes and times say how much and when someone writes, and other users have no business there.

#include "sync/store/store_result.h"

#include <QString>

namespace hearth::store::details {

//! Makes `directory` 0700 and every file directly in it 0600 (an older, laxer profile is
//! tightened). Io when a mode cannot be set.
[[nodiscard]] StoreStatus restrictToOwner(const QString &directory);
//! Creates an empty file at `path` with mode 0600 (for SQLite to fill: its -wal and -shm files
//! take the database file's mode), unless one is there.
[[nodiscard]] StoreStatus createOwnerOnlyFile(const QString &path);

} // namespace hearth::store::details
