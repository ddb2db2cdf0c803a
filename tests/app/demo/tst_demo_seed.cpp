// SPDX-License-Identifier: GPL-3.0-or-later
// The demo community seeded on a real relay: what sam's and bob's stores hold afterwards, a
// second run that changes nothing, and the two ways a run starts over or refuses.
#include "app/demo/demo_cast.h"
#include "app/demo/demo_community.h"
#include "app/demo/demo_live.h"
#include "app/demo/demo_profiles.h"
#include "app/demo/demo_seeder.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"
#include "tests/support/relay_process.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <future>

using namespace Qt::Literals::StringLiterals;
using namespace hearth;
using demo::DemoCast;
using demo::DemoFailure;
using demo::DemoSeeder;
using demo::SeedOutcome;

namespace {

constexpr int kTimeoutMs = 45000;
//! Enough of the busy group to include its first edit and deletion, small enough to be quick.
constexpr int kHistory = 95;

std::variant<SeedOutcome, DemoFailure> seed(const QUrl &relay, int history) {
    DemoCast cast(relay, kTimeoutMs);
    DemoSeeder seeder(cast, {relay, history});
    return seeder.run();
}

QString describe(const std::variant<SeedOutcome, DemoFailure> &outcome) {
    if (const auto *failure = std::get_if<DemoFailure>(&outcome))
        return u"failed (%1): %2"_s.arg(failure->exitCode).arg(failure->message);
    return std::get<SeedOutcome>(outcome) == SeedOutcome::Seeded ? u"seeded"_s
                                                                 : u"already seeded"_s;
}

std::unique_ptr<store::Store> openReadOnly(const QString &member) {
    auto profile =
        store::Profile::unlock(demo::demoProfileDirectory(member), demo::kDemoPassphrase);
    if (!profile)
        return nullptr;
    auto opened = profile->openStore(store::Access::ReadOnly);
    return opened ? std::move(*opened) : nullptr;
}

//! seq|sender|text|edited|deleted|reactions of every message, as comparable lines.
QStringList history(store::Store &store, hearth::ConversationId conversation) {
    QStringList lines;
    auto events = store.timeline().after(conversation, 0, 100000);
    if (!events)
        return {u"<store error>"_s};
    for (const store::TimelineEvent &event : *events) {
        if (event.kind != store::EventKind::Message)
            continue;
        QStringList reactions;
        for (const store::ReactionGroup &group : event.reactions)
            reactions.append(group.emoji + QString::number(group.users.size()));
        lines.append(u"%1|%2|%3|%4|%5|%6"_s.arg(
            QString::number(event.seq), event.sender.user.name, event.text,
            event.editedTs ? u"e"_s : u""_s, event.deleted ? u"d"_s : u""_s, reactions.join(u',')));
    }
    return lines;
}

//! The conversation titled `title` (DMs: the one whose owner is `title`'s member), or 0.
hearth::ConversationId findByTitle(store::Store &store, const QString &title) {
    auto conversations = store.conversations().conversations();
    for (const store::Conversation &c :
         conversations ? *conversations : QList<store::Conversation>()) {
        if (c.title == title)
            return c.id;
    }
    return {};
}

} // namespace

class TestDemoSeed final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scriptsParse();
    void seedsTheCommunity();
    void secondRunChangesNothing();
    void liveMembersAnswerAndLetGo();
    void startsOverWhenTheRelayForgot();
    void refusesWhenTheRelayHasTheAccounts();

private:
    QTemporaryDir m_xdg;
    std::unique_ptr<test::RelayProcess> m_relay = std::make_unique<test::RelayProcess>();
    QStringList m_samGarden; //!< sam's garden club after the first run
};

void TestDemoSeed::initTestCase() {
    QVERIFY(m_xdg.isValid());
    qputenv("XDG_DATA_HOME", m_xdg.path().toUtf8());
    QVERIFY(demo::demoRootDirectory().startsWith(m_xdg.path()));
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
}

void TestDemoSeed::scriptsParse() {
    for (const demo::DemoConversation &conversation : demo::demoConversations()) {
        const demo::ParsedScript script = demo::loadScript(conversation.script);
        QVERIFY2(script.error.isEmpty(), qPrintable(script.error));
        QVERIFY(!script.steps.isEmpty());
        const QStringList members = QStringList{conversation.owner} + conversation.members;
        for (const demo::ScriptStep &step : script.steps) {
            QVERIFY2(members.contains(step.author), qPrintable(conversation.script));
            if (conversation.kind == hearth::ConversationKind::Channel)
                QCOMPARE(step.author, conversation.owner); // members of a channel only read
        }
    }
    const demo::ParsedScript parsed = demo::parseScript(
        u"alice#a: **hi**\n| second line\n+bob 🎉\nbob>a: yo\n~alice a: hello\n-bob b\n"_s);
    QCOMPARE(parsed.error, u"line 6: unknown tag \"b\""_s);
    const demo::ParsedScript good = demo::parseScript(u"alice#a: **hi**\n| two\n+bob 🎉\n"_s);
    QVERIFY2(good.error.isEmpty(), qPrintable(good.error));
    QCOMPARE(good.steps.size(), 2);
    QCOMPARE(good.steps.at(0).text, u"**hi**\ntwo"_s);
    QCOMPARE(good.steps.at(1).kind, demo::ScriptStep::Kind::React);
    QCOMPARE(good.steps.at(1).text, u"🎉"_s);
}

void TestDemoSeed::seedsTheCommunity() {
    const auto outcome = seed(m_relay->wsUrl(), kHistory);
    QVERIFY2(std::holds_alternative<SeedOutcome>(outcome) &&
                 std::get<SeedOutcome>(outcome) == SeedOutcome::Seeded,
             qPrintable(describe(outcome)));

    auto sam = openReadOnly(u"sam"_s);
    QVERIFY(sam);
    auto summaries = sam->timeline().summaries(0);
    QVERIFY(summaries);
    QHash<QString, store::ConversationSummary> byName;
    for (const store::ConversationSummary &summary : *summaries) {
        const store::Conversation &c = summary.conversation;
        QString name = c.title;
        if (c.kind == hearth::ConversationKind::Dm) {
            auto members = sam->conversations().members(c.id);
            QVERIFY(members);
            for (const store::Member &member : *members) {
                if (member.user.name != u"sam"_s)
                    name = u"dm "_s + member.user.name;
            }
        }
        byName.insert(name, summary);
    }
    QCOMPARE(byName.size(), 6);
    const QList<std::tuple<QString, hearth::ConversationKind, qint64>> expected = {
        {u"Garden club"_s, hearth::ConversationKind::Group, 7},
        {u"Saturday hikes"_s, hearth::ConversationKind::Group, 0},
        {u"Announcements"_s, hearth::ConversationKind::Channel, 1},
        {u"dm alice"_s, hearth::ConversationKind::Dm, 2},
        {u"dm dave"_s, hearth::ConversationKind::Dm, 0},
        {u"dm erin"_s, hearth::ConversationKind::Dm, 1},
    };
    for (const auto &[name, kind, unread] : expected) {
        QVERIFY2(byName.contains(name), qPrintable(name));
        QCOMPARE(byName.value(name).conversation.kind, kind);
        QCOMPARE(byName.value(name).unreadCount, unread);
    }
    QCOMPARE(byName.value(u"Announcements"_s).conversation.ownRole, hearth::Role::Member);

    // The busy group, decrypted and in script order: every message, its edits and deletion.
    const hearth::ConversationId garden = byName.value(u"Garden club"_s).conversation.id;
    const demo::ParsedScript script = demo::loadScript(u"garden_club"_s);
    QVERIFY2(script.error.isEmpty(), qPrintable(script.error));
    QStringList expectedTexts;
    QHash<QString, qsizetype> tagged;
    qsizetype lastIndex = -1;
    for (const demo::ScriptStep &step : demo::truncateScript(script.steps, kHistory)) {
        const qsizetype index = step.target.isEmpty() ? lastIndex : tagged.value(step.target);
        if (step.kind == demo::ScriptStep::Kind::Message) {
            expectedTexts.append(step.author + u": "_s + step.text);
            lastIndex = expectedTexts.size() - 1;
            if (!step.tag.isEmpty())
                tagged.insert(step.tag, lastIndex);
        } else if (step.kind == demo::ScriptStep::Kind::Edit) {
            expectedTexts[index] = step.author + u": "_s + step.text;
        } else if (step.kind == demo::ScriptStep::Kind::Delete) {
            expectedTexts[index] = step.author + u": "_s;
        }
    }
    QCOMPARE(expectedTexts.size(), kHistory);
    auto events = sam->timeline().after(garden, 0, 100000);
    QVERIFY(events);
    QStringList texts;
    bool edited = false, deleted = false, replied = false, reacted = false;
    for (const store::TimelineEvent &event : *events) {
        if (event.kind != store::EventKind::Message)
            continue;
        QCOMPARE(event.decryption, store::DecryptionState::Ok);
        texts.append(event.sender.user.name + u": "_s + event.text);
        edited = edited || event.editedTs.has_value();
        deleted = deleted || event.deleted;
        replied = replied || event.replyTo.has_value();
        reacted = reacted || !event.reactions.isEmpty();
    }
    QCOMPARE(texts, expectedTexts);
    QVERIFY(edited && deleted && replied && reacted);

    // Another member's own profile holds the same history.
    auto bob = openReadOnly(u"bob"_s);
    QVERIFY(bob);
    const hearth::ConversationId bobGarden = findByTitle(*bob, u"Garden club"_s);
    QCOMPARE(bobGarden, garden);
    m_samGarden = history(*sam, garden);
    QCOMPARE(history(*bob, bobGarden), m_samGarden);
    auto bobUnread = bob->timeline().unreadCount(bobGarden);
    QVERIFY(bobUnread);
    QCOMPARE(*bobUnread, 0);
}

void TestDemoSeed::secondRunChangesNothing() {
    QVERIFY(!m_samGarden.isEmpty());
    const auto outcome = seed(m_relay->wsUrl(), kHistory);
    QVERIFY2(std::holds_alternative<SeedOutcome>(outcome) &&
                 std::get<SeedOutcome>(outcome) == SeedOutcome::AlreadySeeded,
             qPrintable(describe(outcome)));
    auto sam = openReadOnly(u"sam"_s);
    QVERIFY(sam);
    const hearth::ConversationId garden = findByTitle(*sam, u"Garden club"_s);
    QCOMPARE(history(*sam, garden), m_samGarden);
    auto conversations = sam->conversations().conversations();
    QVERIFY(conversations);
    QCOMPARE(conversations->size(), 6);
}

void TestDemoSeed::liveMembersAnswerAndLetGo() {
    DemoCast cast(m_relay->wsUrl(), kTimeoutMs);
    DemoSeeder seeder(cast, {m_relay->wsUrl(), kHistory});
    const auto outcome = seeder.run();
    QVERIFY2(std::holds_alternative<SeedOutcome>(outcome), qPrintable(describe(outcome)));
    demo::LiveCommunity live(cast);
    live.start();
    QVERIFY(!cast.plays(u"sam"_s));
    QVERIFY(cast.plays(u"alice"_s) && cast.plays(u"bob"_s));

    // sam writes to alice; alice (played live) answers in the DM.
    DemoCast samSide(m_relay->wsUrl(), kTimeoutMs);
    QVERIFY(!samSide.claim(u"sam"_s, DemoCast::Claim::IfFree));
    QVERIFY(!samSide.open(u"sam"_s));
    QCOMPARE(samSide.connect({u"sam"_s}), demo::Reach::Online);
    engine::SyncEngine &sam = samSide.engine(u"sam"_s);
    hearth::ConversationId dm;
    auto conversations = sam.store().conversations().conversations();
    QVERIFY(conversations);
    for (const store::Conversation &c : *conversations) {
        auto members = sam.store().conversations().members(c.id);
        if (c.kind == hearth::ConversationKind::Dm && members &&
            std::any_of(members->cbegin(), members->cend(),
                        [](const store::Member &m) { return m.user.name == u"alice"_s; }))
            dm = c.id;
    }
    QVERIFY(dm.value != 0);
    QVERIFY(sam.sendText(dm, u"hi alice, is the shed open today?"_s));
    auto lastSender = [&] {
        auto latest = sam.store().timeline().latest(dm, 1);
        return latest && !latest->isEmpty() ? latest->first().sender.user.name : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(lastSender(), u"sam"_s, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(lastSender(), u"alice"_s, kTimeoutMs);

    // Another process asking for bob's profile (as `hearth --demo --as bob` does) gets it.
    auto claimed = std::async(
        std::launch::async, [] { return demo::claimDemoProfile(u"bob"_s, kTimeoutMs) != nullptr; });
    QTRY_VERIFY_WITH_TIMEOUT(!cast.plays(u"bob"_s), kTimeoutMs);
    QVERIFY(claimed.get());
    QVERIFY(cast.plays(u"alice"_s));
}

void TestDemoSeed::startsOverWhenTheRelayForgot() {
    // The relay comes back at the same address with no data, as if it had been wiped.
    const int port = m_relay->wsUrl().port();
    QCOMPARE(m_relay->terminate(), 0);
    m_relay = std::make_unique<test::RelayProcess>(QStringList{u"--port"_s, QString::number(port)});
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
    QCOMPARE(m_relay->wsUrl().port(), port);
    QVERIFY(DemoSeeder::looksSeeded(m_relay->wsUrl()));

    const auto outcome = seed(m_relay->wsUrl(), 5);
    QVERIFY2(std::holds_alternative<SeedOutcome>(outcome) &&
                 std::get<SeedOutcome>(outcome) == SeedOutcome::Seeded,
             qPrintable(describe(outcome)));
    auto sam = openReadOnly(u"sam"_s);
    QVERIFY(sam);
    QCOMPARE(history(*sam, findByTitle(*sam, u"Garden club"_s)).size(), 5);
}

void TestDemoSeed::refusesWhenTheRelayHasTheAccounts() {
    // The marker is gone (an interrupted run), so the run starts over, but the relay still has
    // the accounts of the profiles it replaces: nothing to recover them with.
    QVERIFY(QFile::remove(DemoSeeder::markerPath()));
    const auto outcome = seed(m_relay->wsUrl(), 5);
    QVERIFY2(std::holds_alternative<DemoFailure>(outcome), qPrintable(describe(outcome)));
    QCOMPARE(std::get<DemoFailure>(outcome).exitCode, demo::kExitRelayHasAccounts);
}

QTEST_GUILESS_MAIN(TestDemoSeed)
#include "tst_demo_seed.moc"
