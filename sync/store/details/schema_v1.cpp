// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 1: the tables of every concept the client keeps. README.md explains them.
#include "sync/store/details/schema.h"

namespace hearth::store::details {

// Enumerations are stored as small integers; each CHECK lists the values of the C++ enum
// (types.h) with the same name.
//
// events_fts indexes exactly the rows whose body is not NULL (details/search_index.h keeps it
// so: code, not triggers, because FTS4 flushes its pending terms at every savepoint and an
// INSERT or UPDATE with a trigger runs in one). Only deleting rows (forgetting a conversation)
// goes through a trigger. The doclists stay in FTS4's default ascending order. why not
// order=DESC, which would let newest-first queries stop early on common words: in SQLite 3.15
// it loses entries when a document is deleted and re-added (an edit), and its
// integrity-check misreports.
//
// events_unread carries its filter columns although its WHERE
// implies them: SQLite 3.15 would otherwise read every row back to re-check them, and the unread
// count would not be an index-only scan.
const char *const kSchemaV1 = R"sql(
CREATE TABLE account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id TEXT NOT NULL,
    device_id INTEGER NOT NULL DEFAULT 0,
    relay_url TEXT NOT NULL,
    device_signing_secret BLOB NOT NULL,
    device_dh_secret BLOB NOT NULL,
    account_signing_secret BLOB,
    created_ts INTEGER NOT NULL
);

CREATE TABLE users (
    user_id TEXT PRIMARY KEY NOT NULL,
    display_name TEXT,
    account_key BLOB,
    device_list BLOB,
    device_list_version INTEGER NOT NULL DEFAULT 0,
    updated_ts INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE devices (
    user_id TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    device_id INTEGER NOT NULL,
    signing_key BLOB NOT NULL,
    dh_key BLOB NOT NULL,
    trust INTEGER NOT NULL DEFAULT 0 CHECK (trust IN (0, 1, 2)),
    on_signed_list INTEGER NOT NULL DEFAULT 0 CHECK (on_signed_list IN (0, 1)),
    first_seen_ts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, device_id)
) WITHOUT ROWID;

CREATE TABLE conversations (
    conv_id INTEGER PRIMARY KEY,
    kind INTEGER CHECK (kind IN (0, 1, 2)),
    title TEXT NOT NULL DEFAULT '',
    own_role INTEGER CHECK (own_role IN (0, 1, 2)),
    joined_seq INTEGER NOT NULL DEFAULT 0,
    left_seq INTEGER,
    notify_level INTEGER NOT NULL DEFAULT 0 CHECK (notify_level IN (0, 1, 2)),
    muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
    last_activity_ts INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE members (
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    role INTEGER NOT NULL CHECK (role IN (0, 1, 2)),
    joined_seq INTEGER NOT NULL DEFAULT 0,
    left_seq INTEGER,
    changed_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conv_id, user_id)
) WITHOUT ROWID;

CREATE TABLE sync_cursors (
    conv_id INTEGER PRIMARY KEY REFERENCES conversations(conv_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    sender TEXT NOT NULL,
    sender_device INTEGER NOT NULL,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
    cmid BLOB,
    own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),
    decryption INTEGER NOT NULL DEFAULT 0 CHECK (decryption IN (0, 1, 2)),
    ciphertext BLOB,
    session_id BLOB,
    content_type TEXT,
    body TEXT,
    original_body TEXT,
    payload BLOB,
    rel_type INTEGER NOT NULL DEFAULT 0 CHECK (rel_type BETWEEN 0 AND 4),
    rel_seq INTEGER,
    rel_cmid BLOB,
    rel_text TEXT,
    rel_moderator INTEGER NOT NULL DEFAULT 0 CHECK (rel_moderator IN (0, 1)),
    reply_seq INTEGER,
    reply_cmid BLOB,
    thread_seq INTEGER,
    thread_cmid BLOB,
    edited_ts INTEGER,
    edit_seq INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    member_action INTEGER CHECK (member_action BETWEEN 0 AND 4),
    member_user TEXT,
    member_role INTEGER CHECK (member_role IN (0, 1, 2)),
    UNIQUE (conv_id, seq)
);
CREATE UNIQUE INDEX events_cmid ON events(conv_id, cmid, sender) WHERE cmid IS NOT NULL;
CREATE INDEX events_unread ON events(conv_id, seq, kind, rel_type, own, deleted)
    WHERE kind = 0 AND rel_type = 0 AND own = 0 AND deleted = 0;
CREATE INDEX events_rel_seq ON events(conv_id, rel_seq) WHERE rel_seq IS NOT NULL;
CREATE INDEX events_rel_cmid ON events(conv_id, rel_cmid) WHERE rel_cmid IS NOT NULL;
CREATE INDEX events_pending ON events(session_id) WHERE decryption = 1;

CREATE VIRTUAL TABLE events_fts USING fts4(content="events", body,
    tokenize=unicode61 "remove_diacritics=1");
CREATE TRIGGER events_fts_delete BEFORE DELETE ON events WHEN old.body IS NOT NULL BEGIN
    DELETE FROM events_fts WHERE docid = old.id;
END;

CREATE TABLE reactions (
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    target_seq INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    emoji TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    PRIMARY KEY (conv_id, target_seq, user_id, emoji)
) WITHOUT ROWID;

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    cmid BLOB NOT NULL UNIQUE,
    payload BLOB NOT NULL,
    ciphertext BLOB,
    created_ts INTEGER NOT NULL,
    state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2, 3)),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    seq INTEGER,
    sent_ts INTEGER
);
CREATE INDEX outbox_open ON outbox(state, id) WHERE state <> 2;

CREATE TABLE read_markers (
    conv_id INTEGER PRIMARY KEY REFERENCES conversations(conv_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL DEFAULT 0,
    ts INTEGER NOT NULL DEFAULT 0,
    published_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE receipts (
    conv_id INTEGER NOT NULL REFERENCES conversations(conv_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    PRIMARY KEY (conv_id, user_id)
) WITHOUT ROWID;

CREATE TABLE outbound_sessions (
    conv_id INTEGER PRIMARY KEY,
    session_id BLOB NOT NULL,
    state BLOB NOT NULL,
    created_ts INTEGER NOT NULL,
    message_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE inbound_sessions (
    conv_id INTEGER NOT NULL,
    sender_user TEXT NOT NULL,
    sender_device INTEGER NOT NULL,
    session_id BLOB NOT NULL,
    state BLOB NOT NULL,
    first_index INTEGER NOT NULL DEFAULT 0,
    received_ts INTEGER NOT NULL,
    PRIMARY KEY (conv_id, sender_device, session_id)
) WITHOUT ROWID;

CREATE TABLE to_device_in (
    qid INTEGER PRIMARY KEY,
    from_user TEXT NOT NULL,
    from_device INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    body BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE to_device_out (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    device_id INTEGER NOT NULL,
    body BLOB NOT NULL,
    created_ts INTEGER NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value BLOB
) WITHOUT ROWID;
)sql";

} // namespace hearth::store::details
