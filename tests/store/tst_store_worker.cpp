// SPDX-License-Identifier: GPL-3.0-or-later
// Store work off the caller's thread: ordered jobs, futures, callbacks on the caller's thread,
// readers that proceed while the writer is inside a transaction.
#include "store_test_support.h"
#include "sync/store/store_worker.h"

#include <QSemaphore>
#include <QThread>
#include <atomic>

using namespace hearth::store;
using namespace hearth::store::test;

class TestStoreWorker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jobsRunInOrderOffThread();
    void callbackOnCallersThread();
    void readersProceedDuringWrites();
    void destructorDrainsTheQueue();
};

void TestStoreWorker::jobsRunInOrderOffThread() {
    TempProfile temp;
    StoreWorker writer(std::move(temp.store));
    QList<QFuture<StoreResult<InsertOutcome>>> futures;
    std::atomic<bool> offThread = true;
    QThread *const testThread = QThread::currentThread();
    for (quint64 seq = 1; seq <= 100; ++seq) {
        futures.push_back(writer.submit([seq, testThread, &offThread](Store &store) {
            if (QThread::currentThread() == testThread)
                offThread = false;
            return store.events().insert(message(seq, kAlice, u"m%1"_s.arg(seq)));
        }));
    }
    // Resubmitting the first ones: they come after, so they are duplicates.
    auto again = writer.submit(
        [](Store &store) { return store.events().insert(message(1, kAlice, u"m1"_s)); });
    for (auto &future : futures)
        QCOMPARE(valueOf(future.result()), InsertOutcome::Inserted);
    QVERIFY(offThread);
    auto page = writer.submit([](Store &store) { return store.timeline().latest(kConv, 200); });
    auto events = valueOf(page.result());
    QCOMPARE(events.size(), 100);
    QCOMPARE(events.back().seq, 100u);
    QCOMPARE(valueOf(again.result()), InsertOutcome::Duplicate);
    // void jobs work too.
    writer.submit([](Store &) {}).waitForFinished();
}

void TestStoreWorker::callbackOnCallersThread() {
    TempProfile temp;
    StoreWorker writer(std::move(temp.store));
    QObject context;
    QThread *calledOn = nullptr;
    qint64 unread = -1;
    writer.submit([](Store &store) { return store.events().insert(message(1, kAlice, u"x"_s)); })
        .then(&context, [&](StoreResult<InsertOutcome>) {});
    writer.submit([](Store &store) { return store.timeline().unreadCount(kConv); })
        .then(&context, [&](StoreResult<qint64> result) {
            calledOn = QThread::currentThread();
            unread = valueOf(result);
        });
    QTRY_COMPARE(unread, 1);
    QCOMPARE(calledOn, QThread::currentThread());
}

void TestStoreWorker::readersProceedDuringWrites() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"committed"_s)));
    auto readerStore = valueOf(temp.profile->openStore(Access::ReadOnly));
    StoreWorker writer(std::move(temp.store), u"writer"_s);
    StoreWorker reader(std::move(readerStore), u"reader"_s);

    QSemaphore inTransaction;
    QSemaphore mayCommit;
    auto write = writer.submit([&](Store &store) {
        return store.transaction([&]() -> StoreStatus {
            for (quint64 seq = 2; seq <= 50; ++seq) {
                if (auto inserted = store.events().insert(message(seq, kAlice, u"new"_s));
                    !inserted)
                    return inserted.error();
            }
            inTransaction.release();
            mayCommit.acquire(); // hold the write transaction open
            return {};
        });
    });
    inTransaction.acquire();
    // The writer holds an open write transaction; the reader is not blocked and sees the last
    // committed state.
    auto during = reader.submit([](Store &store) { return store.timeline().latest(kConv, 100); });
    const bool notBlocked = QTest::qWaitFor([&] { return during.isFinished(); }, 5000);
    mayCommit.release();
    QVERIFY(notBlocked);
    QCOMPARE(valueOf(during.result()).size(), 1);
    STORE_OK(write.result());
    auto after = reader.submit([](Store &store) { return store.timeline().latest(kConv, 100); });
    QCOMPARE(valueOf(after.result()).size(), 50);
}

void TestStoreWorker::destructorDrainsTheQueue() {
    TempProfile temp;
    {
        StoreWorker writer(std::move(temp.store));
        for (quint64 seq = 1; seq <= 200; ++seq) {
            (void)writer.submit([seq](Store &store) {
                return store.events().insert(message(seq, kAlice, u"queued"_s));
            });
        }
    } // every queued job has run, and the connection is closed
    temp.reopen();
    QCOMPARE(valueOf(temp.store->database().scalar("SELECT count(*) FROM events")), 200);
}

QTEST_GUILESS_MAIN(TestStoreWorker)
#include "tst_store_worker.moc"
