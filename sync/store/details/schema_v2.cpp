// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 2: which devices hold each outbound session (so a new member device gets the
// current session), an index for thread views, and per-conversation drafts.
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV2 = R"sql(
CREATE TABLE outbound_session_shares (
    conv_id INTEGER NOT NULL,
    session_id BLOB NOT NULL,
    user_id TEXT NOT NULL,
    device_id INTEGER NOT NULL,
    shared_ts INTEGER NOT NULL,
    PRIMARY KEY (conv_id, session_id, user_id, device_id)
) WITHOUT ROWID;

CREATE INDEX events_thread ON events(conv_id, thread_seq) WHERE thread_seq IS NOT NULL;

ALTER TABLE conversations ADD COLUMN draft TEXT;
)sql";

} // namespace hearth::store::details
