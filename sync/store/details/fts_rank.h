// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: relevance ranking for FTS4, which (unlike FTS5) has no built-in rank.

#include "sync/store/database.h"

namespace hearth::store::details {

//! Registers hearth_rank(matchinfo(events_fts, 'pcnalx')) on `db`: Okapi BM25 (k1 = 1.2,
//! b = 0.75) over the matched phrases; higher is more relevant.
[[nodiscard]] StoreStatus registerRankFunction(Database &db);

} // namespace hearth::store::details
