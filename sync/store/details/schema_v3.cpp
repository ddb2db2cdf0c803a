// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 3: replay guards. The (sender device, session, message index) of every group
// message stored, so a ciphertext a relay replays under a new seq and cmid is shown once; and
// the pairwise (to-device) messages accepted, so a restart does not reopen their replays.
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV3 = R"sql(
CREATE TABLE group_message_indices (
    conv_id INTEGER NOT NULL,
    sender_device INTEGER NOT NULL,
    session_id BLOB NOT NULL,
    msg_index INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (conv_id, sender_device, session_id, msg_index)
) WITHOUT ROWID;

CREATE TABLE pairwise_seen (
    sender_user TEXT NOT NULL,
    sender_device INTEGER NOT NULL,
    message_id BLOB NOT NULL,
    sent_ts INTEGER NOT NULL,
    PRIMARY KEY (sender_user, sender_device, message_id)
) WITHOUT ROWID;
)sql";

} // namespace hearth::store::details
