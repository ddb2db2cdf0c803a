// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/store_result.h"

#include <type_traits>

namespace hearth::store {

//! A transaction scope (RAII): rolled back on destruction unless committed. Built on SAVEPOINT,
//! so scopes nest: an inner commit folds into the outer transaction, an inner rollback undoes
//! only the inner work. The outermost scope is the real transaction.
class Transaction final {
public:
    [[nodiscard]] static StoreResult<Transaction> begin(Database &db);

    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    ~Transaction();

    //! Makes the work permanent (or part of the enclosing scope).
    [[nodiscard]] StoreStatus commit();
    //! Undoes the work of this scope now.
    void rollback();

private:
    explicit Transaction(Database *db)
        : m_db(db) {}

    Database *m_db = nullptr;
};

//! Runs `work()` (returning a StoreResult) in a transaction scope: commits when it succeeds,
//! rolls back and returns its failure otherwise.
template <class F> auto inTransaction(Database &db, F &&work) -> std::invoke_result_t<F> {
    auto tx = Transaction::begin(db);
    if (!tx)
        return tx.error();
    auto result = work();
    if (!result)
        return result; // ~Transaction rolls back
    if (auto committed = tx->commit(); !committed)
        return committed.error();
    return result;
}

} // namespace hearth::store
