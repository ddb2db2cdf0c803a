// SPDX-License-Identifier: GPL-3.0-or-later
// A full disk (simulated with PRAGMA max_page_count on the write connection): DiskFull, the
// failed write undone entirely, nothing already stored lost, the store usable afterwards.
#include "store_test_support.h"

using namespace hearth::store;
using namespace hearth::store::test;

namespace {

QList<IncomingEvent> batch(quint64 first, int count) {
    QList<IncomingEvent> events;
    for (int i = 0; i < count; ++i)
        events.push_back(
            message(first + quint64(i), kAlice, u"filler text %1 "_s.arg(i).repeated(20)));
    return events;
}

void capDatabase(Store &store, qint64 extraPages) {
    const qint64 pages = valueOf(store.database().scalar("PRAGMA page_count"));
    const QByteArray sql = "PRAGMA max_page_count = " + QByteArray::number(pages + extraPages);
    QVERIFY(store.database().exec(sql.constData()).ok());
}

} // namespace

class TestFullDisk final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullDiskKeepsWhatWasStored();
    void otherWritesReportDiskFull();
};

void TestFullDisk::fullDiskKeepsWhatWasStored() {
    TempProfile temp;
    Store &store = *temp.store;
    STORE_OK(store.events().insertAll(batch(1, 50)));
    STORE_OK(store.readMarkers().setReadMarker(kConv, 10, 0));
    capDatabase(store, 3);

    // Keep writing pages of 50 until the disk is "full".
    quint64 next = 51;
    std::optional<StoreFailure> failure;
    for (int attempt = 0; attempt < 100 && !failure; ++attempt) {
        auto page = store.events().insertAll(batch(next, 50));
        if (page)
            next += 50;
        else
            failure = page.error();
    }
    QVERIFY(failure);
    QCOMPARE(QString::fromLatin1(storeErrorName(failure->code)), u"DiskFull"_s);
    QVERIFY(failure->message.contains(u"disk is full"_s));

    // The failed page left nothing behind; everything before it is there.
    const qint64 stored = qint64(next - 1);
    QCOMPARE(valueOf(store.database().scalar("SELECT count(*) FROM events")), stored);
    QCOMPARE(valueOf(store.timeline().latest(kConv, 1)).front().seq, next - 1);
    QCOMPARE(valueOf(store.readMarkers().readMarker(kConv)), 10u);
    QCOMPARE(searchIndexProblems(store.database()), QString());

    // Reads still work, and writes again once there is room.
    QCOMPARE(valueOf(store.search().search(SearchQuery(u"filler"_s))).size(), 50);
    capDatabase(store, 1000);
    STORE_OK(store.events().insertAll(batch(next, 50)));
    temp.reopen();
    QCOMPARE(valueOf(temp.store->database().scalar("SELECT count(*) FROM events")), stored + 50);
    // Nothing of the failed page reached the search index either.
    QCOMPARE(searchIndexProblems(temp.store->database()), QString());
    auto check = temp.store->database().prepare("PRAGMA integrity_check");
    QVERIFY(valueOf(check->step()));
    QCOMPARE(check->text(0), u"ok"_s);
}

void TestFullDisk::otherWritesReportDiskFull() {
    TempProfile temp;
    Store &store = *temp.store;
    STORE_OK(store.outbox().enqueue(kConv, ClientMessageId::generate(), "first", 1));
    capDatabase(store, 0);
    const QByteArray big(64 * 1024, 'x');
    QCOMPARE(errorOf(store.outbox().enqueue(kConv, ClientMessageId::generate(), big, 2)),
             "DiskFull"_L1);
    QCOMPARE(errorOf(store.account().setSetting(u"big"_s, big)), "DiskFull"_L1);
    QCOMPARE(valueOf(store.outbox().unsent()).size(), 1);
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_full_disk.moc"
