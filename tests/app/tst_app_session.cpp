// SPDX-License-Identifier: GPL-3.0-or-later
// The app's models and controllers against a real relay and real SQLCipher profiles: alice uses
// the app's composition root (App), bob is a plain engine. Every model runs under
// QAbstractItemModelTester.
#include "app/app_controller.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

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

constexpr int kWaitMs = test::kEngineWaitMs;

QVariant roleOf(const QAbstractItemModel &model, int row, int role) {
    return model.data(model.index(row, 0), role);
}

//! The rows' values of one role.
QVariantList column(const QAbstractItemModel &model, int role) {
    QVariantList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(roleOf(model, row, role));
    return values;
}

//! Texts of the timeline's messages (not membership lines).
QStringList messageTexts(const TimelineModel &timeline) {
    QStringList texts;
    for (int row = 0; row < timeline.rowCount(); ++row) {
        if (roleOf(timeline, row, TimelineModel::EventKindRole).toString() == u"message"_s)
            texts.append(roleOf(timeline, row, TimelineModel::TextRole).toString());
    }
    return texts;
}

} // namespace

class TestAppSession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstRunRegistersAndShowsConversations();
    void wrongPassphraseIsExplained();
    void takenNameIsExplained();
    void timelinePagesAndFollowsNewMessages();
    void sendShowsPendingThenReadByOthers();
    void offlineComposeIsDeliveredAfterReconnect();
    void editsReactionsAndDeletesUpdateRowsInPlace();
    void failedMessageCanBeRetried();
    void newDeviceIsApprovedFromTheApp();
    void typingMembersAndDirectMessages();

private:
    //! Creates alice's profile through the app and waits until it is ready.
    void startAlice();
    //! Bob makes a group with alice and returns its id once alice's sidebar lists it.
    hearth::ConversationId makeGroup(const QString &title);
    //! A group bob made, open in alice's app, its timeline under a model tester.
    struct OpenGroup final {
        hearth::ConversationId id;
        app::ConversationController *controller = nullptr; //!< null when it failed
        std::shared_ptr<QAbstractItemModelTester> tester;
    };
    [[nodiscard]] OpenGroup openNewGroup(const QString &title);
    [[nodiscard]] int rowOf(quint64 conversation) const {
        return m_app->conversations()->indexOf(int(conversation));
    }

    std::unique_ptr<test::RelayProcess> m_relay;
    //! A stable address in front of the relay: a restarted relay gets another port.
    std::unique_ptr<test::EvilProxy> m_proxy;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppController> m_app;
    std::unique_ptr<test::TestDevice> m_bob;
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
};

void TestAppSession::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestAppSession::init() {
    m_relay = std::make_unique<test::RelayProcess>(
        QStringList{u"--limit"_s, u"rate_per_second=10000"_s, u"--limit"_s, u"rate_burst=10000"_s});
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
    m_proxy = std::make_unique<test::EvilProxy>(m_relay->wsUrl());
    QVERIFY(m_proxy->listen());
    m_dir = std::make_unique<QTemporaryDir>();
    app::AppOptions options;
    options.profileDirectory = m_dir->path() + u"/alice"_s;
    options.defaultRelay = m_proxy->url();
    options.cost = crypto::PasswordHashCost::Minimum;
    m_app = std::make_unique<AppController>(options);
    m_listTester = std::make_unique<QAbstractItemModelTester>(
        m_app->conversations(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_bob = std::make_unique<test::TestDevice>();
    QCOMPARE(m_bob->registerAccount(m_proxy->url(), u"bob"_s), QString());
}

void TestAppSession::cleanup() {
    m_listTester.reset();
    m_app.reset();
    m_bob.reset();
    m_proxy.reset();
    m_relay.reset();
    m_dir.reset();
}

void TestAppSession::startAlice() {
    QCOMPARE(m_app->stage(), u"setup"_s);
    m_app->createAccount(u"Alice"_s, QString::fromLatin1(test::kTestPassword), u"a passphrase"_s,
                         m_proxy->url().toString(), false);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->stage(), u"ready"_s, kWaitMs);
    QCOMPARE(m_app->errorText(), QString());
    QCOMPARE(m_app->userName(), u"alice"_s); // names are lower-cased like the relay's
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionState(), u"online"_s, kWaitMs);
}

hearth::ConversationId TestAppSession::makeGroup(const QString &title) {
    auto id = test::createConversation(m_bob->engine(), hearth::ConversationKind::Group,
                                       {u"alice"_s}, title);
    if (!id)
        return {};
    (void)QTest::qWaitFor([&] { return rowOf(id->value) >= 0; }, kWaitMs);
    return rowOf(id->value) >= 0 ? *id : hearth::ConversationId{};
}

TestAppSession::OpenGroup TestAppSession::openNewGroup(const QString &title) {
    OpenGroup opened;
    opened.id = makeGroup(title);
    if (opened.id.value == 0)
        return opened;
    m_app->openConversation(int(opened.id.value));
    auto *current = m_app->current();
    opened.tester = std::make_shared<QAbstractItemModelTester>(
        current->timeline(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (QTest::qWaitFor([current] { return current->canPost(); }, kWaitMs))
        opened.controller = current;
    return opened;
}

void TestAppSession::firstRunRegistersAndShowsConversations() {
    startAlice();
    const auto group = makeGroup(u"Garden club"_s);
    QVERIFY(group.value != 0);
    for (const QString &text : {u"first"_s, u"**second**"_s, u"third"_s})
        QVERIFY(m_bob->engine().sendText(group, text));
    ConversationListModel &list = *m_app->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(list, rowOf(group.value), ConversationListModel::UnreadCountRole).toInt(), 3,
        kWaitMs);
    const int row = rowOf(group.value);
    QCOMPARE(roleOf(list, row, ConversationListModel::TitleRole).toString(), u"Garden club"_s);
    QCOMPARE(roleOf(list, row, ConversationListModel::KindRole).toString(), u"group"_s);
    QCOMPARE(roleOf(list, row, ConversationListModel::LastMessageTextRole).toString(), u"third"_s);
    QCOMPARE(roleOf(list, row, ConversationListModel::LastMessageSenderRole).toString(), u"bob"_s);
    QCOMPARE(roleOf(list, row, ConversationListModel::InitialsRole).toString(), u"GC"_s);

    // The filter narrows the list and widens again.
    list.setFilterText(u"nothing like it"_s);
    QCOMPARE(list.rowCount(), 0);
    list.setFilterText(u"garden"_s);
    QCOMPARE(list.rowCount(), 1);
    list.setFilterText({});

    // Opening and reading clears the badge; the markdown is rendered, not shown raw.
    m_app->openConversation(int(group.value));
    QVERIFY(m_app->current());
    TimelineModel &timeline = *m_app->current()->timeline();
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(timeline),
                              (QStringList{u"first"_s, u"**second**"_s, u"third"_s}), kWaitMs);
    const int second = int(timeline.rowCount()) - 2;
    QVERIFY(
        roleOf(timeline, second, TimelineModel::HtmlRole).toString().contains(u"<b>"_s) ||
        roleOf(timeline, second, TimelineModel::HtmlRole).toString().contains(u"font-weight"_s));
    QCOMPARE(roleOf(timeline, second, TimelineModel::FirstInGroupRole).toBool(), false);
    QCOMPARE(roleOf(timeline, second - 1, TimelineModel::FirstInGroupRole).toBool(), true);
    m_app->current()->markRead();
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(list, rowOf(group.value), ConversationListModel::UnreadCountRole).toInt(), 0,
        kWaitMs);
    // Bob's own other device would see the marker; bob sees alice's receipt for his message.
}

void TestAppSession::wrongPassphraseIsExplained() {
    startAlice();
    m_app.reset(); // the app closes; the profile stays
    app::AppOptions options;
    options.profileDirectory = m_dir->path() + u"/alice"_s;
    options.defaultRelay = m_proxy->url();
    m_app = std::make_unique<AppController>(options);
    QCOMPARE(m_app->stage(), u"unlock"_s);
    m_app->unlock(u"not the passphrase"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->busy(), kWaitMs);
    QCOMPARE(m_app->stage(), u"unlock"_s);
    QCOMPARE(m_app->errorText(), u"That passphrase doesn't unlock this profile."_s);
    m_app->unlock(u"a passphrase"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->stage(), u"ready"_s, kWaitMs);
    QCOMPARE(m_app->errorText(), QString());
}

void TestAppSession::takenNameIsExplained() {
    m_app->createAccount(u"bob"_s, QString::fromLatin1(test::kTestPassword), u"pass"_s,
                         m_proxy->url().toString(), false);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->busy(), kWaitMs);
    QCOMPARE(m_app->stage(), u"setup"_s);
    QVERIFY2(m_app->errorText().contains(u"taken"_s), qPrintable(m_app->errorText()));
    // Nothing was left behind: the member can try another name in the same place.
    QVERIFY(!store::Profile::exists(m_dir->path() + u"/alice"_s));

    // An unreachable relay is said so.
    m_app->createAccount(u"alice"_s, QString::fromLatin1(test::kTestPassword), u"pass"_s,
                         u"ws://127.0.0.1:1"_s, false);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->busy(), kWaitMs);
    QVERIFY2(m_app->errorText().contains(u"reach the relay"_s), qPrintable(m_app->errorText()));
}

void TestAppSession::timelinePagesAndFollowsNewMessages() {
    startAlice();
    const auto group = makeGroup(u"Busy"_s);
    constexpr int kMessages = 150;
    for (int i = 0; i < kMessages; ++i)
        QVERIFY(m_bob->engine().sendText(group, u"message %1"_s.arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(*m_app->conversations(), rowOf(group.value), ConversationListModel::UnreadCountRole)
            .toInt(),
        kMessages, kWaitMs);
    m_app->openConversation(int(group.value));
    TimelineModel &timeline = *m_app->current()->timeline();
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(timeline.rowCount(), TimelineModel::kPageSize, kWaitMs);
    QVERIFY(!timeline.atStart());
    while (!timeline.atStart()) {
        QSignalSpy loaded(&timeline, &TimelineModel::loaded);
        timeline.loadOlder();
        QVERIFY(loaded.wait(kWaitMs));
    }
    QStringList expected;
    for (int i = 0; i < kMessages; ++i)
        expected.append(u"message %1"_s.arg(i));
    QCOMPARE(messageTexts(timeline), expected);
    // Ascending seq, and the membership line at the top.
    const QVariantList seqs = column(timeline, TimelineModel::SeqRole);
    QVERIFY(std::is_sorted(seqs.begin(), seqs.end(), [](const QVariant &a, const QVariant &b) {
        return a.toLongLong() < b.toLongLong();
    }));
    QCOMPARE(roleOf(timeline, 0, TimelineModel::EventKindRole).toString(), u"membership"_s);
    QCOMPARE(roleOf(timeline, 0, TimelineModel::TextRole).toString(), u"bob created Busy"_s);
    QCOMPARE(roleOf(timeline, 0, TimelineModel::DaySeparatorRole).toString(), u"Today"_s);
    QCOMPARE(roleOf(timeline, 1, TimelineModel::DaySeparatorRole).toString(), QString());

    // New messages arrive at the end.
    QVERIFY(m_bob->engine().sendText(group, u"latest"_s));
    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(timeline).last(), u"latest"_s, kWaitMs);
    QCOMPARE(messageTexts(timeline).size(), kMessages + 1);
}

void TestAppSession::sendShowsPendingThenReadByOthers() {
    startAlice();
    const OpenGroup opened = openNewGroup(u"Replies"_s);
    QVERIFY(opened.controller);
    const auto group = opened.id;
    auto *current = opened.controller;
    TimelineModel &timeline = *current->timeline();
    current->send(u"  hello bob  "_s);
    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(timeline), QStringList{u"hello bob"_s}, kWaitMs);
    const int row = timeline.rowCount() - 1;
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::StateRole).toString(), u"sent"_s,
                              kWaitMs);
    QVERIFY(roleOf(timeline, row, TimelineModel::SeqRole).toLongLong() > 0);
    QCOMPARE(roleOf(timeline, row, TimelineModel::OwnRole).toBool(), true);
    // Bob reads it: alice sees "read" by one.
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group), QStringList{u"hello bob"_s}, kWaitMs);
    QVERIFY(!m_bob->engine().markRead(
        group, quint64(roleOf(timeline, row, TimelineModel::SeqRole).toLongLong())));
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::StateRole).toString(), u"read"_s,
                              kWaitMs);
    QCOMPARE(roleOf(timeline, row, TimelineModel::ReadByCountRole).toInt(), 1);
    // An empty message is not sent.
    current->send(u"   "_s);
    QTest::qWait(200); // a negative check: nothing to wait for
    QCOMPARE(messageTexts(timeline).size(), 1);
}

void TestAppSession::offlineComposeIsDeliveredAfterReconnect() {
    startAlice();
    const OpenGroup opened = openNewGroup(u"Offline"_s);
    QVERIFY(opened.controller);
    const auto group = opened.id;
    auto *current = opened.controller;
    TimelineModel &timeline = *current->timeline();
    // Make sure alice's session reached bob before the relay goes away.
    current->send(u"before"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group), QStringList{u"before"_s}, kWaitMs);

    m_relay->kill();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionState(), u"offline"_s, kWaitMs);
    current->send(u"written offline"_s);
    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(timeline).last(), u"written offline"_s, kWaitMs);
    const int row = timeline.rowCount() - 1;
    QCOMPARE(roleOf(timeline, row, TimelineModel::StateRole).toString(), u"pending"_s);
    QCOMPARE(roleOf(timeline, row, TimelineModel::SeqRole).toLongLong(), 0);

    QVERIFY(m_relay->start());
    m_proxy->setUpstream(m_relay->wsUrl());
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::StateRole).toString(), u"sent"_s,
                              kWaitMs);
    QVERIFY(roleOf(timeline, row, TimelineModel::SeqRole).toLongLong() > 0);
    QCOMPARE(messageTexts(timeline), (QStringList{u"before"_s, u"written offline"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group), (QStringList{u"before"_s, u"written offline"_s}),
                              kWaitMs);
}

void TestAppSession::editsReactionsAndDeletesUpdateRowsInPlace() {
    startAlice();
    const OpenGroup opened = openNewGroup(u"Edits"_s);
    QVERIFY(opened.controller);
    const auto group = opened.id;
    auto *current = opened.controller;
    TimelineModel &timeline = *current->timeline();
    current->send(u"teh typo"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(timeline, timeline.rowCount() - 1, TimelineModel::StateRole).toString(), u"sent"_s,
        kWaitMs);
    const int row = timeline.rowCount() - 1;
    const qint64 seq = roleOf(timeline, row, TimelineModel::SeqRole).toLongLong();
    QCOMPARE(current->lastOwnMessage().value(u"seq"_s).toLongLong(), seq);

    current->edit(seq, u"the typo, fixed"_s);
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::TextRole).toString(),
                              u"the typo, fixed"_s, kWaitMs);
    QCOMPARE(roleOf(timeline, row, TimelineModel::EditedRole).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group), QStringList{u"the typo, fixed"_s}, kWaitMs);

    current->react(seq, u"👍"_s);
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::ReactionsRole).toList().size(),
                              1, kWaitMs);
    const QVariantMap reaction =
        roleOf(timeline, row, TimelineModel::ReactionsRole).toList().first().toMap();
    QCOMPARE(reaction.value(u"emoji"_s).toString(), u"👍"_s);
    QCOMPARE(reaction.value(u"count"_s).toInt(), 1);
    QCOMPARE(reaction.value(u"mine"_s).toBool(), true);
    current->react(seq, u"👍"_s); // a second click takes it back
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::ReactionsRole).toList().size(),
                              0, kWaitMs);

    current->remove(seq);
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::DeletedRole).toBool(), true,
                              kWaitMs);
    QCOMPARE(timeline.rowCount(), row + 1); // changed in place, no row added
}

void TestAppSession::failedMessageCanBeRetried() {
    startAlice();
    const OpenGroup opened = openNewGroup(u"Limits"_s);
    QVERIFY(opened.controller);
    const auto group = opened.id;
    auto *current = opened.controller;
    TimelineModel &timeline = *current->timeline();
    current->send(u"short enough"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group), QStringList{u"short enough"_s}, kWaitMs);

    // The relay refuses a long message for good: it shows as failed, not lost.
    m_relay->kill();
    m_relay->setExtraArgs({u"--limit"_s, u"max_payload_bytes=600"_s});
    QVERIFY(m_relay->start());
    m_proxy->setUpstream(m_relay->wsUrl());
    const QString longText = QString(2000, u'x');
    current->send(longText);
    QTRY_COMPARE_WITH_TIMEOUT(
        roleOf(timeline, timeline.rowCount() - 1, TimelineModel::StateRole).toString(), u"failed"_s,
        kWaitMs);
    const int row = timeline.rowCount() - 1;
    QCOMPARE(roleOf(timeline, row, TimelineModel::TextRole).toString(), longText);

    // The relay's limit is raised; the member taps retry: it goes out.
    m_relay->kill();
    m_relay->setExtraArgs({});
    QVERIFY(m_relay->start());
    m_proxy->setUpstream(m_relay->wsUrl());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionState(), u"online"_s, kWaitMs);
    current->retry(row);
    QTRY_COMPARE_WITH_TIMEOUT(roleOf(timeline, row, TimelineModel::StateRole).toString(), u"sent"_s,
                              kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->texts(group), (QStringList{u"short enough"_s, longText}),
                              kWaitMs);
}

void TestAppSession::newDeviceIsApprovedFromTheApp() {
    startAlice();
    app::SettingsController &settings = *m_app->settings();
    QTRY_COMPARE_WITH_TIMEOUT(settings.devices().size(), 1, kWaitMs);
    QVERIFY(settings.thisDeviceApproved());
    QVERIFY(!settings.accountFingerprint().isEmpty());

    // alice signs in on a second computer: the app asks to approve it.
    test::TestDevice laptop;
    QCOMPARE(laptop.addDevice(m_proxy->url(), u"alice"_s), QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->pendingDeviceId(), int(laptop->device().value), kWaitMs);
    // A code other than the one the laptop shows is refused, and the laptop stays pending.
    const QString code = laptop->approvalCode();
    QString wrong = code;
    wrong[0] = wrong[0] == u'A' ? u'B' : u'A';
    m_app->approvePendingDevice(wrong);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->approving(), kWaitMs);
    QVERIFY2(m_app->approvalError().contains(u"does not match"_s),
             qPrintable(m_app->approvalError()));
    QCOMPARE(m_app->pendingDeviceId(), int(laptop->device().value));
    QVERIFY(!laptop->holdsAccountKey());
    m_app->approvePendingDevice(code);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->pendingDeviceId(), 0, kWaitMs);
    QVERIFY(m_app->approvalError().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QVariantList devices = settings.devices();
            return devices.size() == 2 &&
                   std::all_of(devices.begin(), devices.end(), [](const QVariant &d) {
                       return d.toMap().value(u"approved"_s).toBool();
                   });
        }(),
        kWaitMs);
    // The approved laptop now reads what bob sends.
    const auto group = makeGroup(u"Two devices"_s);
    QVERIFY(m_bob->engine().sendText(group, u"to both"_s));
    QTRY_COMPARE_WITH_TIMEOUT(laptop.texts(group), QStringList{u"to both"_s}, kWaitMs);
}

void TestAppSession::typingMembersAndDirectMessages() {
    startAlice();
    const auto group = makeGroup(u"Typing"_s);
    m_app->openConversation(int(group.value));
    auto *current = m_app->current();
    QAbstractItemModelTester tester(current->members(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(current->members()->rowCount(), 2, kWaitMs);
    // Owners first.
    QCOMPARE(roleOf(*current->members(), 0, app::MemberListModel::UserNameRole).toString(),
             u"bob"_s);
    QCOMPARE(roleOf(*current->members(), 0, app::MemberListModel::RoleRole).toString(), u"owner"_s);
    QCOMPARE(roleOf(*current->members(), 1, app::MemberListModel::IsSelfRole).toBool(), true);
    QCOMPARE(current->canManageMembers(), false);
    QCOMPARE(current->subtitle().startsWith(u"2 members"_s), true);

    m_bob->engine().sendTyping(group, true);
    QTRY_COMPARE_WITH_TIMEOUT(current->typingText(), u"bob is typing…"_s, kWaitMs);
    m_bob->engine().sendTyping(group, false);
    QTRY_COMPARE_WITH_TIMEOUT(current->typingText(), QString(), kWaitMs);

    // A DM from a member's name opens as the peer's name.
    m_app->startDirectMessage(u"Bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->current() && m_app->current()->kind() == u"dm"_s, kWaitMs);
    QCOMPARE(m_app->current()->title(), u"bob"_s);
    const int dmId = m_app->current()->conversationId();
    // Asking again opens the same DM instead of making another, even when the sidebar's
    // filter hides it.
    m_app->openConversation(int(group.value));
    m_app->conversations()->setFilterText(u"Typing"_s);
    m_app->startDirectMessage(u"bob"_s);
    QCOMPARE(m_app->current()->conversationId(), dmId);
    m_app->conversations()->setFilterText({});
}

QTEST_MAIN(TestAppSession)
#include "tst_app_session.moc"
