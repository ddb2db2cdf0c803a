// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/statement.h"

#include "crypto/secret_view.h"
#include "sync/store/details/sqlite_failure.h"

#include <sqlcipher/sqlite3.h>
#include <utility>

namespace hearth::store {

Statement::Statement(sqlite3_stmt *stmt, sqlite3 *db)
    : m_stmt(stmt)
    , m_db(db) {}

Statement::Statement(StoreFailure failure)
    : m_failure(std::move(failure)) {}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(std::exchange(other.m_db, nullptr))
    , m_failure(std::move(other.m_failure)) {}

Statement &Statement::operator=(Statement &&other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
        m_failure = std::move(other.m_failure);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement &Statement::check(int rc) {
    if (rc != SQLITE_OK && !m_failure)
        m_failure = details::sqliteFailure(m_db, rc);
    return *this;
}

Statement &Statement::bindInt64(int index, qint64 value) {
    return m_stmt ? check(sqlite3_bind_int64(m_stmt, index, value)) : *this;
}

Statement &Statement::bindText(int index, QStringView value) {
    if (!m_stmt)
        return *this;
    const QByteArray utf8 = value.toUtf8();
    return check(sqlite3_bind_text64(m_stmt, index, utf8.constData(),
                                     static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT,
                                     SQLITE_UTF8));
}

Statement &Statement::bindBlob(int index, QByteArrayView value) {
    if (!m_stmt)
        return *this;
    // why: a null data pointer would bind SQL NULL; an empty blob must stay a (zero-length) blob.
    static const char empty = 0;
    return check(sqlite3_bind_blob64(m_stmt, index, value.isEmpty() ? &empty : value.data(),
                                     static_cast<sqlite3_uint64>(value.size()), SQLITE_TRANSIENT));
}

Statement &Statement::bindSecret(int index, const crypto::SecretBytes &value) {
    return bindBlob(index, crypto::secretView(value));
}

Statement &Statement::bindOptInt(int index, const std::optional<qint64> &value) {
    return value ? bindInt64(index, *value) : bindNull(index);
}

Statement &Statement::bindOptInt(int index, const std::optional<quint64> &value) {
    return value ? bindInt64(index, static_cast<qint64>(*value)) : bindNull(index);
}

Statement &Statement::bindOptInt(int index, const std::optional<int> &value) {
    return value ? bindInt64(index, *value) : bindNull(index);
}

Statement &Statement::bindNull(int index) {
    return m_stmt ? check(sqlite3_bind_null(m_stmt, index)) : *this;
}

int Statement::parameterIndex(const char *name) const {
    return m_stmt ? sqlite3_bind_parameter_index(m_stmt, name) : 0;
}

StoreResult<bool> Statement::step() {
    if (m_failure)
        return *m_failure;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return details::sqliteFailure(m_db, rc);
}

StoreStatus Statement::run() {
    for (;;) {
        auto more = step();
        if (!more)
            return more.error();
        if (!*more)
            return {};
    }
}

void Statement::reset() {
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        m_failure.reset();
    }
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::text(int column) const {
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const {
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

crypto::SecretBytes Statement::secret(int column) const {
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return crypto::SecretBytes::fromBytes(
        QByteArrayView(data, sqlite3_column_bytes(m_stmt, column)));
}

std::optional<qint64> Statement::optInt64(int column) const {
    return isNull(column) ? std::nullopt : std::optional<qint64>(int64(column));
}

std::optional<quint64> Statement::optUint64(int column) const {
    return isNull(column) ? std::nullopt : std::optional<quint64>(uint64(column));
}

std::optional<QString> Statement::optText(int column) const {
    return isNull(column) ? std::nullopt : std::optional<QString>(text(column));
}

} // namespace hearth::store
