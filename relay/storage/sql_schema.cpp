// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/storage/sql_schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <array>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;

namespace {

// why: types and statements stay within what SQLite and PostgreSQL both accept, apart from
// the auto-increment keys, which a PostgreSQL backend spells BIGSERIAL.
const QStringList kVersion1 = {
    u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
    u"CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " password_hash TEXT NOT NULL, account_key BLOB, created_ms INTEGER NOT NULL)"_s,
    u"CREATE TABLE device_lists (account_id INTEGER PRIMARY KEY REFERENCES accounts(id),"
    " list BLOB NOT NULL, sig BLOB NOT NULL, updated_ms INTEGER NOT NULL)"_s,
    u"CREATE TABLE invites (code TEXT PRIMARY KEY, created_ms INTEGER NOT NULL,"
    " used_by INTEGER REFERENCES accounts(id))"_s,
    u"CREATE TABLE devices (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL"
    " REFERENCES accounts(id), sign_key BLOB NOT NULL, dh_key BLOB NOT NULL,"
    " name TEXT NOT NULL, created_ms INTEGER NOT NULL, revoked_ms INTEGER)"_s,
    u"CREATE INDEX devices_by_account ON devices(account_id)"_s,
    u"CREATE TABLE conversations (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
    " title TEXT NOT NULL, dm_key TEXT UNIQUE, created_ms INTEGER NOT NULL)"_s,
    u"CREATE TABLE members (conv_id INTEGER NOT NULL REFERENCES conversations(id),"
    " account_id INTEGER NOT NULL REFERENCES accounts(id), role TEXT NOT NULL,"
    " joined_seq INTEGER NOT NULL, left_seq INTEGER,"
    " PRIMARY KEY (conv_id, account_id, joined_seq))"_s,
    u"CREATE INDEX members_by_account ON members(account_id)"_s,
    // One row per membership window; at most one open window per member.
    u"CREATE UNIQUE INDEX members_current ON members(conv_id, account_id) WHERE left_seq IS NULL"_s,
    u"CREATE TABLE events (conv_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " ts_ms INTEGER NOT NULL, sender_id INTEGER NOT NULL, device_id INTEGER NOT NULL,"
    " kind TEXT NOT NULL, cmid BLOB, body BLOB NOT NULL, PRIMARY KEY (conv_id, seq))"_s,
    // NULL cmids (membership events) never collide: both backends treat NULLs as distinct.
    u"CREATE UNIQUE INDEX events_by_cmid ON events(conv_id, sender_id, cmid)"_s,
    // AUTOINCREMENT: a queue id is never reused, so clients may de-duplicate by it.
    u"CREATE TABLE to_device (qid INTEGER PRIMARY KEY AUTOINCREMENT,"
    " target_device INTEGER NOT NULL, from_account INTEGER NOT NULL,"
    " from_device INTEGER NOT NULL, ts_ms INTEGER NOT NULL, body BLOB NOT NULL)"_s,
    u"CREATE INDEX to_device_by_target ON to_device(target_device, qid)"_s,
    // read_seq: merged over the account's devices; receipt_seq: what other members may see.
    u"CREATE TABLE read_markers (conv_id INTEGER NOT NULL, account_id INTEGER NOT NULL,"
    " read_seq INTEGER NOT NULL, receipt_seq INTEGER NOT NULL,"
    " PRIMARY KEY (conv_id, account_id))"_s,
};

// Version 2: who may add the account to conversations (docs/protocol.md, set_privacy).
const QStringList kVersion2 = {
    u"ALTER TABLE accounts ADD COLUMN message_policy TEXT NOT NULL DEFAULT 'everyone'"_s,
};

// Version 3: signed membership changes (docs/protocol.md 3.7, 3.9). An event keeps the change
// its author signed; a conversation its chain's id and head. Conversations made before have
// NULL chain columns ("legacy") and refuse membership changes.
const QStringList kVersion3 = {
    u"ALTER TABLE events ADD COLUMN op BLOB"_s,
    u"ALTER TABLE conversations ADD COLUMN chain_id BLOB"_s,
    u"ALTER TABLE conversations ADD COLUMN chain_head BLOB"_s,
    u"CREATE UNIQUE INDEX conversations_by_chain ON conversations(chain_id)"
    " WHERE chain_id IS NOT NULL"_s,
};

std::optional<QString> runStep(QSqlDatabase &db, int version, const QStringList &statements) {
    if (!db.transaction())
        return db.lastError().text();
    QSqlQuery query(db);
    for (const QString &sql : statements) {
        if (!query.exec(sql)) {
            const QString error = query.lastError().text();
            db.rollback();
            return u"migration to version %1 failed: %2"_s.arg(version).arg(error);
        }
    }
    query.prepare(u"INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(QString::number(version));
    if (!query.exec() || !db.commit()) {
        const QString error = query.lastError().text();
        db.rollback();
        return u"recording schema version %1 failed: %2"_s.arg(version).arg(error);
    }
    return std::nullopt;
}

} // namespace

int relaySchemaVersion(QSqlDatabase &db) {
    if (!db.tables().contains(u"meta"_s))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

std::optional<QString> migrateRelaySchema(QSqlDatabase &db, int target) {
    const int current = relaySchemaVersion(db);
    if (current > kRelaySchemaVersion)
        return u"the database has schema version %1; this relay understands up to %2"_s.arg(current)
            .arg(kRelaySchemaVersion);
    const std::array steps = {&kVersion1, &kVersion2, &kVersion3};
    static_assert(steps.size() == kRelaySchemaVersion);
    for (int version = current + 1; version <= qMin(target, kRelaySchemaVersion); ++version)
        if (auto error = runStep(db, version, *steps[version - 1]))
            return error;
    return std::nullopt;
}

} // namespace hearth::relay
