// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 7 (assigned v6 for issue 9; the lead renumbers at merge): device-list history.
// Each user's list timestamp and a "devices changed since the member last looked" flag; the
// conflicting lists a relay served under an accepted version (equivocation), kept as evidence
// so the warning survives a restart; and the message index each device was given an outbound
// session at, so a key request is answered from there. Shares recorded before this version get
// the session's current index when it is still the outbound one (an upper bound of what the
// device was given), else none: such a request is refused.
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV7 = R"sql(
ALTER TABLE users ADD COLUMN device_list_ts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN devices_changed INTEGER NOT NULL DEFAULT 0
    CHECK (devices_changed IN (0, 1));

CREATE TABLE device_list_conflicts (
    user_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    list BLOB NOT NULL,
    sig BLOB NOT NULL,
    detected_ts INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
    PRIMARY KEY (user_id, version)
) WITHOUT ROWID;

ALTER TABLE outbound_session_shares ADD COLUMN shared_index INTEGER;
UPDATE outbound_session_shares SET shared_index = (
    SELECT o.message_count FROM outbound_sessions o
    WHERE o.conv_id = outbound_session_shares.conv_id
      AND o.session_id = outbound_session_shares.session_id);
)sql";

} // namespace hearth::store::details
