// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <functional>

namespace hearth::relay {

class Storage;

//! Group commit: write operations queued during one turn of the event loop run in order
//! inside one transaction; their completions run after the commit, so an acknowledgement
//! always follows durable storage. Each operation runs inside its own savepoint: one that
//! fails is undone alone and told so, the others still commit. If the commit itself fails,
//! every completion is told that nothing was stored.
class WriteQueue final : public QObject {
    Q_OBJECT

public:
    //! Runs inside the transaction; returns false on a storage failure (rolls back the batch).
    //! An operation that refuses a request (a rule, not storage) returns true and records its
    //! refusal for its completion.
    using Operation = std::function<bool(Storage &)>;
    //! Runs after the batch: `committed` false means nothing of the batch was stored.
    using Completion = std::function<void(bool committed)>;

    explicit WriteQueue(Storage &storage, int maxBatch = 1024, QObject *parent = nullptr);

    void enqueue(Operation operation, Completion completion);
    //! Commits what is queued now (used at shutdown).
    void flush();
    [[nodiscard]] qsizetype depth() const { return m_queue.size(); }

Q_SIGNALS:
    //! Something written in a batch was undone: caches built on it must be dropped.
    void batchFailed();

private:
    struct Item {
        Operation operation;
        Completion completion;
    };

    Storage &m_storage;
    int m_maxBatch;
    QList<Item> m_queue;
    bool m_flushScheduled = false;
};

} // namespace hearth::relay
