// SPDX-License-Identifier: GPL-3.0-or-later
// Search in the app, end to end below the view: what a member types reaches the store's index
// through SearchModel (off the UI thread), operators filter, hits are grouped by conversation,
// and opening a hit shows the page around it, highlighted, however far back it is; paging
// forward reaches the newest again. Real relay and real SQLCipher profiles: alice uses the
// app's composition root (App), bob is a plain engine.
#include "app/app_controller.h"
#include "tests/engine/engine_harness.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth;
using app::AppController;
using app::ConversationController;
using app::SearchModel;
using app::TimelineModel;

namespace {

constexpr int kWaitMs = 2 * test::kEngineWaitMs;
//! Messages after the needle: more than a jump's page, so the newest is not loaded with it.
constexpr int kFillers = 130;

QVariant roleOf(const QAbstractItemModel &model, int row, int role) {
    return model.data(model.index(row, 0), role);
}

} // namespace

class TestAppSearch final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void searchAsYouType();
    void operatorsFilter();
    void everywhereGroupsByConversation();
    void problemsAreSaid();
    void openingAHitShowsItInContext();
    void jumpToDate();

private:
    //! Runs `query` in `search` and waits for its hits.
    void runQuery(SearchModel &search, const QString &query);

    std::unique_ptr<test::RelayProcess> m_relay;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppController> m_app;
    std::unique_ptr<test::TestDevice> m_bob;
    hearth::ConversationId m_garden;
    hearth::ConversationId m_books;
    quint64 m_needleSeq = 0;
};

void TestAppSearch::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_relay = std::make_unique<test::RelayProcess>(
        QStringList{u"--limit"_s, u"rate_per_second=10000"_s, u"--limit"_s, u"rate_burst=10000"_s});
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    app::AppOptions options;
    options.profileDirectory = m_dir->path() + u"/alice"_s;
    options.defaultRelay = m_relay->wsUrl();
    options.cost = crypto::PasswordHashCost::Minimum;
    m_app = std::make_unique<AppController>(options);
    m_bob = std::make_unique<test::TestDevice>();
    QCOMPARE(m_bob->registerAccount(m_relay->wsUrl(), u"bob"_s), QString());
    m_app->createAccount(u"alice"_s, QString::fromLatin1(test::kTestPassword), u"a passphrase"_s,
                         m_relay->wsUrl().toString(), false);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->stage(), u"ready"_s, kWaitMs);
    auto books = test::createConversation(m_bob->engine(), hearth::ConversationKind::Group,
                                          {u"alice"_s}, u"Book club"_s);
    auto garden = test::createConversation(m_bob->engine(), hearth::ConversationKind::Group,
                                           {u"alice"_s}, u"Garden club"_s);
    QVERIFY(books && garden);
    m_books = *books;
    m_garden = *garden;
    engine::SyncEngine &bob = m_bob->engine();
    QVERIFY(bob.sendText(m_books, u"Green tomatoes, fried: a novel"_s));
    QVERIFY(bob.sendText(m_books, u"Reading list for the club at https://books.test/list"_s));
    QVERIFY(bob.sendText(m_garden, u"The tomatoes are ripe, @alice"_s));
    QVERIFY(bob.sendText(m_garden, u"Seed swap at the Café du Jardin"_s));
    auto needle = bob.sendText(m_garden, u"the needle in the haystack"_s);
    QVERIFY(needle);
    for (int i = 0; i < kFillers; ++i)
        QVERIFY(bob.sendText(m_garden, u"filler %1"_s.arg(i)));
    // why: newer than the garden's hits, so newest first interleaves the two conversations.
    QVERIFY(bob.sendText(m_books, u"a late note about the plot"_s));
    const QString newest = u"filler %1"_s.arg(kFillers - 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->conversations()
                                         ->find(m_garden.value)
                                         .value_or(app::ConversationRow{})
                                         .lastMessageText == newest &&
                                 m_app->conversations()
                                         ->find(m_books.value)
                                         .value_or(app::ConversationRow{})
                                         .lastMessageText == u"a late note about the plot"_s,
                             kWaitMs);
    auto stored = m_bob->engine().store().timeline().latest(m_garden, kFillers + 1);
    QVERIFY(stored && !stored->isEmpty());
    m_needleSeq = stored->front().seq;
    QCOMPARE(stored->front().text, u"the needle in the haystack"_s);
}

void TestAppSearch::cleanup() {
    m_app->search()->setScope(0);
    m_app->search()->setRelevance(false);
}

void TestAppSearch::runQuery(SearchModel &search, const QString &query) {
    QSignalSpy finished(&search, &SearchModel::finished);
    search.setQuery(query);
    if (finished.isEmpty()) // a query that cannot run finishes at once
        QVERIFY(finished.wait(kWaitMs));
    QVERIFY(!search.busy());
}

void TestAppSearch::searchAsYouType() {
    SearchModel &search = *m_app->search();
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Typed letter by letter: each keystroke replaces the query running; the hits shown are
    // the last text's, and the word being typed matches as a prefix.
    QSignalSpy finished(&search, &SearchModel::finished);
    for (const QString &typed : {u"t"_s, u"to"_s, u"tom"_s, u"toma"_s})
        search.setQuery(typed);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && !search.busy(), kWaitMs);
    QCOMPARE(search.query(), u"toma"_s);
    QCOMPARE(search.rowCount(), 2);
    for (int row = 0; row < search.rowCount(); ++row) {
        const QString snippet = roleOf(search, row, SearchModel::SnippetRole).toString();
        QVERIFY2(snippet.contains(u">tomatoes</span>"_s), qPrintable(snippet));
    }
    QCOMPARE(search.statusText(), u"2 messages"_s);
    // Diacritics and case do not matter.
    runQuery(search, u"CAFE "_s);
    QCOMPARE(search.rowCount(), 1);
    QCOMPARE(roleOf(search, 0, SearchModel::SenderNameRole).toString(), u"bob"_s);
    QCOMPARE(roleOf(search, 0, SearchModel::ConversationTitleRole).toString(), u"Garden club"_s);
    runQuery(search, u"\"green tomatoes\" "_s);
    QCOMPARE(search.rowCount(), 1);
    runQuery(search, QString());
    QCOMPARE(search.rowCount(), 0);
    QCOMPARE(search.statusText(), QString());
}

void TestAppSearch::operatorsFilter() {
    SearchModel &search = *m_app->search();
    runQuery(search, u"tomatoes in:garden"_s);
    QCOMPARE(search.rowCount(), 1);
    QCOMPARE(roleOf(search, 0, SearchModel::ConversationIdRole).toULongLong(), m_garden.value);
    runQuery(search, u"has:link"_s); // a filter alone lists what matches
    QCOMPARE(search.rowCount(), 1);
    QVERIFY(roleOf(search, 0, SearchModel::SnippetRole).toString().contains(u"books.test"_s));
    runQuery(search, u"mentions:me"_s);
    QCOMPARE(search.rowCount(), 1);
    QVERIFY(roleOf(search, 0, SearchModel::SnippetRole).toString().contains(u"ripe"_s));
    runQuery(search, u"from:alice"_s);
    QCOMPARE(search.rowCount(), 0);
    QCOMPARE(search.statusText(), u"No messages match."_s);
    runQuery(search, u"from:bob on:today tomatoes"_s);
    QCOMPARE(search.rowCount(), 2);
    runQuery(search, u"from:bob before:today tomatoes"_s);
    QCOMPARE(search.rowCount(), 0);
    // The chips are the operators; removing one removes exactly its text.
    QCOMPARE(search.chips().size(), 2);
    search.removeChip(1);
    QCOMPARE(search.query(), u"from:bob tomatoes "_s);
    search.addFilter(u"in:\"book club\""_s);
    QCOMPARE(search.query(), u"from:bob tomatoes in:\"book club\" "_s);
    QTRY_VERIFY_WITH_TIMEOUT(!search.busy() && search.rowCount() == 1, kWaitMs);
    // The panel's scope: one conversation.
    search.setScope(int(m_books.value));
    QCOMPARE(search.scopeTitle(), u"Book club"_s);
    runQuery(search, u"tomatoes"_s);
    QCOMPARE(search.rowCount(), 1);
    QCOMPARE(roleOf(search, 0, SearchModel::ConversationIdRole).toULongLong(), m_books.value);
}

void TestAppSearch::everywhereGroupsByConversation() {
    SearchModel &search = *m_app->search();
    // Newest first, the hits of the two conversations interleave in time (books, garden,
    // books); the rows keep each conversation's hits together, the newest's first.
    runQuery(search, u"the "_s);
    QVERIFY(search.rowCount() >= 3);
    QList<quint64> seen;
    quint64 previous = 0;
    for (int row = 0; row < search.rowCount(); ++row) {
        const quint64 conversation =
            roleOf(search, row, SearchModel::ConversationIdRole).toULongLong();
        if (conversation != previous) {
            QVERIFY2(!seen.contains(conversation), "a conversation's hits are together");
            seen.append(conversation);
            previous = conversation;
        }
    }
    QCOMPARE(seen, (QList<quint64>{m_books.value, m_garden.value}));
    // Each group's first hit carries its heading; scoped to one conversation, none does.
    QCOMPARE(roleOf(search, 0, SearchModel::GroupTitleRole).toString(), u"Book club"_s);
    QCOMPARE(roleOf(search, 1, SearchModel::GroupTitleRole).toString(),
             roleOf(search, 1, SearchModel::ConversationIdRole).toULongLong() == m_books.value
                 ? QString()
                 : u"Garden club"_s);
    search.setScope(int(m_garden.value));
    QTRY_VERIFY_WITH_TIMEOUT(!search.busy() && search.rowCount() >= 3, kWaitMs);
    QCOMPARE(roleOf(search, 0, SearchModel::GroupTitleRole).toString(), QString());
    search.setScope(0);
    search.setRelevance(true);
    QTRY_VERIFY_WITH_TIMEOUT(!search.busy() && search.rowCount() >= 3, kWaitMs);
}

void TestAppSearch::problemsAreSaid() {
    SearchModel &search = *m_app->search();
    runQuery(search, u"tomatoes in:nowhere"_s);
    QCOMPARE(search.rowCount(), 0);
    QCOMPARE(search.statusText(), u"in:nowhere: no conversation has that name"_s);
    runQuery(search, u"report has:file"_s);
    QCOMPARE(search.rowCount(), 0);
    QVERIFY(search.statusText().startsWith(u"has:file: "_s));
    QCOMPARE(search.chips().front().toMap().value(u"understood"_s).toBool(), false);
}

void TestAppSearch::openingAHitShowsItInContext() {
    SearchModel &search = *m_app->search();
    runQuery(search, u"needle"_s);
    QCOMPARE(search.rowCount(), 1);
    const int conversation = roleOf(search, 0, SearchModel::ConversationIdRole).toInt();
    const qint64 seq = roleOf(search, 0, SearchModel::SeqRole).toLongLong();
    QCOMPARE(quint64(seq), m_needleSeq);
    QCOMPARE(search.hitAt(0).value(u"seq"_s).toLongLong(), seq); // Enter in the field
    QVERIFY(search.hitAt(1).isEmpty());
    m_app->openConversation(int(m_books.value));
    m_app->openConversationAt(conversation, seq);
    QCOMPARE(m_app->current()->conversationId(), conversation);
    TimelineModel &timeline = *m_app->current()->timeline();
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy jumped(&timeline, &TimelineModel::jumped);
    QTRY_VERIFY_WITH_TIMEOUT(!jumped.isEmpty(), kWaitMs);
    const int row = jumped.front().front().toInt();
    QCOMPARE(roleOf(timeline, row, TimelineModel::SeqRole).toLongLong(), seq);
    QCOMPARE(roleOf(timeline, row, TimelineModel::TextRole).toString(),
             u"the needle in the haystack"_s);
    QCOMPARE(timeline.highlightSeq(), seq);
    QVERIFY2(!timeline.showsLatest(), "the newer messages are not all loaded with it");
    QVERIFY(row > 0); // older rows above it to scroll into
    QVERIFY(timeline.rowCount() - row > 1);

    // A message arriving meanwhile is not appended to a page far from it...
    const int rows = timeline.rowCount();
    QVERIFY(m_bob->engine().sendText(m_garden, u"arrived while reading old news"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->conversations()
                                     ->find(m_garden.value)
                                     .value_or(app::ConversationRow{})
                                     .lastMessageText == u"arrived while reading old news"_s,
                             kWaitMs);
    QCOMPARE(timeline.rowCount(), rows);
    // ...and paging forward reaches the newest, contiguously, then follows again.
    int pages = 0;
    while (!timeline.showsLatest() && pages++ < 20) {
        QSignalSpy loaded(&timeline, &TimelineModel::loaded);
        timeline.loadNewer();
        QVERIFY(loaded.wait(kWaitMs));
    }
    QVERIFY(timeline.showsLatest());
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(timeline, timeline.rowCount() - 1, TimelineModel::TextRole).toString(),
        u"arrived while reading old news"_s, kWaitMs);
    for (int r = 1; r < timeline.rowCount(); ++r) {
        QVERIFY(roleOf(timeline, r, TimelineModel::SeqRole).toLongLong() >
                roleOf(timeline, r - 1, TimelineModel::SeqRole).toLongLong());
    }
    QCOMPARE(timeline.rowCount() - 1 - timeline.rowOfSeq(seq), kFillers + 1); // no gap
    QVERIFY(m_bob->engine().sendText(m_garden, u"and now followed"_s));
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(timeline, timeline.rowCount() - 1, TimelineModel::TextRole).toString(),
        u"and now followed"_s, kWaitMs);

    // Jumping to a loaded message lands at once; "latest" reloads the newest page.
    QSignalSpy again(&timeline, &TimelineModel::jumped);
    timeline.jumpTo(seq);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.front().front().toInt(), timeline.rowOfSeq(seq));
}

void TestAppSearch::jumpToDate() {
    // Opened afresh: the newest page only.
    m_app->openConversation(int(m_books.value));
    m_app->openConversation(int(m_garden.value));
    ConversationController *current = m_app->current();
    TimelineModel &timeline = *current->timeline();
    QTRY_VERIFY_WITH_TIMEOUT(timeline.rowCount() > 0, kWaitMs);
    // Everything was sent today: today's first event is the conversation's first.
    QSignalSpy jumped(&timeline, &TimelineModel::jumped);
    current->jumpToDate(QDate::currentDate());
    QTRY_VERIFY_WITH_TIMEOUT(!jumped.isEmpty(), kWaitMs);
    QCOMPARE(jumped.front().front().toInt(), 0);
    QVERIFY(timeline.atStart());
    QVERIFY(!timeline.showsLatest());
    // A day with nothing after it: the newest page.
    current->jumpToDate(QDate::currentDate().addDays(1));
    QTRY_VERIFY_WITH_TIMEOUT(timeline.showsLatest(), kWaitMs);
    QCOMPARE(roleOf(timeline, timeline.rowCount() - 1, TimelineModel::TextRole).toString(),
             u"and now followed"_s);
}

QTEST_MAIN(TestAppSearch)
#include "tst_app_search.moc"
