// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/fts_rank.h"

#include "sync/store/details/sqlite_failure.h"

#include <cmath>
#include <cstring>
#include <sqlcipher/sqlite3.h>
#include <vector>

namespace hearth::store::details {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// matchinfo 'pcnalx' is an array of 32-bit unsigned integers: p, c, n, a[c], l[c], then for
// every (phrase, column) three values: hits in this row, hits in all rows, rows with a hit.
void bm25(sqlite3_context *context, int argc, sqlite3_value **argv) {
    if (argc != 1 || sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
        sqlite3_result_error(context, "hearth_rank expects matchinfo(events_fts, 'pcnalx')", -1);
        return;
    }
    const int bytes = sqlite3_value_bytes(argv[0]);
    const auto *blob = static_cast<const unsigned char *>(sqlite3_value_blob(argv[0]));
    // why: the blob is only byte-aligned as SQLite hands it over; copy it into aligned words.
    std::vector<quint32> info(static_cast<size_t>(bytes) / sizeof(quint32));
    if (!info.empty())
        std::memcpy(info.data(), blob, info.size() * sizeof(quint32));
    if (info.size() < 3) {
        sqlite3_result_double(context, 0.0);
        return;
    }
    const size_t phrases = info[0];
    const size_t columns = info[1];
    const double rows = info[2];
    if (info.size() < 3 + 2 * columns + 3 * phrases * columns) {
        sqlite3_result_error(context, "hearth_rank: unexpected matchinfo layout", -1);
        return;
    }
    const quint32 *average = &info[3];
    const quint32 *length = average + columns;
    const quint32 *hits = length + columns;
    double score = 0.0;
    for (size_t phrase = 0; phrase < phrases; ++phrase) {
        for (size_t column = 0; column < columns; ++column) {
            const quint32 *x = hits + 3 * (phrase * columns + column);
            const double tf = x[0];
            const double docsWithHit = x[2];
            if (tf == 0.0)
                continue;
            const double idf =
                std::max(1e-6, std::log((rows - docsWithHit + 0.5) / (docsWithHit + 0.5)));
            const double avg = average[column] ? average[column] : 1.0;
            const double norm = kK1 * (1.0 - kB + kB * length[column] / avg);
            score += idf * tf * (kK1 + 1.0) / (tf + norm);
        }
    }
    sqlite3_result_double(context, score);
}

} // namespace

StoreStatus registerRankFunction(Database &db) {
    const int rc =
        sqlite3_create_function(db.handle(), "hearth_rank", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                nullptr, &bm25, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteFailure(db.handle(), rc);
    return {};
}

} // namespace hearth::store::details
