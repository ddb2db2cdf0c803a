// SPDX-License-Identifier: GPL-3.0-or-later
// The app's timeline and sidebar apply the engine's changes to the rows they name: an edit or a
// reaction to a message far back updates its row without a reopen, and sending a message
// touches one row. Real relay and real SQLCipher profiles: alice uses the app's composition
// root (App), bob is a plain engine. Models run under QAbstractItemModelTester; their signals
// are counted with QSignalSpy.
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
using app::ConversationListModel;
using app::TimelineModel;

namespace {

constexpr int kWaitMs = 2 * test::kEngineWaitMs;
//! How far back the edited message is.
constexpr int kFillers = 1000;

QVariant roleOf(const QAbstractItemModel &model, int row, int role) {
    return model.data(model.index(row, 0), role);
}

//! The row whose text is `text`, -1 when none.
int rowWithText(const TimelineModel &timeline, const QString &text) {
    for (int row = 0; row < timeline.rowCount(); ++row) {
        if (roleOf(timeline, row, TimelineModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

//! The row of seq `seq`, -1 when not loaded.
int rowWithSeq(const TimelineModel &timeline, qint64 seq) {
    for (int row = 0; row < timeline.rowCount(); ++row) {
        if (roleOf(timeline, row, TimelineModel::SeqRole).toLongLong() == seq)
            return row;
    }
    return -1;
}

//! A relation of bob's to his own message `cmid`.
store::MessageContent relation(store::Relation kind, const store::ClientMessageId &cmid,
                               const QString &text) {
    store::MessageContent content;
    content.contentType = u"text"_s;
    content.relation = kind;
    content.text = text;
    content.target = store::EventRef::byCmid(hearth::UserId{u"bob"_s}, cmid);
    return content;
}

//! Every row a model's dataChanged() named, one entry per signal ({first, last}).
QList<std::pair<int, int>> changedRanges(const QSignalSpy &spy) {
    QList<std::pair<int, int>> ranges;
    for (const QList<QVariant> &arguments : spy)
        ranges.append({arguments.at(0).toModelIndex().row(), arguments.at(1).toModelIndex().row()});
    return ranges;
}

} // namespace

class TestAppTimelineUpdates final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void editsAndReactionsFarBackUpdateTheirRow();
    void sendingTouchesOneRow();
    void readWhenTheViewIsAtTheLatestInAnActiveWindow();

private:
    void startAlice();
    [[nodiscard]] hearth::ConversationId makeGroup(const QString &title);
    //! Counts alice's engine's timeline changes of `kind` (queued to this thread).
    [[nodiscard]] std::shared_ptr<int> countChanges(engine::TimelineChange::Kind kind);

    std::unique_ptr<test::RelayProcess> m_relay;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppController> m_app;
    std::unique_ptr<test::TestDevice> m_bob;
};

void TestAppTimelineUpdates::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestAppTimelineUpdates::init() {
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
}

void TestAppTimelineUpdates::cleanup() {
    m_app.reset();
    m_bob.reset();
    m_relay.reset();
    m_dir.reset();
}

void TestAppTimelineUpdates::startAlice() {
    m_app->createAccount(u"alice"_s, QString::fromLatin1(test::kTestPassword), u"a passphrase"_s,
                         m_relay->wsUrl().toString(), false);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->stage(), u"ready"_s, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionState(), u"online"_s, kWaitMs);
}

hearth::ConversationId TestAppTimelineUpdates::makeGroup(const QString &title) {
    auto id = test::createConversation(m_bob->engine(), hearth::ConversationKind::Group,
                                       {u"alice"_s}, title);
    if (!id)
        return {};
    (void)QTest::qWaitFor([&] { return m_app->conversations()->indexOf(int(id->value)) >= 0; },
                          kWaitMs);
    return m_app->conversations()->indexOf(int(id->value)) >= 0 ? *id : hearth::ConversationId{};
}

std::shared_ptr<int> TestAppTimelineUpdates::countChanges(engine::TimelineChange::Kind kind) {
    auto count = std::make_shared<int>(0);
    connect(m_app->host().engine(), &engine::SyncEngine::timelineChanged, this,
            [count, kind](const engine::TimelineChange &change) {
                if (change.kind == kind)
                    ++*count;
            });
    return count;
}

void TestAppTimelineUpdates::editsAndReactionsFarBackUpdateTheirRow() {
    startAlice();
    const auto group = makeGroup(u"Archive"_s);
    QVERIFY(group.value != 0);
    auto first = m_bob->engine().sendText(group, u"first, to be edited while loaded"_s);
    auto second = m_bob->engine().sendText(group, u"second, to be edited while not loaded"_s);
    QVERIFY(first && second);
    for (int i = 0; i < kFillers; ++i)
        QVERIFY(m_bob->engine().sendText(group, u"filler %1"_s.arg(i)));
    const QString newest = u"filler %1"_s.arg(kFillers - 1);
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(*m_app->conversations(),
                                     m_app->conversations()->indexOf(int(group.value)),
                                     ConversationListModel::LastMessageTextRole)
                                  .toString(),
                              newest, kWaitMs);
    // why: the app opened the group by itself when it was listed (and followed it since);
    // leave it for another conversation, then open it again: only its newest page loads.
    const auto lobby = makeGroup(u"Lobby"_s);
    QVERIFY(lobby.value != 0);
    m_app->openConversation(int(lobby.value));
    m_app->openConversation(int(group.value));
    QCOMPARE(m_app->current()->conversationId(), int(group.value));
    TimelineModel &timeline = *m_app->current()->timeline();
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(timeline.rowCount(), TimelineModel::kPageSize, kWaitMs);
    QCOMPARE(roleOf(timeline, timeline.rowCount() - 1, TimelineModel::TextRole).toString(), newest);

    // The second message is edited and reacted to while far outside what is loaded: shown as it
    // is now once older history is loaded up to it.
    const auto edits = countChanges(engine::TimelineChange::Kind::Edited);
    const auto reactions = countChanges(engine::TimelineChange::Kind::Reacted);
    QVERIFY(m_bob->engine().sendMessage(
        group, relation(store::Relation::Edit, second.value(), u"second, edited far back"_s)));
    QVERIFY(m_bob->engine().sendMessage(group,
                                        relation(store::Relation::React, second.value(), u"🎉"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(*edits >= 1 && *reactions >= 1, kWaitMs);
    QCOMPARE(rowWithText(timeline, u"second, edited far back"_s), -1); // not loaded yet
    while (!timeline.atStart()) {
        QSignalSpy loaded(&timeline, &TimelineModel::loaded);
        timeline.loadOlder();
        QVERIFY(loaded.wait(kWaitMs));
    }
    QVERIFY(timeline.rowCount() >= kFillers + 3); // membership lines, both messages, fillers
    const int secondRow = rowWithText(timeline, u"second, edited far back"_s);
    QVERIFY(secondRow > 0);
    QCOMPARE(roleOf(timeline, secondRow, TimelineModel::EditedRole).toBool(), true);
    QCOMPARE(roleOf(timeline, secondRow, TimelineModel::ReactionsRole).toList().size(), 1);

    // The first message, 1,001 messages back and loaded now, is edited and reacted to: its row
    // changes in place, without a reopen, and no other row does.
    const int row = rowWithText(timeline, u"first, to be edited while loaded"_s);
    QVERIFY(row > 0);
    const qint64 seq = roleOf(timeline, row, TimelineModel::SeqRole).toLongLong();
    QVERIFY(timeline.rowCount() - row > kFillers);
    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&timeline, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&timeline, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&timeline, &QAbstractItemModel::modelReset);
    QVERIFY(m_bob->engine().sendMessage(
        group, relation(store::Relation::Edit, first.value(), u"first, edited in place"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::TextRole).toString(),
                              u"first, edited in place"_s, kWaitMs);
    QCOMPARE(roleOf(timeline, row, TimelineModel::EditedRole).toBool(), true);
    QVERIFY(m_bob->engine().sendMessage(group,
                                        relation(store::Relation::React, first.value(), u"👍"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::ReactionsRole).toList().size(),
                              1, kWaitMs);
    const QVariantMap reaction =
        roleOf(timeline, row, TimelineModel::ReactionsRole).toList().first().toMap();
    QCOMPARE(reaction.value(u"emoji"_s).toString(), u"👍"_s);
    QCOMPARE(reaction.value(u"count"_s).toInt(), 1);
    QCOMPARE(reaction.value(u"mine"_s).toBool(), false);
    QCOMPARE(rowWithSeq(timeline, seq), row);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
    QVERIFY(!changed.isEmpty());
    for (const auto &[top, bottom] : changedRanges(changed)) {
        QCOMPARE(top, row);
        QCOMPARE(bottom, row);
    }
}

void TestAppTimelineUpdates::sendingTouchesOneRow() {
    startAlice();
    const auto group = makeGroup(u"Echo"_s);
    QVERIFY(group.value != 0);
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_bob->engine().sendText(group, u"before %1"_s.arg(i)));
    ConversationListModel &list = *m_app->conversations();
    QAbstractItemModelTester listTester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(list, list.indexOf(int(group.value)), ConversationListModel::LastMessageTextRole)
            .toString(),
        u"before 4"_s, kWaitMs);
    m_app->openConversation(int(group.value));
    auto *current = m_app->current();
    TimelineModel &timeline = *current->timeline();
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(current->canPost(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(timeline.rowCount() > 0 &&
                                 rowWithText(timeline, u"before 4"_s) == timeline.rowCount() - 1,
                             kWaitMs);
    const int rows = timeline.rowCount();
    const int listRow = list.indexOf(int(group.value));

    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&timeline, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&timeline, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&timeline, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&timeline, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&timeline, &QAbstractItemModel::layoutChanged);
    QSignalSpy listChanged(&list, &QAbstractItemModel::dataChanged);
    QSignalSpy listReset(&list, &QAbstractItemModel::modelReset);
    QSignalSpy listInserted(&list, &QAbstractItemModel::rowsInserted);
    current->send(u"hello bob"_s);
    // The local echo, then the same row sent.
    QTRY_COMPARE_WITH_TIMEOUT(inserted.size(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, rows, TimelineModel::StateRole).toString(),
                              u"sent"_s, kWaitMs);
    QVERIFY(roleOf(timeline, rows, TimelineModel::SeqRole).toLongLong() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group).last(), u"hello bob"_s, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(list, listRow, ConversationListModel::LastMessageTextRole).toString(),
        u"hello bob"_s, kWaitMs);

    QCOMPARE(timeline.rowCount(), rows + 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), rows); // one row, at the end
    QCOMPARE(inserted.first().at(2).toInt(), rows);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(moved.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);
    // pending → sent changes that row (when the echo was not already sent when it was read)
    for (const auto &[top, bottom] : changedRanges(changed)) {
        QCOMPARE(top, rows);
        QCOMPARE(bottom, rows);
    }
    // The sidebar changed only this conversation's row.
    QCOMPARE(listReset.size(), 0);
    QCOMPARE(listInserted.size(), 0);
    QVERIFY(!listChanged.isEmpty());
    for (const auto &[top, bottom] : changedRanges(listChanged)) {
        QCOMPARE(top, listRow);
        QCOMPARE(bottom, listRow);
    }
}

void TestAppTimelineUpdates::readWhenTheViewIsAtTheLatestInAnActiveWindow() {
    startAlice();
    const auto group = makeGroup(u"Reading"_s);
    QVERIFY(group.value != 0);
    ConversationListModel &list = *m_app->conversations();
    const auto unread = [&] {
        return roleOf(list, list.indexOf(int(group.value)), ConversationListModel::UnreadCountRole)
            .toInt();
    };
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_bob->engine().sendText(group, u"unread %1"_s.arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 3, kWaitMs);
    m_app->setWindowActive(false);
    m_app->openConversation(int(group.value));
    auto *current = m_app->current();
    QTRY_COMPARE_WITH_TIMEOUT(current->timeline()->lastSeq() > 0, true, kWaitMs);

    // At the latest message in a window in the background: nothing is read.
    current->setAtLatest(true);
    QTest::qWait(200); // a negative check: nothing to wait for
    QCOMPARE(unread(), 3);
    // The window comes to the front: read.
    m_app->setWindowActive(true);
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 0, kWaitMs);
    // New messages while the member looks at the end: read as they arrive.
    QVERIFY(m_bob->engine().sendText(group, u"seen at once"_s));
    QTRY_COMPARE_WITH_TIMEOUT(rowWithText(*current->timeline(), u"seen at once"_s) >= 0, true,
                              kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 0, kWaitMs);
    // Scrolled up: new messages stay unread until the view is back at the end.
    current->setAtLatest(false);
    QVERIFY(m_bob->engine().sendText(group, u"not seen yet"_s));
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 1, kWaitMs);
    QTest::qWait(200); // a negative check: nothing to wait for
    QCOMPARE(unread(), 1);
    current->setAtLatest(true);
    QTRY_COMPARE_WITH_TIMEOUT(unread(), 0, kWaitMs);
}

QTEST_MAIN(TestAppTimelineUpdates)
#include "tst_app_timeline_updates.moc"
