// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: keeping the full-text index (events_fts) in step with events.body.

#include "sync/store/database.h"

#include <QString>
#include <map>

namespace hearth::store::details {

//! events_fts holds exactly the rows whose body is not NULL, with that body. Every change of a
//! body goes through here: remove() before it (FTS4 reads the row's current text to know what
//! to take out), add() after it.
//!
//! During a batch, additions wait and are written by flush() in ascending docid order. why:
//! FTS4 flushes its pending terms into a new index segment whenever a docid is not above the
//! previous one, and at every savepoint (any statement that may need undoing midway: an
//! UPDATE of a table with foreign keys, a statement firing a trigger). A batch from catch-up
//! can mix old and new events, and relations update bodies in between; deferring keeps it to
//! one segment per batch.
class SearchIndex final {
public:
    explicit SearchIndex(Database &db)
        : m_db(db) {}

    //! Defers add() until flush().
    void beginBatch() { m_batch = true; }
    //! Writes the deferred additions and ends the batch.
    [[nodiscard]] StoreStatus flush();
    //! Ends the batch dropping the deferred additions (the batch is being rolled back).
    void abandon();

    //! Indexes row `id` with `body`.
    [[nodiscard]] StoreStatus add(qint64 id, const QString &body);
    //! Takes row `id` out of the index; only for a row whose body is not NULL now.
    [[nodiscard]] StoreStatus remove(qint64 id);

private:
    Database &m_db;
    bool m_batch = false;
    std::map<qint64, QString> m_deferred;
};

} // namespace hearth::store::details
