// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/write_queue.h"

#include "relay/storage/storage.h"

#include <QLoggingCategory>
#include <QTimer>

namespace hearth::relay {

Q_LOGGING_CATEGORY(lcWrite, "hearth.relay.write")

WriteQueue::WriteQueue(Storage &storage, int maxBatch, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_maxBatch(maxBatch) {}

void WriteQueue::enqueue(Operation operation, Completion completion) {
    m_queue.append(Item{std::move(operation), std::move(completion)});
    if (m_queue.size() >= m_maxBatch) {
        flush();
        return;
    }
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        // why: a zero timer runs after the frames already received this turn are handled,
        // so everything that arrived together shares one commit.
        QTimer::singleShot(0, this, [this] {
            m_flushScheduled = false;
            flush();
        });
    }
}

void WriteQueue::flush() {
    if (m_queue.isEmpty())
        return;
    QList<Item> batch = std::exchange(m_queue, {});
    QList<bool> stored(batch.size(), false);
    bool undone = false;
    bool committed = m_storage.begin();
    for (qsizetype i = 0; committed && i < batch.size(); ++i) {
        if (!m_storage.savepoint()) {
            committed = false;
            break;
        }
        stored[i] = batch[i].operation(m_storage);
        if (stored[i]) {
            committed = m_storage.releaseSavepoint();
        } else {
            // why: one failing write (a full disk, a constraint) must not take the others
            // of its batch down with it.
            undone = true;
            committed = m_storage.rollbackToSavepoint();
        }
    }
    if (committed)
        committed = m_storage.commit();
    if (!committed) {
        m_storage.rollback();
        qCWarning(lcWrite) << "write batch of" << batch.size() << "operations rolled back";
    }
    if (!committed || undone)
        Q_EMIT batchFailed();
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].completion(committed && stored[i]);
}

} // namespace hearth::relay
