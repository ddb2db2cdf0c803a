// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: which events count as unread. The terms match the partial index events_unread
// (schema v1), which is what keeps the count an index range scan.

#include <string_view>

namespace hearth::store::details {

//! Unread count of conversation ?1 (needs nothing else bound).
inline constexpr std::string_view kUnreadCountSql =
    "SELECT count(*) FROM events WHERE conv_id = ?1 AND kind = 0 AND rel_type = 0 AND own = 0 "
    "AND deleted = 0 AND seq > coalesce((SELECT seq FROM read_markers WHERE conv_id = ?1), 0)";

//! The same count as a correlated subquery over `conversations` LEFT JOIN `read_markers`,
//! stopping at parameter ?1 (a sidebar shows "999+", and need not count a million).
inline constexpr std::string_view kCappedUnreadSubquery =
    "(SELECT count(*) FROM (SELECT 1 FROM events WHERE events.conv_id = conversations.conv_id "
    "AND kind = 0 AND rel_type = 0 AND own = 0 AND deleted = 0 "
    "AND seq > coalesce(read_markers.seq, 0) LIMIT ?1))";

} // namespace hearth::store::details
