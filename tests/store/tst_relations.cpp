// SPDX-License-Identifier: GPL-3.0-or-later
// Edits, deletions and reactions converge: every arrival order (seeded shuffles, with repeats)
// gives the same timeline and the same search results.
#include "store_test_support.h"

#include <QRandomGenerator>
#include <algorithm>
#include <random>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

constexpr int kShuffles = 150;

struct Scenario {
    QList<IncomingEvent> events;
    QString text;
    std::optional<qint64> editedTs;
    bool deleted = false;
    QList<ReactionGroup> reactions;
};

//! Alice's message at seq 1 and relations naming it by (alice, cmid) — and a few by seq, as
//! rows stored before schema 4 do — some unauthorized.
Scenario scenario(ConversationId conv, bool withDeletion) {
    Scenario s;
    const IncomingEvent target = message(1, kAlice, u"original words"_s, conv);
    const EventRef bySeq = EventRef::bySeq(1);
    const EventRef byCmid = EventRef::byCmid(kAlice, *target.cmid);
    s.events = {
        target,
        relation(2, kAlice, Relation::Edit, byCmid, u"first edit"_s, conv),
        relation(3, kBob, Relation::Edit, byCmid, u"bob may not edit"_s, conv),
        relation(4, kBob, Relation::React, byCmid, u"👍"_s, conv),
        relation(5, kAlice, Relation::Edit, bySeq, u"final wording"_s, conv),
        relation(6, kBob, Relation::Unreact, byCmid, u"👍"_s, conv),
        relation(7, kMe, Relation::React, bySeq, u"❤"_s, conv),
        relation(8, kAlice, Relation::React, byCmid, u"👍"_s, conv),
        relation(9, kBob, Relation::React, byCmid, u"👍"_s, conv),
        relation(10, kBob, Relation::Delete, byCmid, {}, conv), // not the author: ignored
        relation(11, kMe, Relation::React, byCmid, u"🎉"_s, conv),
        message(12, kBob, u"unrelated message"_s, conv),
        relation(14, kMe, Relation::Unreact, bySeq, u"🎉"_s, conv),
        relation(15, kBob, Relation::Unreact, byCmid, u"🙃"_s, conv), // never reacted
        // The same cmid from another sender names another message (none here): inert.
        relation(16, kBob, Relation::React, EventRef::byCmid(kBob, *target.cmid), u"🙈"_s, conv),
    };
    s.text = u"final wording"_s;
    s.editedTs = s.events[4].ts;
    s.reactions = {{u"❤"_s, {kMe}}, {u"👍"_s, {kAlice, kBob}}};
    if (withDeletion) {
        s.events.push_back(relation(13, kAlice, Relation::Delete, byCmid, {}, conv));
        s.text.clear();
        s.editedTs.reset();
        s.deleted = true;
        s.reactions.clear();
    }
    return s;
}

} // namespace

class TestRelations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void convergeInAnyOrder_data();
    void convergeInAnyOrder();
    void moderatorMayDelete();
    void reactionsIgnoreOtherTargets();
    void cmidNamesItsSendersMessage();
};

void TestRelations::convergeInAnyOrder_data() {
    QTest::addColumn<bool>("withDeletion");
    QTest::newRow("edits and reactions") << false;
    QTest::newRow("then deleted") << true;
}

void TestRelations::convergeInAnyOrder() {
    QFETCH(bool, withDeletion);
    TempProfile temp;
    Store &store = *temp.store;
    for (int seed = 1; seed <= kShuffles; ++seed) {
        const ConversationId conv{quint64(seed)};
        const Scenario s = scenario(conv, withDeletion);
        QList<IncomingEvent> order = s.events;
        std::mt19937 random(static_cast<std::mt19937::result_type>(seed));
        std::shuffle(order.begin(), order.end(), random);
        // Repeats too: a relay may push an event and return it again in a catch-up page.
        for (int i = 0; i < 3; ++i)
            order.push_back(s.events[random() % s.events.size()]);
        for (const IncomingEvent &event : order)
            STORE_OK(store.events().insert(event));

        auto target = valueOf(store.timeline().event(conv, 1));
        QVERIFY(target);
        const QByteArray context = "seed " + QByteArray::number(seed);
        QVERIFY2(target->text == s.text, context);
        QVERIFY2(target->editedTs == s.editedTs, context);
        QVERIFY2(target->deleted == s.deleted, context);
        QVERIFY2(target->reactions == s.reactions, context);
        // Only the target and the unrelated message are timeline rows.
        QCOMPARE(valueOf(store.timeline().latest(conv, 50)).size(), 2);

        SearchQuery query(u"wording"_s);
        query.conversation = conv;
        QCOMPARE(valueOf(store.search().search(query)).size(), withDeletion ? 0 : 1);
        query.text = u"original"_s;
        QCOMPARE(valueOf(store.search().search(query)).size(), 0);
        query.text = u"bob"_s;
        QCOMPARE(valueOf(store.search().search(query)).size(), 0);
    }
    // The index still agrees with the table after all that churn.
    QCOMPARE(searchIndexProblems(store.database()), QString());
    if (withDeletion) {
        // A deleted message leaves no readable text behind: not its own, not its edits'.
        QCOMPARE(valueOf(store.database().scalar(
                     "SELECT count(*) FROM events WHERE seq = 1 AND (body IS NOT NULL OR "
                     "original_body IS NOT NULL OR payload IS NOT NULL)")),
                 0);
        QCOMPARE(valueOf(store.database().scalar(
                     "SELECT count(*) FROM events WHERE rel_type = 1 AND rel_text IS NOT NULL "
                     "AND sender = 'alice'")),
                 0);
    }
}

void TestRelations::moderatorMayDelete() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"spam"_s)));
    IncomingEvent removal = relation(2, kBob, Relation::Delete, EventRef::bySeq(1));
    removal.content.byModerator = true;
    STORE_OK(temp.store->events().insert(removal));
    auto target = valueOf(temp.store->timeline().event(kConv, 1));
    QVERIFY(target->deleted);
    QCOMPARE(valueOf(temp.store->timeline().unreadCount(kConv)), 0);
}

void TestRelations::reactionsIgnoreOtherTargets() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"one"_s)));
    STORE_OK(temp.store->events().insert(message(2, kAlice, u"two"_s)));
    STORE_OK(temp.store->events().insert(
        relation(3, kBob, Relation::React, EventRef::bySeq(2), u"👀"_s)));
    // A relation naming a relation is inert.
    STORE_OK(temp.store->events().insert(
        relation(4, kBob, Relation::React, EventRef::bySeq(3), u"x"_s)));
    auto page = valueOf(temp.store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 2);
    QVERIFY(page[0].reactions.isEmpty());
    QCOMPARE(page[1].reactions, (QList<ReactionGroup>{{u"👀"_s, {kBob}}}));
}

void TestRelations::cmidNamesItsSendersMessage() {
    TempProfile temp;
    // Two senders' messages with the same cmid (each sender picks its own; the relay could
    // also copy one): a reference by (sender, cmid) reaches exactly one of them.
    IncomingEvent alices = message(1, kAlice, u"alice's"_s);
    IncomingEvent bobs = message(2, kBob, u"bob's"_s);
    bobs.cmid = alices.cmid;
    const ClientMessageId shared = *alices.cmid;
    // Relations first: each applies when its target arrives.
    STORE_OK(temp.store->events().insert(
        relation(3, kMe, Relation::React, EventRef::byCmid(kBob, shared), u"👀"_s)));
    STORE_OK(temp.store->events().insert(
        relation(4, kAlice, Relation::Edit, EventRef::byCmid(kAlice, shared), u"alice, edited"_s)));
    // Alice cannot edit bob's message by naming it.
    STORE_OK(temp.store->events().insert(
        relation(5, kAlice, Relation::Edit, EventRef::byCmid(kBob, shared), u"hijacked"_s)));
    STORE_OK(temp.store->events().insert(alices));
    STORE_OK(temp.store->events().insert(bobs));
    auto page = valueOf(temp.store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 2);
    QCOMPARE(page[0].text, u"alice, edited"_s);
    QVERIFY(page[0].reactions.isEmpty());
    QCOMPARE(page[1].text, u"bob's"_s);
    QVERIFY(!page[1].editedTs);
    QCOMPARE(page[1].reactions, (QList<ReactionGroup>{{u"👀"_s, {kMe}}}));
}

QTEST_GUILESS_MAIN(TestRelations)
#include "tst_relations.moc"
