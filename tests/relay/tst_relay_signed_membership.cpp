// SPDX-License-Identifier: GPL-3.0-or-later
// Signed membership changes against the real relay (docs/protocol.md 3.7, 3.9): the relay
// takes only ops made and signed by the calling device that say what the request says and
// follow the chain head, stores them with their events and serves them unchanged.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"
#include "tests/relay/signed_membership.h"

#include <QCborArray>
#include <QProcess>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using crypto::MembershipChange;
using hearth::MembershipAction;
using hearth::Role;
namespace kind = protocol::kind;
namespace role = protocol::role;

namespace {

ProtocolResult<Frame> sendCreate(TestClient &client, QLatin1StringView kind,
                                 const QStringList &members, const QString &title,
                                 const QByteArray &op) {
    QCborMap fields = createConvFields(kind, members, title);
    fields.insert("op"_L1, op);
    return client.call(type::kCreateConversation, fields);
}

ProtocolResult<Frame> sendChange(TestClient &client, QLatin1StringView request, quint64 conv,
                                 const QString &user, QLatin1StringView role,
                                 const QByteArray &op) {
    QCborMap fields = request == type::kLeave ? convField(conv) : memberFields(conv, user, role);
    fields.insert("op"_L1, op);
    return client.call(request, fields);
}

//! The conversations `client` is in.
qsizetype convCount(TestClient &client) {
    const ProtocolResult<Frame> reply = client.call(type::kConversations);
    return reply ? reply.value().array("convs"_L1).size() : -1;
}

QList<quint64> logOf(TestClient &client, quint64 conv) {
    const auto events = syncAll(client, conv);
    return events ? seqsOf(*events) : QList<quint64>{};
}

QByteArray opOf(const QCborMap &event) {
    return event.value("op"_L1).toByteArray();
}

} // namespace

class TestRelaySignedMembership final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void missingOpIsABadFrame() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        QVERIFY(a && b);
        HEARTH_COMPARE_CODE(
            a->client->call(type::kCreateConversation, createConvFields(kind::kGroup, {b->user()})),
            "bad_frame"_L1);
        QCOMPARE(convCount(*a->client), 0);
        const quint64 conv = createGroup(*a->client, {b->user()});
        QVERIFY(conv);
        HEARTH_COMPARE_CODE(a->client->call(type::kAddMember, memberFields(conv, b->user())),
                            "bad_frame"_L1);
        HEARTH_COMPARE_CODE(b->client->call(type::kLeave, convField(conv)), "bad_frame"_L1);
        HEARTH_COMPARE_CODE(
            a->client->call(type::kSetRole, memberFields(conv, b->user(), role::kAdmin)),
            "bad_frame"_L1);
        QCOMPARE(logOf(*a->client, conv), seqsUpTo(2));
    }

    void opMustBeMadeAndSignedByTheCallingDevice() {
        auto a1 = m_fixture.signUp();
        QVERIFY(a1);
        auto a2 = m_fixture.addDevice(a1->user());
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(a2 && b && c);
        const MembershipChange create = createChange(*a1->client, kind::kGroup, {b->user()}, {});
        // a1's change signed by a2's key; a2's change sent by a1; b's change sent by a1.
        HEARTH_COMPARE_CODE(
            sendCreate(*a1->client, kind::kGroup, {b->user()}, {}, signChange(*a2->client, create)),
            "invalid_argument"_L1);
        const MembershipChange ofA2 = createChange(*a2->client, kind::kGroup, {b->user()}, {});
        HEARTH_COMPARE_CODE(
            sendCreate(*a1->client, kind::kGroup, {b->user()}, {}, signChange(*a2->client, ofA2)),
            "invalid_argument"_L1);
        const MembershipChange ofB = createChange(*b->client, kind::kGroup, {a1->user()}, {});
        HEARTH_COMPARE_CODE(
            sendCreate(*a1->client, kind::kGroup, {a1->user()}, {}, signChange(*b->client, ofB)),
            "invalid_argument"_L1);
        HEARTH_COMPARE_CODE(sendCreate(*a1->client, kind::kGroup, {b->user()}, {}, "not an op"),
                            "invalid_argument"_L1);
        QCOMPARE(convCount(*a1->client), 0);
        QCOMPARE(convCount(*b->client), 0);

        const quint64 conv = createGroup(*a1->client, {b->user()});
        QVERIFY(conv);
        const MembershipChange add =
            requestChange(*a1->client, type::kAddMember, conv, c->user(), {});
        for (const Device *signer : {&*a2, &*b})
            HEARTH_COMPARE_CODE(sendChange(*a1->client, type::kAddMember, conv, c->user(), {},
                                           signChange(*signer->client, add)),
                                "invalid_argument"_L1);
        // b's own leave, signed by b, sent by a1.
        const MembershipChange leaveOfB = requestChange(*b->client, type::kLeave, conv, {}, {});
        HEARTH_COMPARE_CODE(
            sendChange(*a1->client, type::kLeave, conv, {}, {}, signChange(*b->client, leaveOfB)),
            "invalid_argument"_L1);
        QCOMPARE(logOf(*a1->client, conv), seqsUpTo(2));
        // The other device of the same member signs its own change.
        HEARTH_VERIFY_OK(changeMember(*a2->client, type::kAddMember, conv, c->user()));
    }

    void createOpMustSayWhatTheRequestSays() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(a && b && c);
        const QStringList members{b->user(), c->user()};
        const MembershipChange base = createChange(*a->client, kind::kGroup, members, u"t"_s);
        QList<std::pair<const char *, MembershipChange>> variants;
        MembershipChange changed = base;
        changed.kind = hearth::ConversationKind::Channel;
        variants.append({"kind", changed});
        changed = base;
        changed.title = u"another title"_s;
        variants.append({"title", changed});
        changed = base;
        std::swap(changed.members[0], changed.members[1]);
        variants.append({"member order", changed});
        changed = base;
        changed.members[0].role = hearth::Role::Admin;
        variants.append({"member role", changed});
        changed = base;
        changed.members.removeLast();
        variants.append({"fewer members", changed});
        for (const auto &[what, change] : variants) {
            const ProtocolResult<Frame> reply = sendCreate(*a->client, kind::kGroup, members,
                                                           u"t"_s, signChange(*a->client, change));
            QVERIFY2(codeOf(reply) == u"invalid_argument"_s,
                     qPrintable(QString::fromLatin1(what) + u": "_s + describe(reply)));
        }
        // A dm's op has no title, whatever the request carries (the relay stores none).
        MembershipChange dm = createChange(*a->client, kind::kDm, {b->user()}, {});
        dm.title = u"t"_s;
        HEARTH_COMPARE_CODE(
            sendCreate(*a->client, kind::kDm, {b->user()}, u"t"_s, signChange(*a->client, dm)),
            "invalid_argument"_L1);
        // An add op where a creation belongs.
        MembershipChange add;
        add.action = MembershipAction::Add;
        add.actor = base.actor;
        add.previous = QByteArray(crypto::kMembershipHashSize, '\0');
        add.target = hearth::UserId{b->user()};
        add.role = hearth::Role::Member;
        HEARTH_COMPARE_CODE(
            sendCreate(*a->client, kind::kGroup, members, u"t"_s, signChange(*a->client, add)),
            "invalid_argument"_L1);
        QCOMPARE(convCount(*a->client), 0);
        HEARTH_VERIFY_OK(
            sendCreate(*a->client, kind::kGroup, members, u"t"_s, signChange(*a->client, base)));
    }

    void changeOpMustSayWhatTheRequestSays() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        auto d = m_fixture.signUp();
        QVERIFY(a && b && c && d);
        const quint64 conv = createGroup(*a->client, {b->user()});
        QVERIFY(conv);
        struct Case {
            const char *what;
            Device *actor;
            QLatin1StringView request;
            QString user;
            QLatin1StringView role;
            MembershipChange change;
        };
        auto next = [&](Device &actor, MembershipAction action, const QString &target,
                        std::optional<hearth::Role> role = {}) {
            return nextChange(*actor.client, conv, action, target, role);
        };
        const QList<Case> cases = {
            {"target",
             &*a,
             type::kAddMember,
             d->user(),
             {},
             next(*a, MembershipAction::Add, c->user(), hearth::Role::Member)},
            {"role", &*a, type::kAddMember, d->user(), role::kMember,
             next(*a, MembershipAction::Add, d->user(), hearth::Role::Admin)},
            {"action",
             &*a,
             type::kAddMember,
             d->user(),
             {},
             next(*a, MembershipAction::Remove, d->user())},
            {"leave as removal",
             &*b,
             type::kLeave,
             {},
             {},
             next(*b, MembershipAction::Remove, b->user())},
            {"removal as add",
             &*a,
             type::kRemoveMember,
             b->user(),
             {},
             next(*a, MembershipAction::Add, b->user(), hearth::Role::Member)},
            {"new role", &*a, type::kSetRole, b->user(), role::kAdmin,
             next(*a, MembershipAction::Role, b->user(), hearth::Role::Member)},
            {"role target", &*a, type::kSetRole, b->user(), role::kAdmin,
             next(*a, MembershipAction::Role, a->user(), hearth::Role::Admin)},
        };
        for (const Case &step : cases) {
            const ProtocolResult<Frame> reply =
                sendChange(*step.actor->client, step.request, conv, step.user, step.role,
                           signChange(*step.actor->client, step.change));
            QVERIFY2(codeOf(reply) == u"invalid_argument"_s,
                     qPrintable(QString::fromLatin1(step.what) + u": "_s + describe(reply)));
        }
        QCOMPARE(logOf(*a->client, conv), seqsUpTo(2));
        HEARTH_VERIFY_OK(changeMember(*a->client, type::kAddMember, conv, d->user()));
    }

    void staleHeadIsRefusedAndNothingWritten() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        auto d = m_fixture.signUp();
        QVERIFY(a && b && c && d);
        const quint64 conv = createGroup(*a->client, {b->user()});
        const quint64 other = createGroup(*a->client, {b->user()});
        QVERIFY(conv && other);
        const QByteArray stale = signChange(
            *a->client, requestChange(*a->client, type::kAddMember, conv, c->user(), {}));
        HEARTH_VERIFY_OK(changeMember(*a->client, type::kAddMember, conv, d->user())); // seq 3
        const ProtocolResult<Frame> refused =
            sendChange(*a->client, type::kAddMember, conv, c->user(), {}, stale);
        HEARTH_COMPARE_CODE(refused, "stale_membership"_L1);
        // A change on the head of another conversation's chain.
        const QByteArray elsewhere = signChange(
            *a->client, requestChange(*a->client, type::kAddMember, other, c->user(), {}));
        HEARTH_COMPARE_CODE(
            sendChange(*a->client, type::kAddMember, conv, c->user(), {}, elsewhere),
            "stale_membership"_L1);
        QCOMPARE(logOf(*a->client, conv), seqsUpTo(3));
        QCOMPARE(convCount(*c->client), 0);
        // Signed again on the latest head, it goes through.
        const ProtocolResult<Frame> added =
            changeMember(*a->client, type::kAddMember, conv, c->user());
        HEARTH_VERIFY_OK(added);
        QCOMPARE(added.value().uint("seq"_L1), 4u);
    }

    void chainIdBelongsToOneConversation() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(a && b && c);
        const MembershipChange first = createChange(*a->client, kind::kGroup, {b->user()}, {});
        HEARTH_VERIFY_OK(
            sendCreate(*a->client, kind::kGroup, {b->user()}, {}, signChange(*a->client, first)));
        MembershipChange again = createChange(*a->client, kind::kGroup, {c->user()}, {});
        again.chain = first.chain;
        HEARTH_COMPARE_CODE(
            sendCreate(*a->client, kind::kGroup, {c->user()}, {}, signChange(*a->client, again)),
            "invalid_argument"_L1);
        QCOMPARE(convCount(*a->client), 1);
        QCOMPARE(convCount(*c->client), 0);

        // An existing dm is returned as it is: the second op is not stored, its chain stays free.
        const ProtocolResult<Frame> dm = createConv(*a->client, kind::kDm, {b->user()});
        HEARTH_VERIFY_OK(dm);
        const MembershipChange dmAgain = createChange(*a->client, kind::kDm, {b->user()}, {});
        const ProtocolResult<Frame> same =
            sendCreate(*a->client, kind::kDm, {b->user()}, {}, signChange(*a->client, dmAgain));
        HEARTH_VERIFY_OK(same);
        QCOMPARE(same.value().uint("conv"_L1), dm.value().uint("conv"_L1));
        QCOMPARE(same.value().uint("seq"_L1), dm.value().uint("seq"_L1));
        MembershipChange reuse = createChange(*a->client, kind::kGroup, {c->user()}, {});
        reuse.chain = dmAgain.chain;
        HEARTH_VERIFY_OK(
            sendCreate(*a->client, kind::kGroup, {c->user()}, {}, signChange(*a->client, reuse)));
    }

    void opsAreServedAsSigned() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(a && b && c);
        const QByteArray createOp = signChange(
            *a->client, createChange(*a->client, kind::kGroup, {b->user()}, u"served"_s));
        const ProtocolResult<Frame> created =
            sendCreate(*a->client, kind::kGroup, {b->user()}, u"served"_s, createOp);
        HEARTH_VERIFY_OK(created);
        const quint64 conv = created.value().uint("conv"_L1);
        const auto pushedCreate = waitForEvent(*b->client, conv, 1);
        const auto pushedJoin = waitForEvent(*b->client, conv, 2);
        QVERIFY(pushedCreate && pushedJoin);
        QCOMPARE(opOf(*pushedCreate), createOp);
        // The initial members' add events are what the creation says: no op of their own.
        QVERIFY(!pushedJoin->contains("op"_L1));

        const QByteArray addOp = signChange(
            *a->client, requestChange(*a->client, type::kAddMember, conv, c->user(), {}));
        HEARTH_VERIFY_OK(sendChange(*a->client, type::kAddMember, conv, c->user(), {}, addOp));
        const auto pushedAdd = waitForEvent(*b->client, conv, 3);
        const auto pushedToTarget = waitForEvent(*c->client, conv, 3);
        QVERIFY(pushedAdd && pushedToTarget);
        QCOMPARE(opOf(*pushedAdd), addOp);
        QCOMPARE(opOf(*pushedToTarget), addOp);

        const auto events = syncAll(*b->client, conv);
        QVERIFY(events);
        QCOMPARE(events->size(), 3);
        QCOMPARE(opOf(events->at(0)), createOp);
        QVERIFY(!events->at(1).contains("op"_L1));
        QCOMPARE(opOf(events->at(2)), addOp);
        const auto fromTarget = syncAll(*c->client, conv);
        QVERIFY(fromTarget && fromTarget->size() == 1);
        QCOMPARE(opOf(fromTarget->first()), addOp);
        // Messages carry none.
        HEARTH_VERIFY_OK(sendMessage(*a->client, conv, "ciphertext"));
        const auto message = waitForEvent(*b->client, conv, 4);
        QVERIFY(message);
        QVERIFY(!message->contains("op"_L1));
        // The served ops chain: the add follows the creation.
        const auto create = crypto::MembershipOp::parse(createOp);
        const auto add = crypto::MembershipOp::parse(addOp);
        QVERIFY(create && add);
        QCOMPARE(add->change().previous, create->hash());
        QCOMPARE(add->change().chain, create->change().chain);
    }

    void legacyConversationRefusesChanges() {
        RelayFixture fixture;
        QVERIFY(fixture.start());
        auto a = fixture.signUp();
        auto b = fixture.signUp();
        auto c = fixture.signUp();
        QVERIFY(a && b && c);
        const engine::DeviceCredentials aCredentials = a->credentials;
        const engine::DeviceCredentials bCredentials = b->credentials;
        const QString outsider = c->user();
        a.reset();
        b.reset();
        c.reset();
        QCOMPARE(fixture.relay().terminate(), 0);
        QProcess tool;
        tool.start(QStringLiteral(HEARTH_LEGACY_CONV_TOOL),
                   {fixture.relay().dataDir() + u"/relay.sqlite3"_s, aCredentials.user,
                    bCredentials.user});
        QVERIFY(tool.waitForFinished(kWaitMs));
        QVERIFY2(tool.exitCode() == 0, tool.readAllStandardError().constData());
        const quint64 conv = tool.readAllStandardOutput().trimmed().toULongLong();
        QVERIFY(conv > 0);
        QVERIFY(fixture.start());
        a = fixture.reconnect(aCredentials);
        b = fixture.reconnect(bCredentials);
        QVERIFY(a && b);

        for (const ProtocolResult<Frame> &reply :
             {changeMember(*a->client, type::kAddMember, conv, outsider),
              changeMember(*a->client, type::kSetRole, conv, b->user(), role::kAdmin),
              changeMember(*a->client, type::kRemoveMember, conv, b->user()),
              leave(*b->client, conv)}) {
            HEARTH_COMPARE_CODE(reply, "forbidden"_L1);
            QVERIFY2(reply.error().message.contains(u"predates signed membership"_s),
                     qPrintable(reply.error().message));
        }
        const auto events = syncAll(*a->client, conv);
        QVERIFY(events);
        QCOMPARE(seqsOf(*events), seqsUpTo(2));
        for (const QCborMap &event : *events)
            QVERIFY(!event.contains("op"_L1));
        // Its members still talk.
        HEARTH_VERIFY_OK(sendMessage(*a->client, conv, "ciphertext"));
    }

private:
    RelayFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestRelaySignedMembership)
#include "tst_relay_signed_membership.moc"
