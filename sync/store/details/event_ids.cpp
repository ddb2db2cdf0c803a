// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/event_ids.h"

#include <algorithm>

namespace hearth::store::details {

namespace {

constexpr qint64 kIdsPerMs = qint64(1) << kEventIdShift;

} // namespace

EventIdRange eventIdsAt(qint64 ts) {
    constexpr qint64 kMaxTs = (qint64(1) << (62 - kEventIdShift)) - 1;
    const qint64 first = std::clamp<qint64>(ts, 0, kMaxTs) << kEventIdShift;
    return {first, first + kIdsPerMs - 1};
}

StoreResult<qint64> allocateEventId(Database &db, qint64 ts) {
    qint64 candidate = eventIdsAt(ts).first;
    for (;;) {
        auto query = db.prepare("SELECT max(id) FROM events WHERE id >= ?1 AND id < ?2");
        query->bindInt(1, candidate).bindInt(2, candidate + kIdsPerMs);
        auto row = query->step();
        if (!row)
            return row.error();
        if (!*row || query->isNull(0))
            return candidate;
        candidate = query->int64(0) + 1;
    }
}

} // namespace hearth::store::details
