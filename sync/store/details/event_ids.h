// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: local event row ids, which are also the full-text index's docids.

#include "sync/store/database.h"

namespace hearth::store::details {

//! Row ids are (relay ts in ms) << 12, plus a counter for events stored in the same
//! millisecond: time-ordered, so a newest-first search walks docids downwards instead of
//! sorting its hits, and a date filter is a docid range. Catch-up may store old events late;
//! they still sort by their time.
//!
//! why not ids running backwards in time (FTS4 reads a doclist incrementally only upwards, so
//! that would make newest-first searches of very common words stop early): live messages
//! would then always go in at the far left of the table's B-tree, which leaves its pages half
//! full — about 40% more file for every message (measured; docs/benchmarks.md).
inline constexpr int kEventIdShift = 12;

//! The ids events at one relay time may have, both ends included.
struct EventIdRange final {
    qint64 first = 0;
    qint64 last = 0;
};

//! The ids of events with relay time `ts` (clamped to the representable range).
[[nodiscard]] EventIdRange eventIdsAt(qint64 ts);

//! A free row id for an event at `ts`: within eventIdsAt(ts) unless thousands of events share
//! that millisecond, then just above it.
[[nodiscard]] StoreResult<qint64> allocateEventId(Database &db, qint64 ts);

} // namespace hearth::store::details
