// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/sqlite_failure.h"

#include <sqlcipher/sqlite3.h>

namespace hearth::store::details {

using namespace Qt::Literals::StringLiterals;

StoreError storeErrorForSqlite(int resultCode) {
    switch (resultCode & 0xff) {
    case SQLITE_FULL:
        return StoreError::DiskFull;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return StoreError::Corrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StoreError::Busy;
    case SQLITE_READONLY:
        return StoreError::ReadOnly;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return StoreError::Io;
    case SQLITE_NOMEM:
        return StoreError::OutOfMemory;
    case SQLITE_INTERRUPT:
        return StoreError::Cancelled;
    case SQLITE_CONSTRAINT:
        return StoreError::Conflict;
    case SQLITE_RANGE:
    case SQLITE_MISUSE:
        return StoreError::InvalidArgument;
    default:
        return StoreError::Internal;
    }
}

StoreFailure sqliteFailure(sqlite3 *db, int resultCode) {
    QString detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(resultCode));
    return storeFailure(storeErrorForSqlite(resultCode),
                        u"(SQLite %1: %2)"_s.arg(resultCode).arg(detail));
}

} // namespace hearth::store::details
