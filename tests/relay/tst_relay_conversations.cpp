// SPDX-License-Identifier: GPL-3.0-or-later
// Conversations against the real relay: creation, the membership log, listings and the
// role rules of add_member / remove_member / leave / set_role.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>
#include <vector>

using namespace hearth;
using namespace hearth::test;
namespace kind = protocol::kind;
namespace role = protocol::role;

namespace {

//! "sender: action user[ role]" — roles are shown for create, add and role events.
QString describeMembership(const QCborMap &event) {
    const QString action = event.value("action"_L1).toString();
    QString text = event.value("sender"_L1).toString() + u": "_s + action + u' ' +
                   event.value("user"_L1).toString();
    if (action != protocol::action::kRemove && action != protocol::action::kLeave)
        text += u' ' + event.value("role"_L1).toString();
    return text;
}

QStringList describeLog(const QList<QCborMap> &events) {
    QStringList log;
    for (const QCborMap &event : events)
        log.append(describeMembership(event));
    return log;
}

qint64 intOf(const QCborMap &map, QLatin1StringView key) {
    return map.value(key).toInteger();
}

} // namespace

class TestRelayConversations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void createGroupWritesMembershipLog() {
        auto a = m_fixture.signUp(m_fixture.freshUser(u"ann"_s));
        auto b = m_fixture.signUp(m_fixture.freshUser(u"bob"_s));
        auto c = m_fixture.signUp(m_fixture.freshUser(u"cat"_s));
        QVERIFY(a && b && c);
        const ProtocolResult<Frame> created =
            createConv(*a->client, kind::kGroup, {b->user(), c->user()}, u"Book club"_s);
        HEARTH_VERIFY_OK(created);
        const quint64 conv = created.value().uint("conv"_L1);
        QVERIFY(conv > 0);
        QCOMPARE(created.value().uint("seq"_L1), 3u);

        const auto events = syncAll(*a->client, conv);
        QVERIFY(events);
        QCOMPARE(seqsOf(*events), (QList<quint64>{1, 2, 3}));
        QCOMPARE(describeLog(*events),
                 (QStringList{a->user() + u": create "_s + a->user() + u" owner"_s,
                              a->user() + u": add "_s + b->user() + u" member"_s,
                              a->user() + u": add "_s + c->user() + u" member"_s}));
        const QCborMap &first = events->first();
        QCOMPARE(first.value("kind"_L1).toString(), QString(protocol::event_kind::kMembership));
        QCOMPARE(intOf(first, "conv"_L1), static_cast<qint64>(conv));
        QCOMPARE(intOf(first, "device"_L1), static_cast<qint64>(a->id()));
        QCOMPARE(first.value("conv_kind"_L1).toString(), QString(kind::kGroup));
        QCOMPARE(first.value("title"_L1).toString(), u"Book club"_s);
        QVERIFY(intOf(first, "ts"_L1) > 0);

        // A member added at creation sees the whole log, "create" included.
        const auto seenByB = syncAll(*b->client, conv);
        QVERIFY(seenByB);
        QCOMPARE(*seenByB, *events);
    }

    void createChannelRecordsItsKind() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        QVERIFY(a && b);
        const ProtocolResult<Frame> created =
            createConv(*a->client, kind::kChannel, {b->user()}, u"News"_s);
        HEARTH_VERIFY_OK(created);
        const auto events = syncAll(*a->client, created.value().uint("conv"_L1));
        QVERIFY(events && !events->isEmpty());
        QCOMPARE(events->first().value("conv_kind"_L1).toString(), QString(kind::kChannel));
        QCOMPARE(events->first().value("title"_L1).toString(), u"News"_s);
    }

    void titleIsOptional() {
        auto a = m_fixture.signUp();
        QVERIFY(a);
        const ProtocolResult<Frame> created = createConv(*a->client, kind::kGroup, {});
        HEARTH_VERIFY_OK(created);
        const auto events = syncAll(*a->client, created.value().uint("conv"_L1));
        QVERIFY(events && !events->isEmpty());
        QVERIFY(events->first().value("title"_L1).toString().isEmpty());
    }

    void dmIsCreatedOnce() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        QVERIFY(a && b);
        const ProtocolResult<Frame> created =
            createConv(*a->client, kind::kDm, {b->user()}, u"x"_s);
        HEARTH_VERIFY_OK(created);
        const quint64 conv = created.value().uint("conv"_L1);
        QCOMPARE(created.value().uint("seq"_L1), 2u);

        const ProtocolResult<Frame> again = createConv(*a->client, kind::kDm, {b->user()});
        HEARTH_VERIFY_OK(again);
        QCOMPARE(again.value().uint("conv"_L1), conv);
        const ProtocolResult<Frame> reverse = createConv(*b->client, kind::kDm, {a->user()});
        HEARTH_VERIFY_OK(reverse);
        QCOMPARE(reverse.value().uint("conv"_L1), conv);

        const auto events = syncAll(*a->client, conv);
        QVERIFY(events);
        QCOMPARE(seqsOf(*events), (QList<quint64>{1, 2}));
        QCOMPARE(events->first().value("conv_kind"_L1).toString(), QString(kind::kDm));
        QVERIFY2(events->first().value("title"_L1).toString().isEmpty(), "dm title not ignored");
        const ProtocolResult<Frame> convs = a->client->call(type::kConversations);
        HEARTH_VERIFY_OK(convs);
        QCOMPARE(findConv(convs.value(), conv).value("kind"_L1).toString(), QString(kind::kDm));
    }

    void createRefusesBadRequests_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("members");
        QTest::addColumn<bool>("unknownMember");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown kind") << u"room"_s << 1 << false << u"invalid_argument"_s;
        QTest::newRow("dm without partner") << u"dm"_s << 0 << false << u"invalid_argument"_s;
        QTest::newRow("dm with two") << u"dm"_s << 2 << false << u"invalid_argument"_s;
        QTest::newRow("dm unknown user") << u"dm"_s << 0 << true << u"no_such_user"_s;
        QTest::newRow("group unknown user") << u"group"_s << 1 << true << u"no_such_user"_s;
    }
    void createRefusesBadRequests() {
        QFETCH(QString, kind);
        QFETCH(int, members);
        QFETCH(bool, unknownMember);
        QFETCH(QString, code);
        auto creator = m_fixture.signUp();
        QVERIFY(creator);
        QStringList names;
        for (int i = 0; i < members; ++i) {
            auto member = m_fixture.signUp();
            QVERIFY(member);
            names.append(member->user());
        }
        if (unknownMember)
            names.append(u"nobody-here"_s);
        HEARTH_COMPARE_CODE(createConv(*creator->client, QLatin1StringView(kind.toLatin1()), names),
                            code);
        const ProtocolResult<Frame> convs = creator->client->call(type::kConversations);
        HEARTH_VERIFY_OK(convs);
        QVERIFY2(convs.value().array("convs"_L1).isEmpty(), "a refused create left a conv");
    }

    void convsListsCurrentAndFormerConversations() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        QVERIFY(a && b);
        const ProtocolResult<Frame> created =
            createConv(*a->client, kind::kGroup, {b->user()}, u"T"_s);
        HEARTH_VERIFY_OK(created);
        const quint64 conv = created.value().uint("conv"_L1);
        const ProtocolResult<Frame> removed =
            changeMember(*a->client, type::kRemoveMember, conv, b->user());
        HEARTH_VERIFY_OK(removed);
        QCOMPARE(removed.value().uint("seq"_L1), 3u);

        const ProtocolResult<Frame> ofA = a->client->call(type::kConversations);
        HEARTH_VERIFY_OK(ofA);
        const QCborMap entryA = findConv(ofA.value(), conv);
        QCOMPARE(entryA.value("kind"_L1).toString(), QString(kind::kGroup));
        QCOMPARE(entryA.value("title"_L1).toString(), u"T"_s);
        QCOMPARE(entryA.value("role"_L1).toString(), QString(role::kOwner));
        QCOMPARE(intOf(entryA, "joined_seq"_L1), 1);
        QCOMPARE(intOf(entryA, "last_seq"_L1), 3);
        QVERIFY(!entryA.contains("left_seq"_L1));

        const ProtocolResult<Frame> ofB = b->client->call(type::kConversations);
        HEARTH_VERIFY_OK(ofB);
        const QCborMap entryB = findConv(ofB.value(), conv);
        QVERIFY2(!entryB.isEmpty(), "a former member must still list the conversation");
        // why: the notes leave it open; the relay lets members added at creation see the
        // "create" event (title, kind), so their window starts at 1.
        QCOMPARE(intOf(entryB, "joined_seq"_L1), 1);
        QCOMPARE(intOf(entryB, "left_seq"_L1), 3);
    }

    void membersListsCurrentMembers() {
        auto team = makeTeam(kind::kGroup);
        QVERIFY(team);
        HEARTH_VERIFY_OK(changeMember(*team->owner->client, type::kRemoveMember, team->conv,
                                      team->member2->user()));
        const ProtocolResult<Frame> reply =
            team->member->client->call(type::kMembers, convField(team->conv));
        HEARTH_VERIFY_OK(reply);
        QStringList members;
        for (const QCborValue &entry : reply.value().array("members"_L1)) {
            const QCborMap m = entry.toMap();
            members.append(m.value("user"_L1).toString() + u' ' + m.value("role"_L1).toString() +
                           u' ' + QString::number(intOf(m, "joined_seq"_L1)));
        }
        members.sort();
        QStringList expected = {team->owner->user() + u" owner 1"_s,
                                team->member->user() + u" member 1"_s,
                                team->admin->user() + u" admin 4"_s};
        expected.sort();
        QCOMPARE(members, expected);

        HEARTH_COMPARE_CODE(team->outsider->client->call(type::kMembers, convField(team->conv)),
                            "not_member"_L1);
        HEARTH_COMPARE_CODE(team->member2->client->call(type::kMembers, convField(team->conv)),
                            "not_member"_L1);
        HEARTH_COMPARE_CODE(team->owner->client->call(type::kMembers, convField(987654321)),
                            "no_such_conversation"_L1);
    }

    void rolesDecideWhoMayChangeMembership() {
        auto team = makeTeam(kind::kGroup);
        QVERIFY(team);
        auto admin2 = m_fixture.signUp(m_fixture.freshUser(u"admin"_s));
        QVERIFY(admin2);
        Device &owner = *team->owner, &admin = *team->admin, &m1 = *team->member,
               &m2 = *team->member2;
        const QString x = team->outsider->user();
        const quint64 conv = team->conv;
        HEARTH_VERIFY_OK(
            changeMember(*owner.client, type::kAddMember, conv, admin2->user(), role::kAdmin));

        // Adding someone as owner is refused (forbidden or invalid_argument: use set_role).
        const ProtocolResult<Frame> asOwner =
            changeMember(*owner.client, type::kAddMember, conv, x, role::kOwner);
        QVERIFY2(codeOf(asOwner) == u"forbidden"_s || codeOf(asOwner) == u"invalid_argument"_s,
                 qPrintable(describe(asOwner)));

        struct Step {
            Device *actor;
            QLatin1StringView request;
            QString target;
            QLatin1StringView newRole;
            QString code;
        };
        const QList<Step> steps = {
            {&m1, type::kAddMember, x, {}, u"forbidden"_s},
            {&admin, type::kAddMember, x, role::kAdmin, u"forbidden"_s},
            {&admin, type::kAddMember, x, {}, u"ok"_s},
            {&owner, type::kAddMember, m1.user(), {}, u"invalid_argument"_s},
            {&admin, type::kRemoveMember, admin2->user(), {}, u"forbidden"_s},
            {&admin, type::kRemoveMember, owner.user(), {}, u"forbidden"_s},
            {&m1, type::kRemoveMember, m2.user(), {}, u"forbidden"_s},
            {&owner, type::kRemoveMember, owner.user(), {}, u"invalid_argument"_s},
            {&admin, type::kRemoveMember, x, {}, u"ok"_s},
            {&owner, type::kRemoveMember, admin2->user(), {}, u"ok"_s},
            {&owner, type::kLeave, {}, {}, u"last_owner"_s},
            {&admin, type::kSetRole, m1.user(), role::kAdmin, u"forbidden"_s},
            {&owner, type::kSetRole, m1.user(), "king"_L1, u"invalid_argument"_s},
            {&owner, type::kSetRole, owner.user(), role::kMember, u"last_owner"_s},
            {&owner, type::kSetRole, m1.user(), role::kAdmin, u"ok"_s},
            {&owner, type::kSetRole, admin.user(), role::kOwner, u"ok"_s},
            {&owner, type::kRemoveMember, admin.user(), {}, u"forbidden"_s},
            {&owner, type::kSetRole, owner.user(), role::kAdmin, u"ok"_s},
            {&m2, type::kLeave, {}, {}, u"ok"_s},
        };
        QList<quint64> acceptedSeqs;
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const Step &step = steps[i];
            const ProtocolResult<Frame> reply =
                changeMember(*step.actor->client, step.request, conv, step.target, step.newRole);
            QVERIFY2(codeOf(reply) == step.code,
                     qPrintable(u"step %1 (%2 by %3): expected %4, got %5"_s.arg(i).arg(
                         QString(step.request), step.actor->user(), step.code, describe(reply))));
            if (reply)
                acceptedSeqs.append(reply.value().uint("seq"_L1));
        }

        const auto events = syncAll(*owner.client, conv);
        QVERIFY(events);
        const QList<quint64> seqs = seqsOf(*events);
        QCOMPARE(seqs, seqsUpTo(12));
        QCOMPARE(acceptedSeqs, seqs.mid(5));
        const QString o = owner.user(), a = admin.user();
        QCOMPARE(
            describeLog(*events).mid(3),
            (QStringList{
                o + u": add "_s + a + u" admin"_s, o + u": add "_s + admin2->user() + u" admin"_s,
                a + u": add "_s + x + u" member"_s, a + u": remove "_s + x,
                o + u": remove "_s + admin2->user(), o + u": role "_s + m1.user() + u" admin"_s,
                o + u": role "_s + a + u" owner"_s, o + u": role "_s + o + u" admin"_s,
                m2.user() + u": leave "_s + m2.user()}));
    }

    void membershipChangesArePushedToMembers() {
        auto team = makeTeam(kind::kGroup);
        QVERIFY(team);
        const ProtocolResult<Frame> added = changeMember(*team->owner->client, type::kAddMember,
                                                         team->conv, team->outsider->user());
        HEARTH_VERIFY_OK(added);
        const quint64 seq = added.value().uint("seq"_L1);
        for (Device *device : {&*team->member, &*team->outsider}) {
            const auto event = waitForEvent(*device->client, team->conv, seq);
            QVERIFY2(event, qPrintable(device->user() + u" got no push of the add"_s));
            QCOMPARE(event->value("action"_L1).toString(), QString(protocol::action::kAdd));
            QCOMPARE(event->value("user"_L1).toString(), team->outsider->user());
        }
    }

    void dmMembershipCannotChange() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(a && b && c);
        const ProtocolResult<Frame> created = createConv(*a->client, kind::kDm, {b->user()});
        HEARTH_VERIFY_OK(created);
        const quint64 conv = created.value().uint("conv"_L1);
        TestClient &client = *a->client;
        HEARTH_COMPARE_CODE(changeMember(client, type::kAddMember, conv, c->user()),
                            "forbidden"_L1);
        HEARTH_COMPARE_CODE(changeMember(client, type::kRemoveMember, conv, b->user()),
                            "forbidden"_L1);
        HEARTH_COMPARE_CODE(changeMember(client, type::kSetRole, conv, b->user(), role::kAdmin),
                            "forbidden"_L1);
        HEARTH_COMPARE_CODE(leave(client, conv), "forbidden"_L1);
    }

    void channelOnlyOwnersAndAdminsPost() {
        auto team = makeTeam(kind::kChannel);
        QVERIFY(team);
        HEARTH_COMPARE_CODE(sendMessage(*team->member->client, team->conv, "hi"), "forbidden"_L1);
        HEARTH_VERIFY_OK(sendMessage(*team->admin->client, team->conv, "news"));
        HEARTH_VERIFY_OK(sendMessage(*team->owner->client, team->conv, "more news"));
        const auto events = syncAll(*team->owner->client, team->conv);
        QVERIFY(events);
        QCOMPARE(messagesOf(*events).size(), 2);
    }

    void formerMemberCannotSendOrList() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        const ProtocolResult<Frame> left = leave(*b.client, conv);
        HEARTH_VERIFY_OK(left);
        QCOMPARE(left.value().uint("seq"_L1), 3u);
        HEARTH_COMPARE_CODE(sendMessage(*b.client, conv, "still here?"), "not_member"_L1);
        HEARTH_COMPARE_CODE(b.client->call(type::kMembers, convField(conv)), "not_member"_L1);
        // The only owner may leave once nobody else remains.
        HEARTH_VERIFY_OK(leave(*a.client, conv));
    }

    void tooManyMembersIsRefused() {
        RelayFixture limited(limitArgs({{"max_members"_L1, 3}}));
        QVERIFY(limited.start());
        std::vector<Device> users;
        for (int i = 0; i < 4; ++i) {
            auto device = limited.signUp();
            QVERIFY(device);
            users.push_back(std::move(*device));
        }
        QCOMPARE(users[0]->connection().limits().maxMembers, 3);
        TestClient &creator = *users[0].client;
        HEARTH_COMPARE_CODE(createConv(creator, kind::kGroup,
                                       {users[1].user(), users[2].user(), users[3].user()},
                                       u"four"_s),
                            "too_many_members"_L1);
        const quint64 conv = createGroup(creator, {users[1].user(), users[2].user()});
        QVERIFY(conv);
        HEARTH_COMPARE_CODE(changeMember(creator, type::kAddMember, conv, users[3].user()),
                            "too_many_members"_L1);
    }

private:
    //! A conversation with an owner, an admin and two members, plus an outsider; all online.
    //! Log: 1 create owner, 2 add member, 3 add member2, 4 add admin (as admin).
    struct Team {
        std::optional<Device> owner, admin, member, member2, outsider;
        quint64 conv = 0;
    };

    std::optional<Team> makeTeam(QLatin1StringView convKind) {
        Team team;
        team.owner = m_fixture.signUp(m_fixture.freshUser(u"owner"_s));
        team.admin = m_fixture.signUp(m_fixture.freshUser(u"admin"_s));
        team.member = m_fixture.signUp(m_fixture.freshUser(u"member"_s));
        team.member2 = m_fixture.signUp(m_fixture.freshUser(u"member"_s));
        team.outsider = m_fixture.signUp(m_fixture.freshUser(u"outsider"_s));
        if (!team.owner || !team.admin || !team.member || !team.member2 || !team.outsider)
            return std::nullopt;
        TestClient &owner = *team.owner->client;
        const ProtocolResult<Frame> created =
            createConv(owner, convKind, {team.member->user(), team.member2->user()}, u"team"_s);
        if (!created) {
            qWarning("create_conv failed: %s", qPrintable(describe(created)));
            return std::nullopt;
        }
        team.conv = created.value().uint("conv"_L1);
        const ProtocolResult<Frame> admin =
            changeMember(owner, type::kAddMember, team.conv, team.admin->user(), role::kAdmin);
        if (!admin) {
            qWarning("add_member admin failed: %s", qPrintable(describe(admin)));
            return std::nullopt;
        }
        return team;
    }

    RelayFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestRelayConversations)
#include "tst_relay_conversations.moc"
