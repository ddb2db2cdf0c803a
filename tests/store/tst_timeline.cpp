// SPDX-License-Identifier: GPL-3.0-or-later
// Paging a conversation as a UI does: latest page, then before/after a seq.
#include "store_test_support.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

QList<quint64> range(quint64 first, quint64 last) {
    QList<quint64> seqs;
    for (quint64 seq = first; seq <= last; ++seq)
        seqs.push_back(seq);
    return seqs;
}

} // namespace

class TestTimeline final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pagesCoverEverythingOnce();
    void relationsAreNotRows();
    void gapsAndOutOfOrderArrival();
    void fieldsRoundTrip();
    void findByReference();
};

void TestTimeline::pagesCoverEverythingOnce() {
    TempProfile temp;
    QList<IncomingEvent> events;
    for (quint64 seq = 1; seq <= 95; ++seq)
        events.push_back(message(seq, kAlice, u"m%1"_s.arg(seq)));
    STORE_OK(temp.store->events().insertAll(events));
    Timeline &timeline = temp.store->timeline();

    QCOMPARE(seqsOf(valueOf(timeline.latest(kConv, 20))), range(76, 95));
    // Scrolling back from the top of the latest page, 20 at a time.
    QList<quint64> seen = range(76, 95);
    quint64 top = 76;
    for (;;) {
        auto page = valueOf(timeline.before(kConv, top, 20));
        if (page.isEmpty())
            break;
        QVERIFY(page.size() <= 20);
        QCOMPARE(page.back().seq, top - 1);
        seen = seqsOf(page) + seen;
        top = page.front().seq;
    }
    QCOMPARE(seen, range(1, 95));
    QCOMPARE(seqsOf(valueOf(timeline.after(kConv, 10, 5))), range(11, 15));
    QCOMPARE(seqsOf(valueOf(timeline.after(kConv, 93, 5))), range(94, 95));
    QVERIFY(valueOf(timeline.after(kConv, 95, 5)).isEmpty());
    QCOMPARE(seqsOf(valueOf(timeline.before(kConv, 3, 5))), range(1, 2));
    QVERIFY(valueOf(timeline.latest(ConversationId{99}, 5)).isEmpty());
}

void TestTimeline::relationsAreNotRows() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"a"_s)));
    for (quint64 seq = 2; seq <= 30; ++seq)
        STORE_OK(temp.store->events().insert(
            relation(seq, kBob, Relation::React, EventRef::bySeq(1), u"r%1"_s.arg(seq))));
    STORE_OK(temp.store->events().insert(message(31, kAlice, u"b"_s)));
    // A page of 2 still holds two messages, however many reactions lie between them.
    auto page = valueOf(temp.store->timeline().latest(kConv, 2));
    QCOMPARE(seqsOf(page), (QList<quint64>{1, 31}));
    QCOMPARE(page.front().reactions.size(), 29);
    QCOMPARE(seqsOf(valueOf(temp.store->timeline().after(kConv, 1, 5))), (QList<quint64>{31}));
}

void TestTimeline::gapsAndOutOfOrderArrival() {
    TempProfile temp;
    // A member's view can have gaps (visibility windows); catch-up may fill in older events
    // after newer pushes.
    for (quint64 seq : {50, 51, 10, 11, 12, 52})
        STORE_OK(temp.store->events().insert(message(seq, kAlice, u"m"_s)));
    QCOMPARE(seqsOf(valueOf(temp.store->timeline().latest(kConv, 10))),
             (QList<quint64>{10, 11, 12, 50, 51, 52}));
    QCOMPARE(seqsOf(valueOf(temp.store->timeline().before(kConv, 50, 2))),
             (QList<quint64>{11, 12}));
}

void TestTimeline::fieldsRoundTrip() {
    TempProfile temp;
    IncomingEvent event = message(1, kBob, u"**bold**"_s);
    event.content.contentType = u"markdown"_s;
    event.content.payload = "attachment-meta";
    event.content.replyTo = EventRef::bySeq(0 + 7);
    event.content.threadRoot = EventRef::byCmid(kAlice, ClientMessageId::generate());
    STORE_OK(temp.store->events().insert(event));
    auto stored = valueOf(temp.store->timeline().event(kConv, 1));
    QVERIFY(stored);
    QCOMPARE(stored->conversation, kConv);
    QCOMPARE(stored->ts, event.ts);
    QCOMPARE(stored->sender, event.sender);
    QCOMPARE(stored->kind, EventKind::Message);
    QCOMPARE(stored->cmid, event.cmid);
    QCOMPARE(stored->contentType, u"markdown"_s);
    QCOMPARE(stored->text, u"**bold**"_s);
    QCOMPARE(stored->payload, QByteArray("attachment-meta"));
    QCOMPARE(stored->replyTo, event.content.replyTo);
    QCOMPARE(stored->threadRoot, event.content.threadRoot);
    QCOMPARE(stored->editedTs, std::nullopt);
    QVERIFY(!stored->deleted);
    QVERIFY(!stored->own);
}

void TestTimeline::findByReference() {
    TempProfile temp;
    const IncomingEvent original = message(4, kMe, u"sent from my laptop"_s);
    STORE_OK(temp.store->events().insert(original));
    IncomingEvent reply = message(5, kMe, u"and a follow-up"_s);
    reply.content.replyTo = EventRef::byCmid(kMe, *original.cmid);
    STORE_OK(temp.store->events().insert(reply));
    auto stored = valueOf(temp.store->timeline().event(kConv, 5));
    QCOMPARE(stored->replyTo, std::optional(EventRef::byCmid(kMe, *original.cmid)));
    auto target = valueOf(temp.store->timeline().find(kConv, *stored->replyTo));
    QVERIFY(target);
    QCOMPARE(target->seq, 4u);
    // A cmid reference names its sender's event: the same cmid from someone else is not it.
    QCOMPARE(valueOf(temp.store->timeline().find(kConv, EventRef::byCmid(kAlice, *original.cmid))),
             std::nullopt);
    QCOMPARE(valueOf(temp.store->timeline().find(kConv, EventRef::bySeq(4)))->seq, 4u);
}

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
