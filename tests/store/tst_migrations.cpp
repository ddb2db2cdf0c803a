// SPDX-License-Identifier: GPL-3.0-or-later
// Schema upgrades: a database written at schema v1 (or v2) opens with the current code,
// upgraded, with its data intact and the later tables usable.
#include "crypto/secret_view.h"
#include "store_test_support.h"
#include "sync/store/migrations.h"
#include "sync/store/replay_store.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

class TestMigrations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void upgradesFromVersion1();
    void upgradesFromVersion2();
    void upgradesFromVersion3();
    void upgradesReferencesFromVersion3();
    void upgradesSharesFromVersion3();
    void replayGuardsSurviveReopen();
    void migrateIsIdempotent();
    void unknownTargetIsRefused();
};

namespace {

//! The v3 replay guards work: a first record is fresh, the same again (same seq) too, another
//! seq for the same (device, session, index) is a replay; a pairwise id is fresh once.
void checkReplayGuards(Store &store) {
    ReplayStore replays(store.database());
    const auto session = crypto::SessionId::generate();
    QVERIFY(valueOf(replays.recordGroupMessage(kConv, DeviceId{11}, session, 5, 3)));
    QVERIFY(valueOf(replays.recordGroupMessage(kConv, DeviceId{11}, session, 5, 3)));
    QVERIFY(!valueOf(replays.recordGroupMessage(kConv, DeviceId{11}, session, 5, 4)));
    QVERIFY(valueOf(replays.recordGroupMessage(kConv, DeviceId{11}, session, 6, 4)));
    QVERIFY(valueOf(replays.recordGroupMessage(kConv, DeviceId{12}, session, 5, 9)));
    const auto id = crypto::MessageId::generate();
    const DeviceAddress bob{kBob, DeviceId{12}};
    QVERIFY(valueOf(replays.recordPairwise(bob, id, 1)));
    QVERIFY(!valueOf(replays.recordPairwise(bob, id, 1)));
    QVERIFY(valueOf(replays.recordPairwise(bob, crypto::MessageId::generate(), 1)));
}

} // namespace

void TestMigrations::upgradesFromVersion1() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    {
        auto profile =
            valueOf(Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum, 1));
        auto db = valueOf(profile.openDatabase(Access::ReadWrite));
        QCOMPARE(valueOf(schemaVersion(db)), 1);
        // Written with v1's columns only, as a v1 build would have (ids ts << 12).
        STORE_OK(db.exec(
            "INSERT INTO account (id, user_id, device_id, relay_url, device_signing_secret, "
            "device_dh_secret, created_ts) VALUES (1, 'me', 3, 'wss://r', x'01', x'02', 5);"
            "INSERT INTO conversations (conv_id, kind, title, own_role, joined_seq) "
            "VALUES (7, 1, 'Old group', 0, 1);"
            "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, body, "
            "content_type) VALUES (4096, 7, 1, 1, 'alice', 11, 0, 'written by v1', 'text');"
            "INSERT INTO events_fts (docid, body) VALUES (4096, 'written by v1');"
            "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, body, "
            "content_type, thread_seq) VALUES (8192, 7, 2, 2, 'bob', 12, 0, 'a reply', 'text', 1);"
            "INSERT INTO events_fts (docid, body) VALUES (8192, 'a reply');"
            "INSERT INTO read_markers (conv_id, seq, ts) VALUES (7, 1, 9);"));
    }
    auto profile = valueOf(Profile::unlock(path, kPassphrase));
    auto store = valueOf(profile.openStore(Access::ReadWrite));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);

    // v1 data intact.
    auto account = valueOf(store->account().account());
    QVERIFY(account);
    QCOMPARE(account->user, UserId{u"me"_s});
    QCOMPARE(account->device, DeviceId{3});
    auto conversation = valueOf(store->conversations().conversation(kConv));
    QVERIFY(conversation);
    QCOMPARE(conversation->title, u"Old group"_s);
    QCOMPARE(conversation->ownRole, std::optional(Role::Owner));
    auto page = valueOf(store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 2);
    QCOMPARE(page.front().text, u"written by v1"_s);
    QCOMPARE(valueOf(store->readMarkers().readMarker(kConv)), 1u);
    QCOMPARE(valueOf(store->timeline().unreadCount(kConv)), 1);
    auto hits = valueOf(store->search().search(SearchQuery(u"written"_s)));
    QCOMPARE(hits.size(), 1);

    // v2: drafts, session shares, the thread index.
    QVERIFY(conversation->draft.isEmpty());
    STORE_OK(store->conversations().setDraft(kConv, u"half a thought"_s));
    QCOMPARE(valueOf(store->conversations().conversation(kConv))->draft, u"half a thought"_s);
    const auto session = crypto::SessionId::generate();
    STORE_OK(
        store->sessions().recordShares(kConv, session, {DeviceAddress{kBob, DeviceId{12}}}, 0, 1));
    QCOMPARE(valueOf(store->sessions().shares(kConv, session)).size(), 1);
    auto thread = valueOf(store->timeline().thread(kConv, 1, 10));
    QCOMPARE(thread.size(), 1);
    QCOMPARE(thread.front().text, u"a reply"_s);
    QCOMPARE(valueOf(store->database().scalar(
                 "SELECT count(*) FROM sqlite_master WHERE name = 'events_thread'")),
             1);

    // v3: the replay guards.
    checkReplayGuards(*store);
}

void TestMigrations::upgradesFromVersion2() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    {
        auto profile =
            valueOf(Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum, 2));
        auto db = valueOf(profile.openDatabase(Access::ReadWrite));
        QCOMPARE(valueOf(schemaVersion(db)), 2);
        QCOMPARE(valueOf(db.scalar("SELECT count(*) FROM sqlite_master WHERE name IN "
                                   "('group_message_indices', 'pairwise_seen')")),
                 0);
        STORE_OK(db.exec("INSERT INTO conversations (conv_id, kind, title, own_role, joined_seq, "
                         "draft) VALUES (7, 1, 'A v2 group', 0, 1, 'kept draft');"));
    }
    auto profile = valueOf(Profile::unlock(path, kPassphrase));
    auto store = valueOf(profile.openStore(Access::ReadWrite));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);
    QCOMPARE(valueOf(store->conversations().conversation(kConv))->draft, u"kept draft"_s);
    checkReplayGuards(*store);
}

void TestMigrations::upgradesFromVersion3() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    {
        auto profile =
            valueOf(Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum, 3));
        auto db = valueOf(profile.openDatabase(Access::ReadWrite));
        QCOMPARE(valueOf(schemaVersion(db)), 3);
        // A device of an old profile, still waiting for approval (no account key).
        // Its own account key was pinned from the relay (trust on first use), with a list;
        // a contact's pin stays.
        STORE_OK(db.exec(
            "INSERT INTO account (id, user_id, device_id, relay_url, device_signing_secret, "
            "device_dh_secret, created_ts) VALUES (1, 'me', 3, 'wss://r', x'01', x'02', 5);"
            "INSERT INTO users (user_id, account_key, device_list, device_list_version) VALUES "
            "('me', zeroblob(32), x'05', 4), ('bob', zeroblob(32), x'06', 2);"
            "INSERT INTO devices (user_id, device_id, signing_key, dh_key, on_signed_list) "
            "VALUES ('me', 3, zeroblob(32), zeroblob(32), 1), "
            "('bob', 12, zeroblob(32), zeroblob(32), 1);"));
        STORE_OK(db.exec("INSERT INTO conversations (conv_id, kind, title, own_role, joined_seq) "
                         "VALUES (7, 1, 'A v3 group', 0, 1);"
                         "INSERT INTO members (conv_id, user_id, role, joined_seq) "
                         "VALUES (7, 'bob', 2, 1);"
                         "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, "
                         "member_action, member_user, member_role) "
                         "VALUES (4096, 7, 1, 1, 'alice', 11, 1, 1, 'bob', 2);"));
    }
    auto profile = valueOf(Profile::unlock(path, kPassphrase));
    auto store = valueOf(profile.openStore(Access::ReadWrite));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);
    // v4 (signed membership): the conversation keeps the members it had, frozen as legacy; its old
    // event has no trust recorded; no chain, no alert.
    auto conversation = valueOf(store->conversations().conversation(kConv));
    QVERIFY(conversation->legacyMembership);
    QCOMPARE(conversation->membershipAlert, MembershipAlert::None);
    QVERIFY(valueOf(store->membership().isLegacy(kConv)));
    QCOMPARE(valueOf(store->membership().chain(kConv)), std::nullopt);
    QCOMPARE(valueOf(store->conversations().members(kConv)),
             (QList<Member>{{kBob, Role::Member, 1}}));
    auto page = valueOf(store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.front().membership->trust, std::nullopt);
    // A conversation first seen after the upgrade is not legacy.
    QVERIFY(!valueOf(store->membership().isLegacy(ConversationId{kConv.value + 1})));
    // v5 (approval): the relay-pinned own account key and its list are forgotten; bob's pin stays.
    auto me = valueOf(store->contacts().user(UserId{u"me"_s}));
    QVERIFY(me && !me->accountKey);
    QCOMPARE(me->deviceListVersion, 0u);
    QVERIFY(!valueOf(store->contacts().device(UserId{u"me"_s}, DeviceId{3}))->onSignedList);
    auto bob = valueOf(store->contacts().user(kBob));
    QVERIFY(bob && bob->accountKey);
    QCOMPARE(bob->deviceListVersion, 2u);
    QVERIFY(valueOf(store->contacts().device(kBob, DeviceId{12}))->onSignedList);
    // v5: the approval code, empty until the engine gives the waiting device one.
    auto secrets = valueOf(store->account().secrets());
    QVERIFY(secrets.approvalCode.isEmpty());
    QCOMPARE(crypto::secretView(secrets.deviceSigningKey), QByteArrayView("\x01", 1));
    STORE_OK(store->account().setApprovalCode(crypto::SecretBytes::fromBytes("7K3QM9ZDX2PA4HNB")));
    QCOMPARE(crypto::secretView(valueOf(store->account().secrets()).approvalCode),
             QByteArrayView("7K3QM9ZDX2PA4HNB"));
    STORE_OK(store->account().setApprovalCode(crypto::SecretBytes()));
    QVERIFY(valueOf(store->account().secrets()).approvalCode.isEmpty());
}

void TestMigrations::upgradesReferencesFromVersion3() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    const ClientMessageId original = ClientMessageId::generate();
    const QByteArray hex = original.bytes().toHex();
    {
        auto profile =
            valueOf(Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum, 3));
        auto db = valueOf(profile.openDatabase(Access::ReadWrite));
        QCOMPARE(valueOf(schemaVersion(db)), 3);
        // As a v3 build stored them: a cmid reference meant the referring event's own sender.
        // Alice's message (already edited), her edit naming it by cmid, her reply naming it as
        // reply and thread root by cmid.
        const QByteArray sql =
            "INSERT INTO conversations (conv_id, kind, title, own_role, joined_seq) "
            "VALUES (7, 1, 'A v3 group', 0, 1);"
            "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, cmid, body, "
            "original_body, edited_ts, edit_seq, content_type) VALUES (4096, 7, 1, 1, 'alice', "
            "11, 0, x'" +
            hex +
            "', 'edited by v3', 'original', 2, 2, 'text');"
            "INSERT INTO events_fts (docid, body) VALUES (4096, 'edited by v3');"
            "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, cmid, "
            "content_type, rel_type, rel_cmid, rel_text) VALUES (8192, 7, 2, 2, 'alice', 11, 0, "
            "x'" +
            ClientMessageId::generate().bytes().toHex() + "', 'text', 1, x'" + hex +
            "', 'edited by v3');"
            "INSERT INTO events (id, conv_id, seq, ts, sender, sender_device, kind, cmid, body, "
            "content_type, reply_cmid, thread_cmid) VALUES (12288, 7, 3, 3, 'alice', 11, 0, x'" +
            ClientMessageId::generate().bytes().toHex() + "', 'a reply', 'text', x'" + hex +
            "', x'" + hex +
            "');"
            "INSERT INTO events_fts (docid, body) VALUES (12288, 'a reply');";
        STORE_OK(db.exec(sql.constData()));
    }
    auto profile = valueOf(Profile::unlock(path, kPassphrase));
    auto store = valueOf(profile.openStore(Access::ReadWrite));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);

    // The old cmid references now name their sender explicitly.
    const EventRef toOriginal = EventRef::byCmid(kAlice, original);
    auto page = valueOf(store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 2);
    QCOMPARE(page[0].text, u"edited by v3"_s);
    QCOMPARE(page[1].replyTo, std::optional(toOriginal));
    QCOMPARE(page[1].threadRoot, std::optional(toOriginal));
    QCOMPARE(valueOf(store->timeline().find(kConv, toOriginal))->seq, 1u);
    auto thread = valueOf(store->timeline().thread(kConv, 1, 10));
    QCOMPARE(seqsOf(thread), QList<quint64>{3});

    // A new reaction by (sender, cmid) recomputes the target's relations: the old edit still
    // counts, and the reaction shows.
    STORE_OK(store->events().insert(relation(4, kBob, Relation::React, toOriginal, u"👍"_s)));
    page = valueOf(store->timeline().latest(kConv, 10));
    QCOMPARE(page[0].text, u"edited by v3"_s);
    QVERIFY(page[0].editedTs);
    QCOMPARE(page[0].reactions, (QList<ReactionGroup>{{u"👍"_s, {kBob}}}));
    QCOMPARE(valueOf(store->database().scalar(
                 "SELECT count(*) FROM events WHERE rel_cmid IS NOT NULL AND rel_sender IS NULL")),
             0);
}

void TestMigrations::upgradesSharesFromVersion3() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    const auto current = crypto::SessionId::generate();
    const auto rotated = crypto::SessionId::generate();
    const DeviceAddress bob{kBob, DeviceId{12}};
    {
        auto profile =
            valueOf(Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum, 3));
        auto db = valueOf(profile.openDatabase(Access::ReadWrite));
        QCOMPARE(valueOf(schemaVersion(db)), 3);
        const QByteArray insert =
            "INSERT INTO outbound_sessions (conv_id, session_id, state, created_ts, message_count) "
            "VALUES (7, x'" +
            current.bytes().toHex() +
            "', x'00', 1, 9);"
            "INSERT INTO outbound_session_shares (conv_id, session_id, user_id, device_id, "
            "shared_ts) VALUES (7, x'" +
            current.bytes().toHex() +
            "', 'bob', 12, 1);"
            "INSERT INTO outbound_session_shares (conv_id, session_id, user_id, device_id, "
            "shared_ts) VALUES (7, x'" +
            rotated.bytes().toHex() +
            "', 'bob', 12, 1);"
            "INSERT INTO users (user_id, device_list, device_list_version) "
            "VALUES ('alice', x'01', 3);";
        STORE_OK(db.exec(insert.constData()));
    }
    auto profile = valueOf(Profile::unlock(path, kPassphrase));
    auto store = valueOf(profile.openStore(Access::ReadWrite));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);
    // A share of the current outbound session gets its index at the upgrade (the most the
    // device may have been given); one of a rotated session stays unknown (requests refused).
    QCOMPARE(valueOf(store->sessions().sharedIndex(kConv, current, bob)),
             std::optional<quint32>(9));
    QCOMPARE(valueOf(store->sessions().sharedIndex(kConv, rotated, bob)), std::nullopt);
    auto alice = valueOf(store->contacts().user(kAlice));
    QVERIFY(alice);
    QCOMPARE(alice->deviceListVersion, 3u);
    QCOMPARE(alice->deviceList, QByteArray("\x01"));
    QVERIFY(!alice->devicesChanged);
    QVERIFY(valueOf(store->contacts().deviceListConflicts()).isEmpty());
}

void TestMigrations::replayGuardsSurviveReopen() {
    TempProfile temp;
    const auto session = crypto::SessionId::generate();
    const auto id = crypto::MessageId::generate();
    const DeviceAddress bob{kBob, DeviceId{12}};
    {
        ReplayStore replays(temp.store->database());
        QVERIFY(valueOf(replays.recordGroupMessage(kConv, DeviceId{11}, session, 1, 2)));
        QVERIFY(valueOf(replays.recordPairwise(bob, id, 1)));
    }
    temp.reopen();
    ReplayStore replays(temp.store->database());
    QVERIFY(!valueOf(replays.recordGroupMessage(kConv, DeviceId{11}, session, 1, 3)));
    QVERIFY(!valueOf(replays.recordPairwise(bob, id, 1)));
    SqlReplayGuard guard(temp.store->database());
    QVERIFY(!guard.remember(bob, id, 1));
    QVERIFY(guard.remember(bob, crypto::MessageId::generate(), 1));
}

void TestMigrations::migrateIsIdempotent() {
    TempProfile temp;
    STORE_OK(migrate(temp.store->database()));
    STORE_OK(migrate(temp.store->database()));
    QCOMPARE(valueOf(schemaVersion(temp.store->database())), kSchemaVersion);
}

void TestMigrations::unknownTargetIsRefused() {
    TempProfile temp;
    QCOMPARE(errorOf(migrate(temp.store->database(), kSchemaVersion + 1)), "InvalidArgument"_L1);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
