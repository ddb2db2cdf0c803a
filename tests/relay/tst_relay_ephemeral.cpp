// SPDX-License-Identifier: GPL-3.0-or-later
// Typing notifications and presence against the real relay: relayed to the right people,
// never stored, online/away/offline as devices come and go.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
namespace presence = protocol::presence;

namespace {

QCborMap statusFields(QLatin1StringView status) {
    QCborMap fields;
    fields.insert("status"_L1, status);
    return fields;
}

//! Waits for a presence push about `user` with `status`.
std::optional<Frame> waitForPresence(TestClient &client, const QString &user,
                                     QLatin1StringView status) {
    return client.waitForPush([&](const Frame &push) {
        return push.type() == type::kPresence && push.text("user"_L1) == user &&
               push.text("status"_L1) == status;
    });
}

//! presence_query for `users`, as user -> entry.
std::optional<QHash<QString, QCborMap>> queryPresence(TestClient &client,
                                                      const QStringList &users) {
    QCborMap fields;
    fields.insert("users"_L1, QCborArray::fromStringList(users));
    const ProtocolResult<Frame> reply = client.call(type::kPresenceQuery, fields);
    if (!reply) {
        qWarning("presence_query failed: %s", qPrintable(describe(reply)));
        return std::nullopt;
    }
    QHash<QString, QCborMap> entries;
    for (const QCborValue &entry : reply.value().array("presence"_L1))
        entries.insert(entry.toMap().value("user"_L1).toString(), entry.toMap());
    return entries;
}

} // namespace

class TestRelayEphemeral final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void typingIsRelayedToOtherMembers() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        auto stranger = m_fixture.signUp();
        QVERIFY(stranger);
        QCborMap fields = convField(conv);
        fields.insert("active"_L1, true);
        HEARTH_VERIFY_OK(a.client->call(type::kTyping, fields));
        const auto push = b.client->waitForPush(type::kTyping);
        QVERIFY(push);
        QCOMPARE(push->uint("conv"_L1), conv);
        QCOMPARE(push->text("user"_L1), a.user());
        QVERIFY(push->boolean("active"_L1));
        HEARTH_COMPARE_CODE(stranger->client->call(type::kTyping, fields), "not_member"_L1);

        // Never stored: the log holds only the membership events.
        const auto events = syncAll(*b.client, conv);
        QVERIFY(events);
        for (const QCborMap &event : *events)
            QCOMPARE(event.value("kind"_L1).toString(), QString(protocol::event_kind::kMembership));
    }

    void statusChangesArePushed() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        HEARTH_VERIFY_OK(b.client->call(type::kPresence, statusFields(presence::kAway)));
        QVERIFY(waitForPresence(*a.client, b.user(), presence::kAway));
        HEARTH_COMPARE_CODE(b.client->call(type::kPresence, statusFields("busy"_L1)),
                            "invalid_argument"_L1);
        const auto entries = queryPresence(*a.client, {b.user()});
        QVERIFY(entries);
        QCOMPARE(entries->value(b.user()).value("status"_L1).toString(), QString(presence::kAway));
    }

    void queryReportsOnlineAndUnknownUsersOffline() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        const auto entries = queryPresence(*a.client, {b.user(), u"nobody-at-all"_s});
        QVERIFY(entries);
        QCOMPARE(entries->value(b.user()).value("status"_L1).toString(),
                 QString(presence::kOnline));
        QCOMPARE(entries->value(u"nobody-at-all"_s).value("status"_L1).toString(),
                 QString(presence::kOffline));
    }

    void lastDeviceLeavingGoesOffline() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        auto b2 = m_fixture.addDevice(b.user());
        QVERIFY(b2);

        // One of two devices leaving keeps b online: the next status change is the first
        // presence news about b that a sees.
        b.client->close();
        QVERIFY(b.client->waitForClose() != -1);
        HEARTH_VERIFY_OK(b2->client->call(type::kPresence, statusFields(presence::kAway)));
        QVERIFY(waitForPresence(*a.client, b.user(), presence::kAway));
        for (const Frame &push : a.client->takePushes()) {
            QVERIFY2(push.type() != type::kPresence || push.text("status"_L1) != presence::kOffline,
                     "offline while a device was still connected");
        }

        b2->client->close();
        const auto offline = waitForPresence(*a.client, b.user(), presence::kOffline);
        QVERIFY(offline);
        QVERIFY(offline->uint("last_seen"_L1) > 0);
        const auto entries = queryPresence(*a.client, {b.user()});
        QVERIFY(entries);
        QCOMPARE(entries->value(b.user()).value("status"_L1).toString(),
                 QString(presence::kOffline));
        QVERIFY(entries->value(b.user()).value("last_seen"_L1).toInteger() > 0);

        auto back = m_fixture.reconnect(b.credentials);
        QVERIFY(back);
        QVERIFY(waitForPresence(*a.client, b.user(), presence::kOnline));
    }

private:
    RelayFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestRelayEphemeral)
#include "tst_relay_ephemeral.moc"
