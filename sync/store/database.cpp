// SPDX-License-Identifier: GPL-3.0-or-later
#define SQLITE_HAS_CODEC 1 // why: declares sqlite3_key / sqlite3_rekey (SQLCipher)
#include "sync/store/database.h"

#include "sync/store/details/sqlite_failure.h"

#include <QFile>
#include <sqlcipher/sqlite3.h>
#include <utility>

namespace hearth::store {

using details::sqliteFailure;

Query::Query(Statement *cached, bool *inUse)
    : m_statement(cached)
    , m_inUse(inUse) {
    *m_inUse = true;
}

Query::Query(Statement owned)
    : m_owned(std::make_unique<Statement>(std::move(owned)))
    , m_statement(m_owned.get()) {}

Query::Query(Query &&other) noexcept
    : m_owned(std::move(other.m_owned))
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_inUse(std::exchange(other.m_inUse, nullptr)) {}

Query::~Query() {
    if (m_statement && m_inUse) {
        m_statement->reset();
        *m_inUse = false;
    }
}

Database::Database(sqlite3 *db)
    : m_db(db) {}

StoreResult<Database> Database::open(const QString &path, OpenMode mode) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case OpenMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
    Database database(db); // closes db on every path below
    if (rc != SQLITE_OK)
        return sqliteFailure(db, rc);
    sqlite3_extended_result_codes(db, 1);
    return database;
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_cache(std::move(other.m_cache)) {}

Database &Database::operator=(Database &&other) noexcept {
    if (this != &other) {
        clearStatementCache();
        sqlite3_close(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Database::~Database() {
    clearStatementCache();
    // why: close_v2 defers the close until stray statements are gone instead of leaking.
    sqlite3_close_v2(m_db);
}

StoreStatus Database::key(const crypto::SecretBytes &keyLiteral) {
    const int rc = sqlite3_key(m_db, keyLiteral.data(), static_cast<int>(keyLiteral.size()));
    if (rc != SQLITE_OK)
        return sqliteFailure(m_db, rc);
    return {};
}

StoreStatus Database::rekey(const crypto::SecretBytes &keyLiteral) {
    const int rc = sqlite3_rekey(m_db, keyLiteral.data(), static_cast<int>(keyLiteral.size()));
    if (rc != SQLITE_OK)
        return sqliteFailure(m_db, rc);
    return {};
}

StoreStatus Database::exec(const char *sql) {
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteFailure(m_db, rc);
    return {};
}

Statement Database::prepareNew(std::string_view sql) {
    sqlite3_stmt *stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return Statement(sqliteFailure(m_db, rc));
    }
    return Statement(stmt, m_db);
}

Query Database::prepare(std::string_view sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        Statement statement = prepareNew(sql);
        if (!statement.isValid())
            return Query(std::move(statement)); // not cached: the next call retries
        auto entry = std::make_unique<CachedStatement>();
        entry->statement = std::move(statement);
        it = m_cache.emplace(std::string(sql), std::move(entry)).first;
    }
    // why: a statement still being stepped (nested use of the same SQL) must not be reset
    // under its user; the nested user gets its own.
    if (it->second->inUse)
        return Query(prepareNew(sql));
    return Query(&it->second->statement, &it->second->inUse);
}

StoreResult<qint64> Database::scalar(std::string_view sql) {
    Query query = prepare(sql);
    auto row = query->step();
    if (!row)
        return row.error();
    return *row ? query->int64(0) : 0;
}

qint64 Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const {
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const {
    return sqlite3_get_autocommit(m_db) == 0;
}

void Database::clearStatementCache() {
    m_cache.clear();
}

} // namespace hearth::store
