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
    bool ok = m_storage.begin();
    for (Item &item : batch) {
        if (!ok)
            break;
        ok = item.operation(m_storage);
    }
    if (ok)
        ok = m_storage.commit();
    if (!ok) {
        m_storage.rollback();
        qCWarning(lcWrite) << "write batch of" << batch.size() << "operations rolled back";
        Q_EMIT batchFailed();
    } else {
        Q_EMIT batchCommitted(batch.size());
    }
    for (Item &item : batch)
        item.completion(ok);
}

} // namespace hearth::relay
