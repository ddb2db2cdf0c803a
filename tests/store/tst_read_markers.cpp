// SPDX-License-Identifier: GPL-3.0-or-later
// Read markers merge by maximum whatever the order (property test over both implementations);
// unread counts and the conversation list derive from them.
#include "store_test_support.h"
#include "sync/store/memory_read_marker_store.h"

#include <algorithm>
#include <random>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

constexpr int kOrderings = 200;

//! Replays `markers` (a shuffle of 1..n with repeats) and checks the marker never moves back and
//! ends at the maximum.
void checkMaxMerge(ReadMarkerStore &markers, ConversationId conv, int seed) {
    // Nothing read, published or received yet: zero and empty (the engine relies on it).
    QCOMPARE(valueOf(markers.readMarker(conv)), 0u);
    QCOMPARE(valueOf(markers.publishedMarker(conv)), 0u);
    QVERIFY(valueOf(markers.receipts(conv)).isEmpty());
    std::mt19937 random(static_cast<std::mt19937::result_type>(seed));
    QList<quint64> seqs;
    const int count = 1 + int(random() % 40);
    for (int i = 0; i < count; ++i)
        seqs.push_back(1 + random() % 1000);
    const quint64 maximum = *std::max_element(seqs.begin(), seqs.end());
    quint64 previous = 0;
    for (quint64 seq : seqs) {
        const quint64 merged = valueOf(markers.setReadMarker(conv, seq, qint64(seq)));
        QVERIFY2(merged >= previous, "a marker moved backwards");
        QVERIFY(merged >= seq);
        previous = merged;
        const quint64 receipt = valueOf(markers.setReceipt(conv, kAlice, seq, 0));
        QVERIFY(receipt >= seq);
    }
    QCOMPARE(valueOf(markers.readMarker(conv)), maximum);
    QCOMPARE(valueOf(markers.receipts(conv)), (QList<Receipt>{{kAlice, maximum, 0}}));
    QCOMPARE(valueOf(markers.setPublishedMarker(conv, maximum / 2)), maximum / 2);
    QCOMPARE(valueOf(markers.setPublishedMarker(conv, 1)), maximum / 2);
    QCOMPARE(valueOf(markers.publishedMarker(conv)), maximum / 2);
}

} // namespace

class TestReadMarkers final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void maxMergeSql();
    void maxMergeMemory();
    void sameResultOnEveryDevice();
    void unreadCounts();
    void summaries();
    void unreadCountUsesIndex();
};

void TestReadMarkers::maxMergeSql() {
    TempProfile temp;
    for (int seed = 1; seed <= kOrderings; ++seed)
        checkMaxMerge(temp.store->readMarkers(), ConversationId{quint64(seed)}, seed);
    temp.reopen(); // and it is durable
    QVERIFY(valueOf(temp.store->readMarkers().readMarker(ConversationId{1})) > 0);
}

void TestReadMarkers::maxMergeMemory() {
    MemoryReadMarkerStore markers;
    for (int seed = 1; seed <= kOrderings; ++seed)
        checkMaxMerge(markers, ConversationId{quint64(seed)}, seed);
}

void TestReadMarkers::sameResultOnEveryDevice() {
    // Two devices receive the same markers in different orders and agree.
    const QList<quint64> markers = {5, 17, 3, 17, 40, 12, 39, 2};
    TempProfile laptop;
    TempProfile desktop;
    QList<quint64> reversed(markers.rbegin(), markers.rend());
    for (quint64 seq : markers)
        STORE_OK(laptop.store->readMarkers().setReadMarker(kConv, seq, 0));
    for (quint64 seq : reversed)
        STORE_OK(desktop.store->readMarkers().setReadMarker(kConv, seq, 0));
    QCOMPARE(valueOf(laptop.store->readMarkers().readMarker(kConv)), 40u);
    QCOMPARE(valueOf(desktop.store->readMarkers().readMarker(kConv)), 40u);
}

void TestReadMarkers::unreadCounts() {
    TempProfile temp;
    Store &store = *temp.store;
    STORE_OK(store.events().insert(membership(1, MembershipAction::Add, kAlice, Role::Member)));
    for (quint64 seq = 2; seq <= 11; ++seq)
        STORE_OK(store.events().insert(message(seq, seq % 2 ? kAlice : kMe, u"m"_s)));
    // Alice's: 3, 5, 7, 9, 11. Mine (2, 4, …) never count, nor the membership event.
    QCOMPARE(valueOf(store.timeline().unreadCount(kConv)), 5);
    STORE_OK(
        store.events().insert(relation(12, kAlice, Relation::React, EventRef::bySeq(2), u"+"_s)));
    QCOMPARE(valueOf(store.timeline().unreadCount(kConv)), 5); // reactions don't count
    STORE_OK(store.events().insert(relation(13, kAlice, Relation::Delete, EventRef::bySeq(11))));
    QCOMPARE(valueOf(store.timeline().unreadCount(kConv)), 4); // nor deleted messages
    STORE_OK(store.readMarkers().setReadMarker(kConv, 5, 0));
    QCOMPARE(valueOf(store.timeline().unreadCount(kConv)), 2);
    STORE_OK(store.readMarkers().setReadMarker(kConv, 3, 0)); // older: no effect
    QCOMPARE(valueOf(store.timeline().unreadCount(kConv)), 2);
    STORE_OK(store.readMarkers().setReadMarker(kConv, 13, 0));
    QCOMPARE(valueOf(store.timeline().unreadCount(kConv)), 0);
    QCOMPARE(valueOf(store.timeline().unreadCount(ConversationId{999})), 0);
}

void TestReadMarkers::summaries() {
    TempProfile temp;
    Store &store = *temp.store;
    const ConversationId quiet{1};
    const ConversationId busy{2};
    STORE_OK(
        store.conversations().upsert({quiet, ConversationKind::Dm, {}, Role::Owner, 0, 1, {}}));
    STORE_OK(store.events().insert(message(1, kAlice, u"old news"_s, quiet)));
    for (quint64 seq = 1; seq <= 3; ++seq)
        STORE_OK(store.events().insert(message(seq + 10, kBob, u"busy %1"_s.arg(seq), busy)));
    STORE_OK(store.events().insert(
        relation(14, kAlice, Relation::React, EventRef::bySeq(13), u"!"_s, busy)));
    STORE_OK(store.readMarkers().setReadMarker(busy, 11, 0));

    auto list = valueOf(store.timeline().summaries());
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].conversation.id, busy); // most recent activity first
    QCOMPARE(list[0].unreadCount, 2);
    QCOMPARE(list[0].readMarker, 11u);
    QVERIFY(list[0].lastMessage);
    QCOMPARE(list[0].lastMessage->text, u"busy 3"_s); // the reaction is not the last message
    QCOMPARE(list[0].lastMessage->reactions.size(), 1);
    QCOMPARE(list[1].conversation.id, quiet);
    QCOMPARE(list[1].conversation.kind, std::optional(ConversationKind::Dm));
    QCOMPARE(list[1].unreadCount, 1);
    QCOMPARE(list[1].lastMessage->text, u"old news"_s);
    // Capped counts.
    list = valueOf(store.timeline().summaries(1));
    QCOMPARE(list[0].unreadCount, 1);
    QCOMPARE(list[1].unreadCount, 1);
    list = valueOf(store.timeline().summaries(0));
    QCOMPARE(list[0].unreadCount, 2);
    // One conversation's summary, as the list has it.
    const auto one = valueOf(store.timeline().summary(busy));
    QVERIFY(one);
    QCOMPARE(one->conversation.id, busy);
    QCOMPARE(one->unreadCount, 2);
    QCOMPARE(one->readMarker, 11u);
    QCOMPARE(one->lastMessage->text, u"busy 3"_s);
    QCOMPARE(valueOf(store.timeline().summary(quiet))->lastMessage->text, u"old news"_s);
    QVERIFY(!valueOf(store.timeline().summary(ConversationId{999})));
}

void TestReadMarkers::unreadCountUsesIndex() {
    TempProfile temp;
    auto plan = temp.store->database().prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE conv_id = 1 AND kind = 0 AND "
        "rel_type = 0 AND own = 0 AND deleted = 0 AND seq > 5");
    QString detail;
    while (valueOf(plan->step()))
        detail += plan->text(3);
    QVERIFY2(detail.contains(u"COVERING INDEX events_unread"_s), qPrintable(detail));
}

QTEST_GUILESS_MAIN(TestReadMarkers)
#include "tst_read_markers.moc"
