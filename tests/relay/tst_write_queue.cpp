// SPDX-License-Identifier: GPL-3.0-or-later
// Group commit over the real SQLite storage: completions follow the commit, and one failing
// operation is undone alone while the rest of its batch commits.
#include "relay/storage/sql_storage.h"
#include "relay/write_queue.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::relay;
using namespace Qt::Literals::StringLiterals;

class TestWriteQueue final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<SqlStorage> openStorage() {
        auto storage = std::make_unique<SqlStorage>();
        const auto error =
            storage->open(m_dir.filePath(u"q%1.sqlite3"_s.arg(++m_files)), Durability::Normal);
        return error ? nullptr : std::move(storage);
    }

    //! Stores an invite code (a simple unique row); `thenFail` makes it fail after writing.
    static WriteQueue::Operation insertInvite(const QString &name, bool thenFail = false) {
        return [name, thenFail](Storage &storage) {
            if (!storage.createInvite(name, 1))
                return false;
            return !thenFail;
        };
    }

private Q_SLOTS:
    void completionsRunAfterTheCommitInOrder() {
        auto storage = openStorage();
        QVERIFY(storage);
        WriteQueue queue(*storage);
        QList<int> order;
        for (int i = 0; i < 5; ++i)
            queue.enqueue(insertInvite(u"code%1"_s.arg(i)), [&order, i](bool committed) {
                QVERIFY(committed);
                order.append(i);
            });
        QCOMPARE(queue.depth(), 5);
        QVERIFY(order.isEmpty()); // nothing is acknowledged before the commit
        QTRY_COMPARE(order, (QList<int>{0, 1, 2, 3, 4}));
        QCOMPARE(queue.depth(), 0);
    }

    void aFailingOperationIsUndoneAlone() {
        auto storage = openStorage();
        QVERIFY(storage);
        WriteQueue queue(*storage);
        QSignalSpy failed(&queue, &WriteQueue::batchFailed);
        QList<bool> results;
        auto record = [&results](bool committed) { results.append(committed); };
        queue.enqueue(insertInvite(u"first"_s), record);
        queue.enqueue(insertInvite(u"broken"_s, true), record);
        queue.enqueue(insertInvite(u"first"_s), record); // duplicate key: fails in SQL
        queue.enqueue(insertInvite(u"last"_s), record);
        queue.flush();
        QCOMPARE(results, (QList<bool>{true, false, false, true}));
        QCOMPARE(failed.count(), 1);
        // "broken" wrote an invite before failing: that write is gone.
        QVERIFY(!storage->createInvite(u"first"_s, 1));
        QVERIFY(storage->createInvite(u"broken"_s, 1));
        QVERIFY(!storage->createInvite(u"last"_s, 1));
    }

    void aFullBatchFlushesAtOnce() {
        auto storage = openStorage();
        QVERIFY(storage);
        WriteQueue queue(*storage, 3);
        int committed = 0;
        for (int i = 0; i < 3; ++i)
            queue.enqueue(insertInvite(u"n%1"_s.arg(i)),
                          [&committed](bool ok) { committed += ok; });
        QCOMPARE(committed, 3); // the third enqueue flushed synchronously
    }
};

QTEST_GUILESS_MAIN(TestWriteQueue)
#include "tst_write_queue.moc"
