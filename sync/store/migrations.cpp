// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/migrations.h"

#include "sync/store/details/schema.h"
#include "sync/store/transaction.h"

#include <QByteArray>
#include <array>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

StoreStatus applyStep(Database &db, const char *ddl, int version) {
    // why: cached statements would hold the old schema and fail with SQLITE_SCHEMA churn.
    db.clearStatementCache();
    return inTransaction(db, [&]() -> StoreStatus {
        if (auto applied = db.exec(ddl); !applied)
            return applied;
        const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(version);
        return db.exec(setVersion.constData());
    });
}

} // namespace

StoreResult<int> schemaVersion(Database &db) {
    auto version = db.scalar("PRAGMA user_version");
    if (!version)
        return version.error();
    return static_cast<int>(*version);
}

StoreStatus migrateTo1(Database &db) {
    return applyStep(db, details::kSchemaV1, 1);
}

StoreStatus migrateTo2(Database &db) {
    return applyStep(db, details::kSchemaV2, 2);
}

StoreStatus migrateTo3(Database &db) {
    return applyStep(db, details::kSchemaV3, 3);
}

StoreStatus migrateTo4(Database &db) {
    return applyStep(db, details::kSchemaV4, 4);
}

StoreStatus migrateTo5(Database &db) {
    return applyStep(db, details::kSchemaV5, 5);
}

StoreStatus migrateTo6(Database &db) {
    return applyStep(db, details::kSchemaV6, 6);
}

StoreStatus migrateTo7(Database &db) {
    return applyStep(db, details::kSchemaV7, 7);
}

StoreStatus migrate(Database &db, int target) {
    using Step = StoreStatus (*)(Database &);
    static constexpr std::array<Step, kSchemaVersion> kSteps = {
        &migrateTo1, &migrateTo2, &migrateTo3, &migrateTo4, &migrateTo5, &migrateTo6, &migrateTo7};
    if (target < 0 || target > kSchemaVersion)
        return storeFailure(StoreError::InvalidArgument, u"Unknown schema version."_s);
    auto current = schemaVersion(db);
    if (!current)
        return current.error();
    if (*current > kSchemaVersion)
        return storeFailure(
            StoreError::NewerSchema,
            u"(schema %1, this build knows %2)"_s.arg(*current).arg(kSchemaVersion));
    for (int version = *current; version < target; ++version) {
        if (auto stepped = kSteps[static_cast<size_t>(version)](db); !stepped)
            return stepped;
    }
    return {};
}

} // namespace hearth::store
