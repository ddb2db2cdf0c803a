// SPDX-License-Identifier: GPL-3.0-or-later
// Storing events: idempotent inserts, undecryptable messages kept and resolved later,
// membership events, batches with their cursor.
#include "store_test_support.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

class TestEvents final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void insertIsIdempotent();
    void replayUnderNewSeqIsDuplicate();
    void sameCmidFromOtherSenderIsDistinct();
    void ownMessagesAreMarked();
    void pendingThenResolved();
    void pendingRelationAppliesWhenResolved();
    void failedKeepsCiphertext();
    void membershipEventsUpdateMembers();
    void membershipConvergesInAnyOrder();
    void conversationsSnapshotAndEvents();
    void invalidEventsAreRefused();
    void pageWithCursorIsAtomic();
};

void TestEvents::insertIsIdempotent() {
    TempProfile temp;
    const IncomingEvent event = message(1, kAlice, u"hi"_s);
    QCOMPARE(valueOf(temp.store->events().insert(event)), InsertOutcome::Inserted);
    QCOMPARE(valueOf(temp.store->events().insert(event)), InsertOutcome::Duplicate);
    IncomingEvent altered = event; // a relay resending seq 1 with other content
    altered.cmid = ClientMessageId::generate();
    altered.content.text = u"forged"_s;
    QCOMPARE(valueOf(temp.store->events().insert(altered)), InsertOutcome::Duplicate);
    auto page = valueOf(temp.store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.front().text, u"hi"_s);
    QCOMPARE(page.front().cmid, event.cmid);
}

void TestEvents::replayUnderNewSeqIsDuplicate() {
    TempProfile temp;
    IncomingEvent event = message(1, kAlice, u"once"_s);
    STORE_OK(temp.store->events().insert(event));
    event.seq = 2;
    QCOMPARE(valueOf(temp.store->events().insert(event)), InsertOutcome::Duplicate);
    QCOMPARE(valueOf(temp.store->timeline().latest(kConv, 10)).size(), 1);
}

void TestEvents::sameCmidFromOtherSenderIsDistinct() {
    TempProfile temp;
    IncomingEvent first = message(1, kAlice, u"a"_s);
    IncomingEvent second = message(2, kBob, u"b"_s);
    second.cmid = first.cmid;
    QCOMPARE(valueOf(temp.store->events().insert(first)), InsertOutcome::Inserted);
    QCOMPARE(valueOf(temp.store->events().insert(second)), InsertOutcome::Inserted);
}

void TestEvents::ownMessagesAreMarked() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kMe, u"mine"_s)));
    STORE_OK(temp.store->events().insert(message(2, kAlice, u"theirs"_s)));
    auto page = valueOf(temp.store->timeline().latest(kConv, 10));
    QVERIFY(page[0].own);
    QVERIFY(!page[1].own);
    QCOMPARE(valueOf(temp.store->timeline().unreadCount(kConv)), 1);
}

void TestEvents::pendingThenResolved() {
    TempProfile temp;
    const auto session = crypto::SessionId::generate();
    IncomingEvent event = message(1, kAlice, {});
    event.decryption = DecryptionState::Pending;
    event.ciphertext = "\x01\x02ciphertext";
    event.sessionId = session;
    STORE_OK(temp.store->events().insert(event));
    STORE_OK(temp.store->events().insert(message(2, kBob, u"other"_s)));

    auto waiting = valueOf(temp.store->events().pending(session, 10));
    QCOMPARE(waiting.size(), 1);
    QCOMPARE(waiting.front().seq, 1u);
    QCOMPARE(waiting.front().ciphertext, QByteArray("\x01\x02ciphertext"));
    QCOMPARE(waiting.front().sessionId, session.bytes());
    QCOMPARE(valueOf(temp.store->events().pending(std::nullopt, 10)).size(), 1);
    auto shown = valueOf(temp.store->timeline().event(kConv, 1));
    QVERIFY(shown);
    QCOMPARE(shown->decryption, DecryptionState::Pending);
    QVERIFY(shown->text.isEmpty());
    QCOMPARE(valueOf(temp.store->timeline().unreadCount(kConv)), 2);
    QVERIFY(valueOf(temp.store->search().search(SearchQuery(u"finally"_s))).isEmpty());

    MessageContent content;
    content.contentType = u"text"_s;
    content.text = u"finally readable"_s;
    STORE_OK(temp.store->events().resolve(kConv, 1, content));
    STORE_OK(temp.store->events().resolve(kConv, 1, content)); // idempotent
    shown = valueOf(temp.store->timeline().event(kConv, 1));
    QCOMPARE(shown->decryption, DecryptionState::Ok);
    QCOMPARE(shown->text, u"finally readable"_s);
    QVERIFY(valueOf(temp.store->events().pending(session, 10)).isEmpty());
    QCOMPARE(valueOf(temp.store->search().search(SearchQuery(u"finally"_s))).size(), 1);
    QCOMPARE(searchIndexProblems(temp.store->database()), QString());
    QCOMPARE(valueOf(temp.store->database().scalar(
                 "SELECT count(*) FROM events WHERE ciphertext IS NOT NULL")),
             0);
    QCOMPARE(errorOf(temp.store->events().resolve(kConv, 99, content)), "NotFound"_L1);
}

void TestEvents::pendingRelationAppliesWhenResolved() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"target"_s)));
    IncomingEvent pending = message(2, kBob, {});
    pending.decryption = DecryptionState::Pending;
    pending.ciphertext = "x";
    STORE_OK(temp.store->events().insert(pending));
    QCOMPARE(valueOf(temp.store->timeline().latest(kConv, 10)).size(), 2); // placeholder shown

    MessageContent reaction;
    reaction.contentType = u"reaction"_s;
    reaction.text = u"👍"_s;
    reaction.relation = Relation::React;
    reaction.target = EventRef::bySeq(1);
    STORE_OK(temp.store->events().resolve(kConv, 2, reaction));
    auto page = valueOf(temp.store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 1); // the reaction is not a timeline row of its own
    QCOMPARE(page.front().reactions, (QList<ReactionGroup>{{u"👍"_s, {kBob}}}));
    QCOMPARE(valueOf(temp.store->timeline().unreadCount(kConv)), 1);
}

void TestEvents::failedKeepsCiphertext() {
    TempProfile temp;
    IncomingEvent event = message(1, kAlice, {});
    event.decryption = DecryptionState::Pending;
    event.ciphertext = "bad";
    STORE_OK(temp.store->events().insert(event));
    STORE_OK(temp.store->events().markFailed(kConv, 1));
    QVERIFY(valueOf(temp.store->events().pending(std::nullopt, 10)).isEmpty());
    auto shown = valueOf(temp.store->timeline().event(kConv, 1));
    QCOMPARE(shown->decryption, DecryptionState::Failed);
    QCOMPARE(valueOf(temp.store->database().scalar(
                 "SELECT count(*) FROM events WHERE ciphertext = CAST('bad' AS BLOB)")),
             1);
}

void TestEvents::membershipEventsUpdateMembers() {
    TempProfile temp;
    IncomingEvent create = membership(1, MembershipAction::Create, kAlice, Role::Owner);
    create.membership->conversationKind = ConversationKind::Channel;
    create.membership->title = u"News"_s;
    STORE_OK(temp.store->events().insert(create));
    STORE_OK(temp.store->events().insert(membership(2, MembershipAction::Add, kMe, Role::Member)));
    STORE_OK(temp.store->events().insert(membership(3, MembershipAction::Add, kBob, Role::Member)));
    STORE_OK(temp.store->events().insert(membership(4, MembershipAction::Role, kMe, Role::Admin)));
    STORE_OK(temp.store->events().insert(membership(5, MembershipAction::Leave, kBob)));

    auto conversation = valueOf(temp.store->conversations().conversation(kConv));
    QVERIFY(conversation);
    QCOMPARE(conversation->kind, std::optional(ConversationKind::Channel));
    QCOMPARE(conversation->title, u"News"_s);
    QCOMPARE(conversation->ownRole, std::optional(Role::Admin));
    QCOMPARE(conversation->joinedSeq, 2u);
    QCOMPARE(conversation->leftSeq, std::nullopt);
    auto members = valueOf(temp.store->conversations().members(kConv));
    QCOMPARE(members, (QList<Member>{{kAlice, Role::Owner, 1}, {kMe, Role::Admin, 2}}));

    STORE_OK(temp.store->events().insert(membership(6, MembershipAction::Remove, kMe)));
    conversation = valueOf(temp.store->conversations().conversation(kConv));
    QCOMPARE(conversation->leftSeq, std::optional<quint64>(6));
    auto page = valueOf(temp.store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 6);
    QCOMPARE(page.back().membership->action, MembershipAction::Remove);
    QCOMPARE(valueOf(temp.store->timeline().unreadCount(kConv)), 0); // membership isn't unread
}

void TestEvents::membershipConvergesInAnyOrder() {
    // Add at 2, role at 3, remove at 4, re-add at 5: delivered backwards, the result is the same.
    const QList<IncomingEvent> events = {
        membership(2, MembershipAction::Add, kBob, Role::Member),
        membership(3, MembershipAction::Role, kBob, Role::Admin),
        membership(4, MembershipAction::Remove, kBob),
        membership(5, MembershipAction::Add, kBob, Role::Member),
    };
    for (bool reversed : {false, true}) {
        TempProfile temp;
        for (qsizetype i = 0; i < events.size(); ++i)
            STORE_OK(temp.store->events().insert(events[reversed ? events.size() - 1 - i : i]));
        auto members = valueOf(temp.store->conversations().members(kConv));
        QCOMPARE(members, (QList<Member>{{kBob, Role::Member, 5}}));
    }
}

void TestEvents::conversationsSnapshotAndEvents() {
    TempProfile temp;
    // A snapshot at seq 10, then an older event about the account arrives late: ignored.
    STORE_OK(temp.store->conversations().upsert(
        {kConv, ConversationKind::Group, u"Team"_s, Role::Admin, 10, 3, std::nullopt}));
    STORE_OK(temp.store->events().insert(membership(3, MembershipAction::Add, kMe, Role::Member)));
    auto conversation = valueOf(temp.store->conversations().conversation(kConv));
    QCOMPARE(conversation->ownRole, std::optional(Role::Admin));
    QCOMPARE(conversation->title, u"Team"_s);
    // A newer event wins over the snapshot.
    STORE_OK(temp.store->events().insert(membership(11, MembershipAction::Leave, kMe)));
    conversation = valueOf(temp.store->conversations().conversation(kConv));
    QCOMPARE(conversation->leftSeq, std::optional<quint64>(11));
    STORE_OK(temp.store->conversations().replaceMembers(
        kConv, {{kAlice, Role::Owner, 1}, {kBob, Role::Member, 4}}, 11));
    STORE_OK(temp.store->conversations().replaceMembers(kConv, {{kAlice, Role::Owner, 1}}, 12));
    auto members = valueOf(temp.store->conversations().members(kConv));
    QCOMPARE(members, (QList<Member>{{kAlice, Role::Owner, 1}}));
    STORE_OK(temp.store->conversations().setNotificationLevel(kConv, NotificationLevel::Mentions));
    STORE_OK(temp.store->conversations().setMuted(kConv, true));
    conversation = valueOf(temp.store->conversations().conversation(kConv));
    QCOMPARE(conversation->notificationLevel, NotificationLevel::Mentions);
    QVERIFY(conversation->muted);
    STORE_OK(temp.store->events().insert(message(20, kAlice, u"searchable"_s)));
    STORE_OK(temp.store->conversations().remove(kConv));
    QCOMPARE(valueOf(temp.store->conversations().conversation(kConv)), std::nullopt);
    QVERIFY(valueOf(temp.store->search().search(SearchQuery(u"searchable"_s))).isEmpty());
    QCOMPARE(searchIndexProblems(temp.store->database()), QString());
    QVERIFY(valueOf(temp.store->timeline().latest(kConv, 10)).isEmpty());
}

void TestEvents::invalidEventsAreRefused() {
    TempProfile temp;
    IncomingEvent zero = message(0, kAlice, u"x"_s);
    QCOMPARE(errorOf(temp.store->events().insert(zero)), "InvalidArgument"_L1);
    IncomingEvent orphan = message(1, kAlice, u"x"_s);
    orphan.content.relation = Relation::Edit; // no target
    QCOMPARE(errorOf(temp.store->events().insert(orphan)), "InvalidArgument"_L1);
    IncomingEvent badRef = message(1, kAlice, u"x"_s);
    badRef.content.replyTo = EventRef{};
    QCOMPARE(errorOf(temp.store->events().insert(badRef)), "InvalidArgument"_L1);
    IncomingEvent noSender = message(1, kAlice, u"x"_s);
    noSender.content.replyTo = EventRef{std::nullopt, ClientMessageId::generate(), {}};
    QCOMPARE(errorOf(temp.store->events().insert(noSender)), "InvalidArgument"_L1);
    IncomingEvent noChange = membership(1, MembershipAction::Add, kBob);
    noChange.membership.reset();
    QCOMPARE(errorOf(temp.store->events().insert(noChange)), "InvalidArgument"_L1);
    QVERIFY(valueOf(temp.store->timeline().latest(kConv, 10)).isEmpty());
}

void TestEvents::pageWithCursorIsAtomic() {
    TempProfile temp;
    QList<IncomingEvent> page;
    for (quint64 seq = 1; seq <= 5; ++seq)
        page.push_back(message(seq, kAlice, u"m%1"_s.arg(seq)));
    auto stored = temp.store->transaction([&]() -> StoreResult<quint64> {
        auto inserted = temp.store->events().insertAll(page);
        if (!inserted)
            return inserted.error();
        return temp.store->conversations().advanceCursor(kConv, 5);
    });
    QCOMPARE(valueOf(stored), 5u);
    QCOMPARE(valueOf(temp.store->conversations().cursor(kConv)), 5u);
    QCOMPARE(valueOf(temp.store->conversations().advanceCursor(kConv, 3)), 5u); // never back

    // A page whose last event is invalid: nothing of it stays, the cursor does not move.
    QList<IncomingEvent> bad = {message(6, kAlice, u"m6"_s), message(0, kAlice, u"bad"_s)};
    auto failed = temp.store->transaction([&]() -> StoreResult<quint64> {
        auto inserted = temp.store->events().insertAll(bad);
        if (!inserted)
            return inserted.error();
        return temp.store->conversations().advanceCursor(kConv, 7);
    });
    QVERIFY(!failed);
    QCOMPARE(valueOf(temp.store->conversations().cursor(kConv)), 5u);
    QCOMPARE(valueOf(temp.store->timeline().latest(kConv, 10)).size(), 5);
    QCOMPARE(searchIndexProblems(temp.store->database()), QString());
    QCOMPARE(valueOf(temp.store->events().insertAll(page)), 0); // all duplicates
}

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
