// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/connection.h"

#include "sync/store/details/fts_rank.h"
#include "sync/store/details/sqlite_failure.h"

#include <QByteArray>
#include <sqlcipher/sqlite3.h>

namespace hearth::store::details {

namespace {

//! Reads the schema: the first statement that needs the key.
StoreStatus proveKey(Database &db) {
    sqlite3_stmt *stmt = nullptr;
    int rc =
        sqlite3_prepare_v2(db.handle(), "SELECT count(*) FROM sqlite_master", -1, &stmt, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(db.handle());
    sqlite3_finalize(stmt);
    if (rc == SQLITE_OK)
        return {};
    // why: SQLCipher reports a page 1 it cannot authenticate as "not a database"; the caller has
    // already matched the file's stamp, so the key is what is wrong.
    if ((rc & 0xff) == SQLITE_NOTADB)
        return storeFailure(StoreError::WrongPassphrase);
    return sqliteFailure(db.handle(), rc);
}

} // namespace

StoreStatus configureConnection(Database &db, bool queryOnly) {
    const char *settings = "PRAGMA temp_store = MEMORY;"
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA busy_timeout = 5000;"
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA cache_size = -8192;";
    if (auto configured = db.exec(settings); !configured)
        return configured;
    if (queryOnly) {
        if (auto readOnly = db.exec("PRAGMA query_only = 1"); !readOnly)
            return readOnly;
    }
    return registerRankFunction(db);
}

StoreResult<Database> openConnection(const QString &path, OpenMode mode,
                                     const crypto::StoreKey &key, int pageSize, bool queryOnly) {
    auto opened = Database::open(path, mode);
    if (!opened)
        return opened.error();
    Database db = std::move(opened).value();
    if (auto keyed = db.key(key.sqlcipherKeyLiteral()); !keyed)
        return keyed.error();
    const QByteArray cipherPageSize = "PRAGMA cipher_page_size = " + QByteArray::number(pageSize);
    if (auto sized = db.exec(cipherPageSize.constData()); !sized)
        return sized.error();
    if (auto proven = proveKey(db); !proven)
        return proven.error();
    if (auto configured = configureConnection(db, queryOnly); !configured)
        return configured.error();
    return db;
}

} // namespace hearth::store::details
