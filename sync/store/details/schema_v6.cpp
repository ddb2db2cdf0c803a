// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 6: references by what their sender signed. Every cmid reference (relation
// target, reply, thread root) names its target's sender in a column of its own, since a
// reaction, reply or moderator's deletion names another member's message. Rows written before
// meant a cmid of the referring event's own sender: the step fills that in, so every stored
// cmid reference reads the same way. Seq references of old rows stay as they are (legacy).
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV6 = R"sql(
ALTER TABLE events ADD COLUMN rel_sender TEXT;
ALTER TABLE events ADD COLUMN reply_sender TEXT;
ALTER TABLE events ADD COLUMN thread_sender TEXT;

UPDATE events SET rel_sender = sender WHERE rel_cmid IS NOT NULL;
UPDATE events SET reply_sender = sender WHERE reply_cmid IS NOT NULL;
UPDATE events SET thread_sender = sender WHERE thread_cmid IS NOT NULL;

CREATE INDEX events_thread_cmid ON events(conv_id, thread_cmid) WHERE thread_cmid IS NOT NULL;
)sql";

} // namespace hearth::store::details
