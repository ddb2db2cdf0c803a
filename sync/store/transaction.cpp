// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/transaction.h"

#include <utility>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

StoreResult<Transaction> Transaction::begin(Database &db) {
    if (auto begun = db.exec("SAVEPOINT hearth_tx"); !begun)
        return begun.error();
    return Transaction(&db);
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
    rollback();
}

StoreStatus Transaction::commit() {
    Database *db = std::exchange(m_db, nullptr);
    if (!db)
        return storeFailure(StoreError::InvalidArgument, u"The transaction is already over."_s);
    // why: after SQLITE_FULL, IOERR or NOMEM, SQLite may have rolled the whole transaction back
    // by itself; releasing then would commit nothing and report success.
    if (!db->inTransaction())
        return storeFailure(StoreError::Internal, u"The transaction was rolled back."_s);
    auto released = db->exec("RELEASE hearth_tx");
    if (!released) {
        m_db = db;
        rollback();
    }
    return released;
}

void Transaction::rollback() {
    Database *db = std::exchange(m_db, nullptr);
    if (!db || !db->inTransaction())
        return; // nothing left to undo
    // Failures here leave nothing to do: the connection is unusable or already rolled back.
    (void)db->exec("ROLLBACK TO hearth_tx");
    (void)db->exec("RELEASE hearth_tx");
}

} // namespace hearth::store
