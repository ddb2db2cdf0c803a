// SPDX-License-Identifier: GPL-3.0-or-later
// The relay's SQLite storage in-process (this test links nothing of SQLCipher): schema
// migration, membership windows, idempotency keys, membership chains, the to-device queue and
// its sizes.
#include "relay/storage/sql_schema.h"
#include "relay/storage/sql_storage.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using hearth::ConversationId;
using hearth::DeviceId;
using namespace hearth;
using namespace hearth::relay;
using namespace Qt::Literals::StringLiterals;

class TestSqlStorage final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshPath() { return m_dir.filePath(u"relay-%1.sqlite3"_s.arg(++m_files)); }

    AccountId account(SqlStorage &storage, const QString &name) {
        if (storage.createAccount(name, "hash", std::nullopt, {}, 1) !=
            CreateAccountResult::Created)
            return {};
        return storage.findAccount(name).value_or(Account{}).id;
    }

private Q_SLOTS:
    void migratesOnceAndReopens() {
        const QString path = freshPath();
        {
            SqlStorage storage;
            QCOMPARE(storage.open(path, Durability::Full), std::nullopt);
            QVERIFY(account(storage, u"alice"_s).isValid());
        }
        SqlStorage again;
        QCOMPARE(again.open(path, Durability::Normal), std::nullopt);
        QVERIFY(again.findAccount(u"alice"_s));
    }

    void refusesANewerSchema() {
        const QString path = freshPath();
        {
            SqlStorage storage;
            QCOMPARE(storage.open(path, Durability::Full), std::nullopt);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"UPDATE meta SET value = '99' WHERE key = 'schema_version'"_s));
            QCOMPARE(relaySchemaVersion(db), 99);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        SqlStorage storage;
        const auto error = storage.open(path, Durability::Full);
        QVERIFY(error);
        QVERIFY2(error->contains(u"99"_s), qPrintable(*error));
    }

    void upgradesAVersion1DatabaseKeepingAccounts() {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(migrateRelaySchema(db, 1), std::nullopt);
            QCOMPARE(relaySchemaVersion(db), 1);
            QSqlQuery query(db);
            QVERIFY(query.exec(u"INSERT INTO accounts (name, password_hash, created_ms)"
                               " VALUES ('olga', 'hash', 1)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        SqlStorage storage;
        QCOMPARE(storage.open(path, Durability::Full), std::nullopt);
        const auto olga = storage.findAccount(u"olga"_s);
        QVERIFY(olga);
        QCOMPARE(olga->messagePolicy, u"everyone"_s); // the default of version 2
        QVERIFY(storage.setMessagePolicy(olga->id, u"nobody"_s));
        QCOMPARE(storage.findAccount(u"olga"_s)->messagePolicy, u"nobody"_s);
        QVERIFY(!storage.setMessagePolicy(AccountId{olga->id.value + 100}, u"nobody"_s));
    }

    void upgradesAVersion2DatabaseToLegacyConversations() {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v2"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(migrateRelaySchema(db, 2), std::nullopt);
            QCOMPARE(relaySchemaVersion(db), 2);
            QSqlQuery query(db);
            QVERIFY(query.exec(u"INSERT INTO accounts (id, name, password_hash, created_ms)"
                               " VALUES (1, 'pia', 'hash', 1)"_s));
            QVERIFY(query.exec(u"INSERT INTO conversations (id, kind, title, created_ms)"
                               " VALUES (7, 'group', 'old', 1)"_s));
            QVERIFY(query.exec(u"INSERT INTO events (conv_id, seq, ts_ms, sender_id, device_id,"
                               " kind, body) VALUES (7, 1, 1, 1, 1, 'membership', x'a0')"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v2"_s);
        SqlStorage storage;
        QCOMPARE(storage.open(path, Durability::Full), std::nullopt);
        const auto old = storage.conversation(ConversationId{7});
        QVERIFY(old);
        QCOMPARE(old->title, u"old"_s);
        QCOMPARE(old->lastSeq, 1u);
        QVERIFY(old->isLegacy());
        QVERIFY(old->chainHead.isEmpty());
        const QList<EventRecord> events = storage.events(ConversationId{7}, 0, 10, 10);
        QCOMPARE(events.size(), 1);
        QVERIFY(events[0].op.isEmpty());
        // Conversations made after the upgrade have a chain.
        const auto fresh =
            storage.createConversation(u"group"_s, u"new"_s, QString(), QByteArray(16, 'n'), 2);
        QVERIFY(fresh);
        QVERIFY(!storage.conversation(*fresh)->isLegacy());
        QCOMPARE(storage.findChain(QByteArray(16, 'n')), fresh);
    }

    void chainsAreUniqueAndKeepTheirHead() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const QByteArray chain(16, 'a');
        const auto conv = storage.createConversation(u"group"_s, u"t"_s, QString(), chain, 1);
        QVERIFY(conv);
        QCOMPARE(storage.conversation(*conv)->chainId, chain);
        QVERIFY(storage.conversation(*conv)->chainHead.isEmpty());
        QVERIFY(storage.setChainHead(*conv, QByteArray(32, 'h')));
        QCOMPARE(storage.conversation(*conv)->chainHead, QByteArray(32, 'h'));
        QVERIFY(!storage.setChainHead(ConversationId{conv->value + 1}, QByteArray(32, 'h')));
        // The same chain twice is refused by the schema; conversations without one coexist.
        QVERIFY(!storage.createConversation(u"group"_s, u"t"_s, QString(), chain, 1));
        QVERIFY(storage.createConversation(u"group"_s, u"t"_s, QString(), {}, 1));
        QVERIFY(storage.createConversation(u"group"_s, u"t"_s, QString(), {}, 1));
        QVERIFY(!storage.findChain(QByteArray(16, 'b')));
    }

    void membershipEventsKeepTheirOp() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const AccountId hal = account(storage, u"hal"_s);
        const auto conv =
            storage.createConversation(u"group"_s, u"t"_s, QString(), QByteArray(16, 'o'), 1);
        QVERIFY(conv);
        EventRecord event{*conv,           1,  10,       hal,        {}, DeviceId{1},
                          u"membership"_s, {}, "fields", "signed op"};
        QVERIFY(storage.appendEvent(event));
        event.seq = 2;
        event.op.clear();
        QVERIFY(storage.appendEvent(event));
        const QList<EventRecord> events = storage.events(*conv, 0, 10, 10);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].op, QByteArray("signed op"));
        QVERIFY(events[1].op.isEmpty());
    }

    void accountsAreUniqueAndInvitesSingleUse() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        QVERIFY(account(storage, u"bob"_s).isValid());
        QCOMPARE(storage.createAccount(u"bob"_s, "h", std::nullopt, {}, 1),
                 CreateAccountResult::Exists);
        QVERIFY(storage.createInvite(u"code"_s, 1));
        QCOMPARE(storage.createAccount(u"carol"_s, "h", u"wrong"_s, {}, 1),
                 CreateAccountResult::InvalidInvite);
        QVERIFY(!storage.findAccount(u"carol"_s)); // rolled back with the bad invite
        QCOMPARE(storage.createAccount(u"carol"_s, "h", u"code"_s, {}, 1),
                 CreateAccountResult::Created);
        QCOMPARE(storage.createAccount(u"dave"_s, "h", u"code"_s, {}, 1),
                 CreateAccountResult::InvalidInvite);
    }

    void membershipWindowsAccumulate() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const AccountId erin = account(storage, u"erin"_s);
        const auto conv = storage.createConversation(u"group"_s, QString(), QString(), {}, 1);
        QVERIFY(conv);
        QVERIFY(storage.putMembership({*conv, erin, {}, u"member"_s, 1, std::nullopt}));
        QVERIFY(storage.putMembership({*conv, erin, {}, u"member"_s, 1, 4}));
        QVERIFY(storage.putMembership({*conv, erin, {}, u"admin"_s, 6, std::nullopt}));
        const QList<Membership> windows = storage.membershipWindows(*conv, erin);
        QCOMPARE(windows.size(), 2);
        QCOMPARE(windows[0].leftSeq, std::optional<quint64>(4));
        QCOMPARE(windows[1].joinedSeq, 6u);
        QVERIFY(windows[1].isActive());
        QCOMPARE(windows[1].user, u"erin"_s);
        QCOMPARE(storage.members(*conv).size(), 1);
        const QList<Membership> latest = storage.membershipsOf(erin);
        QCOMPARE(latest.size(), 1);
        QCOMPARE(latest[0].role, u"admin"_s);
        // A second open window for the same member is refused by the schema.
        QVERIFY(!storage.putMembership({*conv, erin, {}, u"member"_s, 9, std::nullopt}));
    }

    void eventsAreKeyedBySenderAndClientId() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const AccountId fay = account(storage, u"fay"_s);
        const auto conv =
            storage.createConversation(u"group"_s, u"t"_s, QString(), QByteArray(16, 'c'), 1);
        QVERIFY(conv);
        const QByteArray cmid(16, 'x');
        EventRecord event{*conv, 1, 10, fay, {}, DeviceId{1}, u"message"_s, cmid, "body", {}};
        QVERIFY(storage.appendEvent(event));
        event.seq = 2;
        QVERIFY(!storage.appendEvent(event)); // same (conv, sender, cmid)
        const auto found = storage.findEventByCmid(*conv, fay, cmid);
        QVERIFY(found);
        QCOMPARE(found->seq, 1u);
        QCOMPARE(storage.conversation(*conv)->lastSeq, 1u);
        const QList<EventRecord> events = storage.events(*conv, 0, 10, 10);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].senderName, u"fay"_s);
        QCOMPARE(events[0].body, QByteArray("body"));
    }

    void toDeviceQueueIsPerDeviceAndNeverReusesIds() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const AccountId gus = account(storage, u"gus"_s);
        const auto device = storage.addDevice(
            {{}, gus, QByteArray(32, 's'), QByteArray(32, 'd'), QString(), 1, {}});
        QVERIFY(device);
        QCOMPARE(storage.device(*device)->user, u"gus"_s); // reads name the owner
        const ToDeviceMessage message{0, *device, u"gus"_s, *device, 5, "sealed"};
        const auto first = storage.enqueueToDevice(message);
        QVERIFY(first);
        QCOMPARE(storage.inbox(*device, 10).size(), 1);
        QCOMPARE(storage.inbox(DeviceId{device->value + 1}, 10).size(), 0);
        QCOMPARE(storage.ackInbox(DeviceId{device->value + 1}, {*first}), std::optional<qint64>(0));
        QCOMPARE(storage.ackInbox(*device, {*first}), std::optional<qint64>(1));
        QCOMPARE(storage.toDeviceQueueDepth(), 0);
        const auto second = storage.enqueueToDevice(message);
        QVERIFY(second);
        QVERIFY(*second > *first);
    }

    void inboxSizeFollowsEveryWriteAndRollback() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const AccountId hal = account(storage, u"hal"_s);
        const auto device = storage.addDevice(
            {{}, hal, QByteArray(32, 's'), QByteArray(32, 'd'), QString(), 1, {}});
        QVERIFY(device);
        const ToDeviceMessage message{0, *device, u"hal"_s, *device, 5, "sealed"};
        QCOMPARE(storage.inboxSize(*device), std::optional<qint64>(0));
        const auto first = storage.enqueueToDevice(message);
        QVERIFY(first);
        QVERIFY(storage.enqueueToDevice(message));
        QCOMPARE(storage.inboxSize(*device), std::optional<qint64>(2));
        // Undone writes are not counted (the WriteQueue rolls a failed operation back).
        QVERIFY(storage.begin());
        QVERIFY(storage.savepoint());
        QVERIFY(storage.enqueueToDevice(message));
        QCOMPARE(storage.inboxSize(*device), std::optional<qint64>(3));
        QVERIFY(storage.rollbackToSavepoint());
        QVERIFY(storage.commit());
        QCOMPARE(storage.inboxSize(*device), std::optional<qint64>(2));
        QCOMPARE(storage.ackInbox(*device, {*first}), std::optional<qint64>(1));
        QCOMPARE(storage.inboxSize(*device), std::optional<qint64>(1));
        QVERIFY(storage.revokeDevice(*device, 9));
        QCOMPARE(storage.inboxSize(*device), std::optional<qint64>(0));
    }

    void sharedConversationsIncludeFormerOnes() {
        SqlStorage storage;
        QCOMPARE(storage.open(freshPath(), Durability::Full), std::nullopt);
        const AccountId ida = account(storage, u"ida"_s);
        const AccountId jon = account(storage, u"jon"_s);
        const AccountId kim = account(storage, u"kim"_s);
        const auto conv = storage.createConversation(u"group"_s, QString(), QString(), {}, 1);
        QVERIFY(conv);
        QVERIFY(storage.putMembership({*conv, ida, {}, u"owner"_s, 1, std::nullopt}));
        QVERIFY(storage.putMembership({*conv, jon, {}, u"member"_s, 2, 3})); // left at seq 3
        QCOMPARE(storage.everSharedConversation(ida, jon), std::optional<bool>(true));
        QCOMPARE(storage.everSharedConversation(jon, ida), std::optional<bool>(true));
        QCOMPARE(storage.everSharedConversation(ida, kim), std::optional<bool>(false));
    }
};

QTEST_GUILESS_MAIN(TestSqlStorage)
#include "tst_sql_storage.moc"
