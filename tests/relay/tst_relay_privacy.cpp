// SPDX-License-Identifier: GPL-3.0-or-later
// "Who can message me" against the real relay: message_policy everyone / shared / nobody
// judged on every way of being added (dm, group or channel creation, add_member), read back,
// pushed to the account's other devices and kept across a relay restart; presence_query
// answers only for people who share a conversation with the caller.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
namespace policy = protocol::message_policy;

namespace {

QCborMap policyFields(QLatin1StringView value) {
    QCborMap fields;
    fields.insert("message_policy"_L1, value);
    return fields;
}

//! set_privacy, checking that the reply echoes the policy.
[[nodiscard]] bool setPolicy(TestClient &client, QLatin1StringView value) {
    const ProtocolResult<Frame> reply = client.call(type::kSetPrivacy, policyFields(value));
    if (!reply || reply.value().text("message_policy"_L1) != value) {
        qWarning("set_privacy %s: %s", value.data(), qPrintable(describe(reply)));
        return false;
    }
    return true;
}

//! The policy get_privacy reports, or "<error>".
QString policyOf(TestClient &client) {
    const ProtocolResult<Frame> reply = client.call(type::kGetPrivacy);
    return reply ? reply.value().text("message_policy"_L1) : u"<error>"_s;
}

//! presence_query of one user: its entry.
QCborMap presenceOf(TestClient &client, const QString &user) {
    QCborMap fields;
    fields.insert("users"_L1, QCborArray::fromStringList({user}));
    const ProtocolResult<Frame> reply = client.call(type::kPresenceQuery, fields);
    if (!reply || reply.value().array("presence"_L1).size() != 1)
        return {};
    return reply.value().array("presence"_L1).at(0).toMap();
}

//! Fails unless `result` is not_accepting with a message naming the policy.
#define HEARTH_COMPARE_REFUSED(result, policyName)                                                 \
    do {                                                                                           \
        const auto &hearthRefused = (result);                                                      \
        HEARTH_COMPARE_CODE(hearthRefused, "not_accepting"_L1);                                    \
        QVERIFY2(                                                                                  \
            hearthRefused.error().message.contains(u"message_policy \"%1\""_s.arg(policyName)),    \
            qPrintable(hearthRefused.error().message));                                            \
    } while (false)

} // namespace

class TestRelayPrivacy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void defaultIsEveryoneAndInvalidValuesAreRefused() {
        auto a = m_fixture.signUp();
        QVERIFY(a);
        QCOMPARE(policyOf(*a->client), QString(policy::kEveryone));
        HEARTH_COMPARE_CODE(a->client->call(type::kSetPrivacy, policyFields("friends"_L1)),
                            "invalid_argument"_L1);
        HEARTH_COMPARE_CODE(a->client->call(type::kSetPrivacy, policyFields(""_L1)),
                            "bad_frame"_L1);
        QCOMPARE(policyOf(*a->client), QString(policy::kEveryone));
        // Not before authentication.
        auto anonymous = m_fixture.connect();
        QVERIFY(anonymous);
        HEARTH_COMPARE_CODE(anonymous->call(type::kGetPrivacy), "not_authenticated"_L1);
    }

    void everyoneAcceptsStrangers() {
        auto me = m_fixture.signUp();
        auto stranger = m_fixture.signUp();
        QVERIFY(me && stranger);
        QVERIFY(setPolicy(*me->client, policy::kNobody));
        QVERIFY(setPolicy(*me->client, policy::kEveryone));
        HEARTH_VERIFY_OK(createConv(*stranger->client, protocol::kind::kDm, {me->user()}));
        HEARTH_VERIFY_OK(createConv(*stranger->client, protocol::kind::kGroup, {me->user()}));
        const quint64 group = createGroup(*stranger->client);
        QVERIFY(group);
        HEARTH_VERIFY_OK(changeMember(*stranger->client, type::kAddMember, group, me->user()));
    }

    void nobodyRefusesEveryWayOfBeingAdded() {
        auto me = m_fixture.signUp();
        auto friendOfMine = m_fixture.signUp();
        auto other = m_fixture.signUp();
        QVERIFY(me && friendOfMine && other);
        const quint64 shared = createGroup(*friendOfMine->client, {me->user()});
        QVERIFY(shared);
        QVERIFY(setPolicy(*me->client, policy::kNobody));

        // Sharing a conversation does not help under "nobody".
        HEARTH_COMPARE_REFUSED(createConv(*friendOfMine->client, protocol::kind::kDm, {me->user()}),
                               policy::kNobody);
        HEARTH_COMPARE_REFUSED(
            createConv(*friendOfMine->client, protocol::kind::kGroup, {other->user(), me->user()}),
            policy::kNobody);
        HEARTH_COMPARE_REFUSED(
            createConv(*friendOfMine->client, protocol::kind::kChannel, {me->user()}),
            policy::kNobody);
        const quint64 group = createGroup(*friendOfMine->client, {other->user()});
        QVERIFY(group);
        HEARTH_COMPARE_REFUSED(
            changeMember(*friendOfMine->client, type::kAddMember, group, me->user()),
            policy::kNobody);

        // A refusal writes nothing: the group has its two members, and the refused creations
        // left no conversation behind for anyone.
        const ProtocolResult<Frame> members =
            friendOfMine->client->call(type::kMembers, convField(group));
        HEARTH_VERIFY_OK(members);
        QCOMPARE(members.value().array("members"_L1).size(), 2);
        const ProtocolResult<Frame> mine = me->client->call(type::kConversations);
        HEARTH_VERIFY_OK(mine);
        QCOMPARE(mine.value().array("convs"_L1).size(), 1);
        const ProtocolResult<Frame> others = other->client->call(type::kConversations);
        HEARTH_VERIFY_OK(others);
        QCOMPARE(others.value().array("convs"_L1).size(), 1);

        // The member still starts conversations of its own.
        HEARTH_VERIFY_OK(createConv(*me->client, protocol::kind::kDm, {other->user()}));
        HEARTH_VERIFY_OK(createConv(*me->client, protocol::kind::kGroup, {friendOfMine->user()}));
    }

    void sharedAcceptsOnlyPeopleWhoShareAConversation() {
        auto me = m_fixture.signUp();
        auto friendOfMine = m_fixture.signUp();
        auto stranger = m_fixture.signUp();
        QVERIFY(me && friendOfMine && stranger);
        const quint64 shared = createGroup(*friendOfMine->client, {me->user()});
        QVERIFY(shared);
        QVERIFY(setPolicy(*me->client, policy::kShared));

        // Strangers are refused on every path.
        HEARTH_COMPARE_REFUSED(createConv(*stranger->client, protocol::kind::kDm, {me->user()}),
                               policy::kShared);
        HEARTH_COMPARE_REFUSED(createConv(*stranger->client, protocol::kind::kGroup, {me->user()}),
                               policy::kShared);
        const quint64 strangersGroup = createGroup(*stranger->client);
        QVERIFY(strangersGroup);
        HEARTH_COMPARE_REFUSED(
            changeMember(*stranger->client, type::kAddMember, strangersGroup, me->user()),
            policy::kShared);

        // Someone sharing a conversation gets through on every path.
        HEARTH_VERIFY_OK(createConv(*friendOfMine->client, protocol::kind::kDm, {me->user()}));
        HEARTH_VERIFY_OK(createConv(*friendOfMine->client, protocol::kind::kChannel, {me->user()}));
        const quint64 friendsGroup = createGroup(*friendOfMine->client);
        QVERIFY(friendsGroup);
        HEARTH_VERIFY_OK(
            changeMember(*friendOfMine->client, type::kAddMember, friendsGroup, me->user()));

        // Once the stranger shares a conversation (I added them), they are accepted; after I
        // leave every conversation we share, they are refused again.
        const quint64 introduced = createGroup(*me->client, {stranger->user()});
        QVERIFY(introduced);
        HEARTH_VERIFY_OK(
            changeMember(*stranger->client, type::kAddMember, strangersGroup, me->user()));
        HEARTH_VERIFY_OK(
            changeMember(*stranger->client, type::kRemoveMember, strangersGroup, me->user()));
        HEARTH_VERIFY_OK(changeMember(*me->client, type::kSetRole, introduced, stranger->user(),
                                      protocol::role::kOwner));
        HEARTH_VERIFY_OK(leave(*me->client, introduced));
        HEARTH_COMPARE_REFUSED(
            changeMember(*stranger->client, type::kAddMember, strangersGroup, me->user()),
            policy::kShared);
    }

    void policyIsJudgedPerTargetInAGroup() {
        auto creator = m_fixture.signUp();
        auto open = m_fixture.signUp();
        auto closed = m_fixture.signUp();
        QVERIFY(creator && open && closed);
        QVERIFY(setPolicy(*closed->client, policy::kNobody));
        const auto refused =
            createConv(*creator->client, protocol::kind::kGroup, {open->user(), closed->user()});
        HEARTH_COMPARE_REFUSED(refused, policy::kNobody);
        QVERIFY2(refused.error().message.contains(closed->user()),
                 qPrintable(refused.error().message));
        // Nothing was created, so the accepting member got no event either.
        const ProtocolResult<Frame> convs = open->client->call(type::kConversations);
        HEARTH_VERIFY_OK(convs);
        QVERIFY(convs.value().array("convs"_L1).isEmpty());
    }

    void otherDevicesHearOfTheChange() {
        auto a1 = m_fixture.signUp();
        QVERIFY(a1);
        auto a2 = m_fixture.addDevice(a1->user());
        QVERIFY(a2);
        QVERIFY(setPolicy(*a1->client, policy::kShared));
        const auto push = a2->client->waitForPush(type::kPrivacy);
        QVERIFY(push);
        QCOMPARE(push->text("message_policy"_L1), QString(policy::kShared));
        QCOMPARE(policyOf(*a2->client), QString(policy::kShared));
        // The device that made the change learns it from the reply, not from a push.
        for (const Frame &other : a1->client->takePushes())
            QVERIFY(other.type() != type::kPrivacy);
    }

    void presenceQueryAnswersOnlyForContacts() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        auto stranger = m_fixture.signUp();
        QVERIFY(stranger);
        QCOMPARE(presenceOf(*a.client, b.user()).value("status"_L1).toString(),
                 QString(protocol::presence::kOnline));
        QCOMPARE(presenceOf(*a.client, a.user()).value("status"_L1).toString(),
                 QString(protocol::presence::kOnline));
        // The stranger is online, but a does not share a conversation with them.
        const QCborMap hidden = presenceOf(*a.client, stranger->user());
        QCOMPARE(hidden.value("status"_L1).toString(), QString(protocol::presence::kOffline));
        QVERIFY(!hidden.contains("last_seen"_L1));
        const QCborMap hiddenFromStranger = presenceOf(*stranger->client, a.user());
        QCOMPARE(hiddenFromStranger.value("status"_L1).toString(),
                 QString(protocol::presence::kOffline));

        // Offline contacts carry last_seen; offline strangers never do.
        b.client->close();
        QVERIFY(a.client->waitForPush([&](const Frame &push) {
            return push.type() == type::kPresence && push.text("user"_L1) == b.user() &&
                   push.text("status"_L1) == protocol::presence::kOffline;
        }));
        QVERIFY(presenceOf(*a.client, b.user()).value("last_seen"_L1).toInteger() > 0);
        const QCborMap offlineForStranger = presenceOf(*stranger->client, b.user());
        QCOMPARE(offlineForStranger.value("status"_L1).toString(),
                 QString(protocol::presence::kOffline));
        QVERIFY(!offlineForStranger.contains("last_seen"_L1));
    }

    void policySurvivesARelayRestart() {
        RelayFixture fixture;
        QVERIFY(fixture.start());
        auto me = fixture.signUp();
        auto stranger = fixture.signUp();
        QVERIFY(me && stranger);
        QVERIFY(setPolicy(*me->client, policy::kNobody));
        fixture.relay().kill(); // acknowledged means committed: no clean shutdown needed
        QVERIFY(me->client->waitForClose() != -1);
        QVERIFY(fixture.start());

        auto meAgain = fixture.reconnect(me->credentials);
        auto strangerAgain = fixture.reconnect(stranger->credentials);
        QVERIFY(meAgain && strangerAgain);
        QCOMPARE(policyOf(*meAgain->client), QString(policy::kNobody));
        HEARTH_COMPARE_REFUSED(
            createConv(*strangerAgain->client, protocol::kind::kDm, {me->user()}), policy::kNobody);
    }

private:
    RelayFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestRelayPrivacy)
#include "tst_relay_privacy.moc"
