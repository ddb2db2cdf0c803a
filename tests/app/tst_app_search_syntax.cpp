// SPDX-License-Identifier: GPL-3.0-or-later
// The search field's syntax: words and phrases for the index, operators for filters, chips
// that remove exactly their operator, dates as local days.
#include "app/search/search_syntax.h"

#include <QTest>

using namespace Qt::StringLiterals;
using hearth::app::SearchSyntax;

namespace {

const QDate kToday(2026, 12, 7);

SearchSyntax parse(const QString &text) {
    return SearchSyntax::parse(text, u"alice"_s, kToday);
}

} // namespace

class TestSearchSyntax final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wordsAndPhrasesStay();
    void operators();
    void quotedValues();
    void meIsTheMember();
    void dates();
    void notOperators();
    void problems();
    void chipRemovesItsOperator();
};

void TestSearchSyntax::wordsAndPhrasesStay() {
    const SearchSyntax s = parse(u"  tomato  \"green house\" seeds "_s);
    QCOMPARE(s.words, u"tomato \"green house\" seeds"_s);
    QVERIFY(s.operators.isEmpty());
    QVERIFY(!s.hasFilter());
}

void TestSearchSyntax::operators() {
    const SearchSyntax s = parse(u"from:bob tomato in:garden has:link mentions:carol in:thread"_s);
    QCOMPARE(s.words, u"tomato"_s);
    QCOMPARE(s.from, u"bob"_s);
    QCOMPARE(s.in, u"garden"_s);
    QVERIFY(s.hasLink);
    QVERIFY(s.inThread);
    QCOMPARE(s.mentions, u"carol"_s);
    QCOMPARE(s.operators.size(), 5);
    QCOMPARE(s.operators.at(0).key, u"from"_s);
    QCOMPARE(s.operators.at(0).start, 0);
    QCOMPARE(s.operators.at(0).length, 8);
    QVERIFY(s.problem.isEmpty());
    QVERIFY(s.hasFilter());
    // Keys in any case.
    QCOMPARE(parse(u"FROM:bob"_s).from, u"bob"_s);
}

void TestSearchSyntax::quotedValues() {
    const SearchSyntax s = parse(u"in:\"book club\" novel"_s);
    QCOMPARE(s.in, u"book club"_s);
    QCOMPARE(s.words, u"novel"_s);
    // Still being typed: an unclosed quote runs to the end.
    QCOMPARE(parse(u"in:\"book cl"_s).in, u"book cl"_s);
}

void TestSearchSyntax::meIsTheMember() {
    QCOMPARE(parse(u"mentions:me"_s).mentions, u"alice"_s);
    QCOMPARE(parse(u"from:Me"_s).from, u"alice"_s);
}

void TestSearchSyntax::dates() {
    const SearchSyntax on = parse(u"on:2026-11-30"_s);
    QCOMPARE(on.on, QDate(2026, 11, 30));
    QCOMPARE(on.fromMs(), QDate(2026, 11, 30).startOfDay().toMSecsSinceEpoch());
    QCOMPARE(on.toMs(), QDate(2026, 12, 1).startOfDay().toMSecsSinceEpoch() - 1);
    // after: from the next day on; before: up to the end of the day before.
    const SearchSyntax range = parse(u"after:2026-11-01 before:2026-11-10"_s);
    QCOMPARE(range.fromMs(), QDate(2026, 11, 2).startOfDay().toMSecsSinceEpoch());
    QCOMPARE(range.toMs(), QDate(2026, 11, 10).startOfDay().toMSecsSinceEpoch() - 1);
    QCOMPARE(parse(u"on:today"_s).on, kToday);
    QCOMPARE(parse(u"on:yesterday"_s).on, kToday.addDays(-1));
    QVERIFY(!parse(u"cat"_s).fromMs());
    QVERIFY(!parse(u"cat"_s).toMs());
}

void TestSearchSyntax::notOperators() {
    // A colon inside a word, a link, an unknown key: words.
    const SearchSyntax s = parse(u"https://x.test/a ratio:3 re:from:bob"_s);
    QCOMPARE(s.words, u"https://x.test/a ratio:3 re:from:bob"_s);
    QVERIFY(s.operators.isEmpty());
}

void TestSearchSyntax::problems() {
    const SearchSyntax file = parse(u"has:file report"_s);
    QCOMPARE(file.operators.size(), 1);
    QVERIFY(!file.operators.front().understood);
    QVERIFY(file.problem.startsWith(u"has:file: "_s));
    QVERIFY(!parse(u"on:30/11/2026"_s).problem.isEmpty());
    // An operator still being typed is neither a word nor a problem.
    const SearchSyntax typing = parse(u"tomato from:"_s);
    QVERIFY(typing.problem.isEmpty());
    QVERIFY(typing.operators.isEmpty());
    QCOMPARE(typing.words, u"tomato"_s);
    QVERIFY(!parse(u"is:pinned"_s).problem.isEmpty());
    QVERIFY(parse(u"has:link"_s).problem.isEmpty());
}

void TestSearchSyntax::chipRemovesItsOperator() {
    const QString text = u"from:bob tomato in:\"book club\" seeds"_s;
    const SearchSyntax s = parse(text);
    QCOMPARE(s.operators.size(), 2);
    QCOMPARE(SearchSyntax::without(text, s.operators.at(1)), u"from:bob tomato seeds "_s);
    QCOMPARE(SearchSyntax::without(text, s.operators.at(0)), u"tomato in:\"book club\" seeds "_s);
    QCOMPARE(SearchSyntax::without(u"from:bob"_s, parse(u"from:bob"_s).operators.front()),
             QString());
}

QTEST_GUILESS_MAIN(TestSearchSyntax)
#include "tst_app_search_syntax.moc"
