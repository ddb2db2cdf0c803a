// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"
#include "sync/store/statement.h"
#include "sync/store/store_result.h"

#include <QString>
#include <map>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace hearth::store {

//! How Database::open treats the file.
enum class OpenMode {
    ReadWrite, //!< an existing file, for reading and writing
    ReadOnly,  //!< an existing file, read-only (SQLITE_OPEN_READONLY)
    Create,    //!< read-write, created when missing
};

class Database;

//! A statement borrowed from a Database's cache (or prepared afresh when the cached one is busy).
//! On destruction it is reset and its bindings cleared, ready for the next user. Use it like a
//! pointer: `query->bindInt(1, x).run()`.
class Query final {
public:
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;
    Query(Query &&other) noexcept;
    Query &operator=(Query &&) = delete;
    ~Query();

    Statement *operator->() { return m_statement; }
    Statement &operator*() { return *m_statement; }

private:
    friend class Database;
    Query(Statement *cached, bool *inUse);
    explicit Query(Statement owned);

    std::unique_ptr<Statement> m_owned;
    Statement *m_statement = nullptr;
    bool *m_inUse = nullptr;
};

//! One SQLCipher connection (RAII: closed on destruction) with a cache of prepared statements.
//! A connection is used by one thread at a time (opened with SQLITE_OPEN_NOMUTEX); it may be
//! handed to another thread between uses. Knows nothing of Hearth's schema.
class Database final {
public:
    [[nodiscard]] static StoreResult<Database> open(const QString &path, OpenMode mode);

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    ~Database();

    //! Gives SQLCipher the key, e.g. StoreKey::sqlcipherKeyLiteral() (raw key: no KDF). Must come
    //! before any statement. SQLCipher checks it lazily: the first read tells.
    [[nodiscard]] StoreStatus key(const crypto::SecretBytes &keyLiteral);
    //! Re-encrypts the whole file under a new key (PRAGMA rekey); see Profile::changePassphrase.
    [[nodiscard]] StoreStatus rekey(const crypto::SecretBytes &keyLiteral);

    //! Runs one or more statements without parameters (DDL, PRAGMAs).
    [[nodiscard]] StoreStatus exec(const char *sql);
    //! The cached statement for `sql` (prepared on first use). A prepare error surfaces at step().
    [[nodiscard]] Query prepare(std::string_view sql);
    //! First column of the first row as an integer (0 when there is no row or it is NULL).
    [[nodiscard]] StoreResult<qint64> scalar(std::string_view sql);

    [[nodiscard]] qint64 lastInsertRowId() const;
    //! Rows changed by the last INSERT/UPDATE/DELETE.
    [[nodiscard]] int changes() const;
    //! True inside an explicit transaction (false after SQLite rolled one back by itself).
    [[nodiscard]] bool inTransaction() const;
    [[nodiscard]] sqlite3 *handle() const { return m_db; }
    //! Finalizes every cached statement (needed before a schema change or close).
    void clearStatementCache();

private:
    explicit Database(sqlite3 *db);
    [[nodiscard]] Statement prepareNew(std::string_view sql);

    struct CachedStatement {
        Statement statement;
        bool inUse = false;
    };

    sqlite3 *m_db = nullptr;
    std::map<std::string, std::unique_ptr<CachedStatement>, std::less<>> m_cache;
};

} // namespace hearth::store
