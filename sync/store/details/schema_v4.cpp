// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 4: signed membership (docs/crypto.md, "Membership chain"). Each conversation's
// validated chain (its id, kind, head and length) and every head it has had, so a message
// that names its sender's view of the chain can be checked against it; the trust of each
// membership event; and a per-conversation alert. Conversations that existed before keep the
// membership this device had accepted, marked legacy: nothing unsigned changes it any more.
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV4 = R"sql(
CREATE TABLE membership_chains (
    conv_id INTEGER PRIMARY KEY REFERENCES conversations(conv_id) ON DELETE CASCADE,
    chain_id BLOB NOT NULL UNIQUE,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),
    head BLOB NOT NULL,
    length INTEGER NOT NULL,
    fetched_seq INTEGER NOT NULL DEFAULT 0
);

-- The chain's own members: what permission checks run on. The members table is what keys are
-- shared with: these, less removals the relay made on its own.
CREATE TABLE membership_chain_members (
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    role INTEGER NOT NULL CHECK (role IN (0, 1, 2)),
    PRIMARY KEY (conv_id, user_id)
) WITHOUT ROWID;

CREATE TABLE membership_heads (
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    head BLOB NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (conv_id, head)
) WITHOUT ROWID;

ALTER TABLE events ADD COLUMN member_trust INTEGER CHECK (member_trust IN (0, 1, 2));
ALTER TABLE conversations ADD COLUMN membership_alert INTEGER NOT NULL DEFAULT 0
    CHECK (membership_alert IN (0, 1, 2));
ALTER TABLE conversations ADD COLUMN membership_alert_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN legacy_membership INTEGER NOT NULL DEFAULT 0
    CHECK (legacy_membership IN (0, 1));
UPDATE conversations SET legacy_membership = 1;
)sql";

} // namespace hearth::store::details
