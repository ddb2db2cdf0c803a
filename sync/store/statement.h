// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"
#include "sync/store/store_result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>
#include <concepts>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace hearth::store {

//! One prepared SQLCipher statement (RAII: finalized on destruction). Parameters are 1-based
//! (`?1`, `?2`…), columns 0-based. Binding never fails on its own: the first bind or prepare
//! error is kept and returned by the next step() or run(), so call sites check once.
//! Used by one thread at a time, like the connection it belongs to.
class Statement final {
public:
    Statement() = default;
    //! Takes ownership of `stmt` (prepared on `db`).
    Statement(sqlite3_stmt *stmt, sqlite3 *db);
    //! A statement that failed to prepare: step() and run() return `failure`.
    explicit Statement(StoreFailure failure);
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    ~Statement();

    template <std::integral I> Statement &bindInt(int index, I value) {
        return bindInt64(index, static_cast<qint64>(value));
    }
    Statement &bindInt64(int index, qint64 value);
    Statement &bindBool(int index, bool value) { return bindInt64(index, value ? 1 : 0); }
    Statement &bindText(int index, QStringView value);
    Statement &bindBlob(int index, QByteArrayView value);
    //! A secret blob (key material) bound without an intermediate copy.
    Statement &bindSecret(int index, const crypto::SecretBytes &value);
    Statement &bindNull(int index);
    //! NULL when absent. why not a template: inlined, GCC 12 -O2 reports a false
    //! maybe-uninitialized on the optional's value at many call sites.
    Statement &bindOptInt(int index, const std::optional<qint64> &value);
    Statement &bindOptInt(int index, const std::optional<quint64> &value);
    Statement &bindOptInt(int index, const std::optional<int> &value);
    Statement &bindOptText(int index, const std::optional<QString> &value) {
        return value ? bindText(index, *value) : bindNull(index);
    }
    //! An empty array binds NULL.
    Statement &bindBlobOrNull(int index, const QByteArray &value) {
        return value.isEmpty() ? bindNull(index) : bindBlob(index, value);
    }

    //! The index of the named parameter (":name"), or 0 when the statement has none by that name.
    [[nodiscard]] int parameterIndex(const char *name) const;

    //! Advances: true when a row is available, false when done.
    [[nodiscard]] StoreResult<bool> step();
    //! Steps to the end, ignoring rows (for INSERT/UPDATE/DELETE).
    [[nodiscard]] StoreStatus run();
    //! Ready to run again: resets and clears the bindings and any kept bind error.
    void reset();

    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] quint64 uint64(int column) const { return static_cast<quint64>(int64(column)); }
    [[nodiscard]] bool boolean(int column) const { return int64(column) != 0; }
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray blob(int column) const;
    [[nodiscard]] crypto::SecretBytes secret(int column) const;
    [[nodiscard]] std::optional<qint64> optInt64(int column) const;
    [[nodiscard]] std::optional<quint64> optUint64(int column) const;
    [[nodiscard]] std::optional<QString> optText(int column) const;

    [[nodiscard]] bool isValid() const { return m_stmt != nullptr; }

private:
    Statement &check(int rc);

    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
    std::optional<StoreFailure> m_failure;
};

//! Collects every remaining row through `map(const Statement &) -> T`.
template <class T, class F> StoreResult<QList<T>> collectRows(Statement &statement, F &&map) {
    QList<T> rows;
    for (;;) {
        auto more = statement.step();
        if (!more)
            return more.error();
        if (!*more)
            return rows;
        rows.push_back(map(std::as_const(statement)));
    }
}

//! The first row through `map`, or nullopt when there is none.
template <class T, class F> StoreResult<std::optional<T>> firstRow(Statement &statement, F &&map) {
    auto more = statement.step();
    if (!more)
        return more.error();
    if (!*more)
        return std::optional<T>();
    return std::optional<T>(map(std::as_const(statement)));
}

} // namespace hearth::store
