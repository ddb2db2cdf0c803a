// SPDX-License-Identifier: GPL-3.0-or-later
// Full-text search: filters, order, snippets, edits and deletions, hostile query text.
#include "store_test_support.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

const ConversationId kOther{8};

//! Messages 1–6 in kConv and 7–8 in kOther (ts = seq seconds after a base).
void fill(Store &store) {
    const QStringList texts = {
        u"the cat sat on the mat"_s,     // 1 alice
        u"a dog chased the cat"_s,       // 2 bob
        u"Café au lait with the CAT"_s,  // 3 alice
        u"nothing to see here"_s,        // 4 bob
        u"cats and dogs, cat cat cat"_s, // 5 alice
        u"concatenation is not a cat"_s, // 6 bob
    };
    for (int i = 0; i < texts.size(); ++i)
        STORE_OK(store.events().insert(message(quint64(i + 1), i % 2 ? kBob : kAlice, texts[i])));
    STORE_OK(store.events().insert(message(7, kAlice, u"the cat in another room"_s, kOther)));
    STORE_OK(store.events().insert(message(8, kBob, u"cafe society"_s, kOther)));
}

} // namespace

class TestSearch final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void newestFirst();
    void filters();
    void dateFilters();
    void relevance();
    void snippetMarks();
    void diacriticsAndCase();
    void prefixOnLastWord();
    void followsEditsAndDeletes();
    void hostileQueryText();
    void newestFirstWalksTheIndex();
    void phrases();
    void linkFilter();
    void threadFilter();
    void mentionFilter();
    void filtersAlone();
    void filtersCombined();
    void unspacedScripts();
    void cancelled();
};

void TestSearch::newestFirst() {
    TempProfile temp;
    fill(*temp.store);
    auto hits = valueOf(temp.store->search().search(SearchQuery(u"cat"_s)));
    QCOMPARE(seqsOf(hits), (QList<quint64>{7, 6, 5, 3, 2, 1}));
    QCOMPARE(hits.front().conversation, kOther);
    QCOMPARE(hits.front().sender, kAlice);
    QCOMPARE(hits.front().ts, message(7, kAlice, {}).ts);
    SearchQuery limited(u"cat"_s);
    limited.limit = 2;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(limited))), (QList<quint64>{7, 6}));
}

void TestSearch::filters() {
    TempProfile temp;
    fill(*temp.store);
    SearchQuery query(u"cat"_s);
    query.conversation = kConv;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{6, 5, 3, 2, 1}));
    query.sender = kBob;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{6, 2}));
    query.conversation = kOther;
    QVERIFY(valueOf(temp.store->search().search(query)).isEmpty());
    SearchQuery twoWords(u"dog cat"_s); // both words, any order
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(twoWords))), (QList<quint64>{2}));
}

void TestSearch::dateFilters() {
    TempProfile temp;
    fill(*temp.store);
    SearchQuery query(u"cat"_s);
    query.fromTs = message(2, kAlice, {}).ts;
    query.toTs = message(5, kAlice, {}).ts;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{5, 3, 2}));
    query.fromTs = message(6, kAlice, {}).ts;
    query.toTs.reset();
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{7, 6}));
}

void TestSearch::relevance() {
    TempProfile temp;
    fill(*temp.store);
    SearchQuery query(u"cat"_s);
    query.order = SearchOrder::Relevance;
    auto hits = valueOf(temp.store->search().search(query));
    QCOMPARE(hits.size(), 6);
    QCOMPARE(hits.front().seq, 5u); // "cat" four times in a short message
}

void TestSearch::snippetMarks() {
    TempProfile temp;
    fill(*temp.store);
    SearchQuery query(u"chased"_s);
    query.markStart = u"<"_s;
    query.markEnd = u">"_s;
    auto hits = valueOf(temp.store->search().search(query));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.front().snippet, u"a dog <chased> the cat"_s);
    auto plain = valueOf(temp.store->search().search(SearchQuery(u"chased"_s)));
    QCOMPARE(plain.front().snippet, u"a dog \u0002chased\u0003 the cat"_s);
}

void TestSearch::diacriticsAndCase() {
    TempProfile temp;
    fill(*temp.store);
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"CAFE"_s)))),
             (QList<quint64>{8, 3}));
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"café"_s)))),
             (QList<quint64>{8, 3}));
}

void TestSearch::prefixOnLastWord() {
    TempProfile temp;
    fill(*temp.store);
    SearchQuery typing(u"conca"_s);
    QVERIFY(valueOf(temp.store->search().search(typing)).isEmpty()); // whole words by default
    typing.prefixLastWord = true;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(typing))), (QList<quint64>{6}));
    typing.text = u"conca cat"_s; // only the last word is a prefix
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(typing))), (QList<quint64>{}));
    typing.text = u"cat conca"_s;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(typing))), (QList<quint64>{6}));
    QCOMPARE(Search::matchExpression(u"  hello   wor "_s, true), u"\"hello\" \"wor*\""_s);
    QCOMPARE(Search::matchExpression(u"hello wor"_s, false), u"\"hello\" \"wor\""_s);
    // Under three letters the word is whole: a prefix that short names too many words.
    QCOMPARE(Search::matchExpression(u"hello wo"_s, true), u"\"hello\" \"wo\""_s);
    typing.text = u"ca"_s;
    QVERIFY(valueOf(temp.store->search().search(typing)).isEmpty());
    typing.text = u"cat"_s;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(typing))),
             (QList<quint64>{7, 6, 5, 3, 2, 1}));
}

void TestSearch::followsEditsAndDeletes() {
    TempProfile temp;
    fill(*temp.store);
    STORE_OK(temp.store->events().insert(
        relation(20, kAlice, Relation::Edit, EventRef::bySeq(1), u"the bird sat on the mat"_s)));
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"bird"_s)))),
             (QList<quint64>{1}));
    SearchQuery cat(u"cat"_s);
    cat.conversation = kConv;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(cat))), (QList<quint64>{6, 5, 3, 2}));
    STORE_OK(temp.store->events().insert(relation(21, kBob, Relation::Delete, EventRef::bySeq(2))));
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(cat))), (QList<quint64>{6, 5, 3}));
    STORE_OK(
        temp.store->events().insert(relation(22, kAlice, Relation::Delete, EventRef::bySeq(1))));
    QVERIFY(valueOf(temp.store->search().search(SearchQuery(u"bird"_s))).isEmpty());
    QCOMPARE(searchIndexProblems(temp.store->database()), QString());
}

void TestSearch::hostileQueryText() {
    TempProfile temp;
    fill(*temp.store);
    for (const QString &text :
         {u"\"unbalanced"_s, u"cat OR dog"_s, u"NEAR(cat dog)"_s, u"-cat"_s, u"cat*"_s,
          u"'; DROP TABLE events; --"_s, u"\"\""_s, u"   "_s, QString()}) {
        SearchQuery query(text);
        QVERIFY2(temp.store->search().search(query).ok(), qPrintable(text));
        query.prefixLastWord = true;
        QVERIFY2(temp.store->search().search(query).ok(), qPrintable(text));
    }
    QVERIFY(valueOf(temp.store->search().search(SearchQuery(u"   "_s))).isEmpty());
    // Operators are words: "cat OR dog" needs all three, and "or" is in no message.
    QVERIFY(valueOf(temp.store->search().search(SearchQuery(u"cat OR dog"_s))).isEmpty());
    QCOMPARE(valueOf(temp.store->timeline().latest(kConv, 50)).size(), 6);
}

void TestSearch::newestFirstWalksTheIndex() {
    TempProfile temp;
    auto plan = temp.store->database().prepare(
        "EXPLAIN QUERY PLAN SELECT e.seq FROM events_fts JOIN events e ON e.id = events_fts.docid "
        "WHERE events_fts MATCH 'x' AND events_fts.docid BETWEEN 1 AND 2 "
        "ORDER BY events_fts.docid DESC LIMIT 5");
    QString detail;
    while (valueOf(plan->step()))
        detail += plan->text(3) + u'\n';
    QVERIFY2(!detail.contains(u"TEMP B-TREE"_s), qPrintable(detail)); // no sort of all hits
}

void TestSearch::phrases() {
    TempProfile temp;
    fill(*temp.store);
    // "the cat" as a phrase: 1 ("the cat sat"), 2 ("chased the cat"), 3 ("the CAT"), 7; not 5.
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"\"the cat\""_s)))),
             (QList<quint64>{7, 3, 2, 1}));
    // Order matters inside a phrase, not between terms.
    QVERIFY(valueOf(temp.store->search().search(SearchQuery(u"\"cat the\""_s))).isEmpty());
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"mat \"the cat\""_s)))),
             (QList<quint64>{1}));
    QCOMPARE(Search::matchExpression(u"a \"b  c\" dog"_s, true), u"\"a\" \"b c\" \"dog*\""_s);
    // A phrase last is not a prefix; an unclosed one runs to the end.
    QCOMPARE(Search::matchExpression(u"a \"b c\""_s, true), u"\"a\" \"b c\""_s);
    QCOMPARE(Search::matchExpression(u"a \"b c"_s, true), u"\"a\" \"b c\""_s);
}

void TestSearch::linkFilter() {
    TempProfile temp;
    fill(*temp.store);
    STORE_OK(temp.store->events().insert(message(9, kAlice, u"cat video https://x.test/c"_s)));
    STORE_OK(temp.store->events().insert(message(10, kBob, u"see http://example.org"_s)));
    STORE_OK(temp.store->events().insert(message(11, kBob, u"http is a protocol, cat"_s)));
    SearchQuery query(u"cat"_s);
    query.hasLink = true;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{9}));
    query.text.clear(); // the filter alone: every message with a link, newest first
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{10, 9}));
}

void TestSearch::threadFilter() {
    TempProfile temp;
    fill(*temp.store);
    IncomingEvent reply = message(9, kBob, u"a cat reply in the thread"_s);
    reply.content.threadRoot = EventRef::bySeq(1);
    STORE_OK(temp.store->events().insert(reply));
    SearchQuery query(u"cat"_s);
    query.inThread = true;
    auto hits = valueOf(temp.store->search().search(query));
    QCOMPARE(seqsOf(hits), (QList<quint64>{9}));
    QCOMPARE(hits.front().threadRoot, 1u);
    QCOMPARE(valueOf(temp.store->search().search(SearchQuery(u"cat"_s))).back().threadRoot, 0u);
}

void TestSearch::mentionFilter() {
    TempProfile temp;
    fill(*temp.store);
    STORE_OK(temp.store->events().insert(message(9, kBob, u"@alice look at this cat"_s)));
    STORE_OK(temp.store->events().insert(message(10, kBob, u"alice is not mentioned here"_s)));
    STORE_OK(temp.store->events().insert(message(11, kAlice, u"thanks @bob!"_s)));
    SearchQuery query;
    query.mentions = kAlice;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{9}));
    query.mentions = kBob;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{11}));
    query.text = u"cat"_s;
    QVERIFY(valueOf(temp.store->search().search(query)).isEmpty());
    // A name with LIKE wildcards is taken literally.
    query.text.clear();
    query.mentions = UserId{u"b%"_s};
    QVERIFY(valueOf(temp.store->search().search(query)).isEmpty());
}

void TestSearch::filtersAlone() {
    TempProfile temp;
    fill(*temp.store);
    SearchQuery query;
    QVERIFY(!query.hasFilter());
    QVERIFY(valueOf(temp.store->search().search(query)).isEmpty()); // nothing asked
    query.sender = kBob;
    auto hits = valueOf(temp.store->search().search(query));
    QCOMPARE(seqsOf(hits), (QList<quint64>{8, 6, 4, 2}));
    QCOMPARE(hits.front().snippet, u"cafe society"_s); // the text's start, unmarked
    query.sender.reset();
    query.conversation = kOther;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{8, 7}));
    query.conversation.reset();
    query.fromTs = message(3, kAlice, {}).ts;
    query.toTs = message(4, kAlice, {}).ts;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{4, 3}));
    // Deleted messages are not listed.
    STORE_OK(temp.store->events().insert(relation(20, kBob, Relation::Delete, EventRef::bySeq(4))));
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{3}));
}

void TestSearch::filtersCombined() {
    TempProfile temp;
    fill(*temp.store);
    STORE_OK(temp.store->events().insert(message(9, kBob, u"@alice cat https://a.test"_s)));
    IncomingEvent reply = message(10, kBob, u"@alice cat https://b.test in a thread"_s);
    reply.content.threadRoot = EventRef::bySeq(9);
    STORE_OK(temp.store->events().insert(reply));
    STORE_OK(temp.store->events().insert(message(11, kAlice, u"@alice cat https://c.test"_s)));
    SearchQuery query(u"cat"_s);
    query.sender = kBob;
    query.mentions = kAlice;
    query.hasLink = true;
    query.conversation = kConv;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{10, 9}));
    query.inThread = true;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{10}));
    query.inThread = false;
    query.toTs = message(9, kAlice, {}).ts;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{9}));
    query.order = SearchOrder::Relevance;
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(query))), (QList<quint64>{9}));
}

void TestSearch::unspacedScripts() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"東京タワーに行った"_s)));
    STORE_OK(temp.store->events().insert(message(2, kBob, u"Привет, Мир! Ёлка"_s)));
    // A run of Japanese is one token: its start matches, as a prefix, without the member
    // typing a *.
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"東京"_s)))),
             (QList<quint64>{1}));
    // Cyrillic has spaces: whole words, any case.
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"мир"_s)))),
             (QList<quint64>{2}));
    QCOMPARE(seqsOf(valueOf(temp.store->search().search(SearchQuery(u"ПРИВЕТ"_s)))),
             (QList<quint64>{2}));
}

void TestSearch::cancelled() {
    TempProfile temp;
    for (quint64 seq = 1; seq <= 300; ++seq) // enough work for the interrupt to be polled
        STORE_OK(temp.store->events().insert(message(seq, kAlice, u"cat number %1"_s.arg(seq))));
    SearchQuery query(u"cat"_s);
    query.limit = 300;
    query.cancelled = [] { return true; };
    auto stopped = temp.store->search().search(query);
    QVERIFY(!stopped.ok());
    QCOMPARE(stopped.error().code, StoreError::Cancelled);
    // The connection is fine afterwards, and a query not cancelled runs to the end.
    int polls = 0;
    query.cancelled = [&polls] { return ++polls < 0; };
    QCOMPARE(valueOf(temp.store->search().search(query)).size(), 300);
    QVERIFY(polls > 0);
    query.cancelled = {};
    QCOMPARE(valueOf(temp.store->search().search(query)).size(), 300);
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
