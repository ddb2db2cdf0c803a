// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/membership_state.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const DeviceAddress kAlice{UserId{u"alice"_s}, DeviceId{1}};
const DeviceAddress kBob{UserId{u"bob"_s}, DeviceId{2}};
const DeviceAddress kCarol{UserId{u"carol"_s}, DeviceId{3}};
const UserId kMallory{u"mallory"_s};

//! The signing keys of the devices above: alice '\x01', bob '\x02', carol '\x03'.
const SigningKeyPair &keyOf(const DeviceAddress &device) {
    static const SigningKeyPair alice = signingKey('\x01');
    static const SigningKeyPair bob = signingKey('\x02');
    static const SigningKeyPair carol = signingKey('\x03');
    return device == kAlice ? alice : device == kBob ? bob : carol;
}

MembershipOp signedOp(const MembershipChange &change) {
    return std::move(MembershipOp::sign(change, keyOf(change.actor)).value());
}

MembershipOp createOp(hearth::ConversationKind kind, const QList<InitialMember> &members,
                      const DeviceAddress &creator = kAlice) {
    MembershipChange change;
    change.chain = *ChainId::fromBytes(counting(0x40, 16));
    change.action = MembershipAction::Create;
    change.actor = creator;
    change.timestampMs = 1'700'000'000'000;
    change.kind = kind;
    change.title = u"Book club"_s;
    change.members = members;
    return signedOp(change);
}

//! The next change of `state`'s chain.
MembershipOp nextOp(const MembershipState &state, MembershipAction action,
                    const DeviceAddress &actor, const UserId &target,
                    std::optional<hearth::Role> role = std::nullopt) {
    MembershipChange change;
    change.chain = state.chain();
    change.previous = state.head();
    change.action = action;
    change.actor = actor;
    change.timestampMs = 1'700'000'000'000 + state.length();
    change.target = target;
    change.role = role;
    return signedOp(change);
}

//! A group of alice (owner), bob (admin) and carol (member).
MembershipState group() {
    return std::move(MembershipState::genesis(createOp(hearth::ConversationKind::Group,
                                                       {{kBob.user, hearth::Role::Admin},
                                                        {kCarol.user, hearth::Role::Member}}))
                         .value());
}

} // namespace

class TestMembershipChain final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswer() {
        const MembershipOp create =
            createOp(hearth::ConversationKind::Dm, {{kBob.user, hearth::Role::Member}});
        // Cross-checked with an independent Python version (hashlib's BLAKE2b, pyca's Ed25519)
        // of docs/crypto.md section 14.1: tag, chain id, zero previous hash,
        // action 1, actor "alice" device 1, timestamp, kind 1, title, one member "bob" role 3.
        const QByteArray body = QByteArray("hearth-membership-v1\0", 21) + counting(0x40, 16) +
                                QByteArray(32, '\0') +
                                QByteArray::fromHex("01"
                                                    "0005616c696365"
                                                    "0000000000000001"
                                                    "0000018bcfe56800"
                                                    "01"
                                                    "0009") +
                                "Book club" +
                                QByteArray::fromHex("00000001"
                                                    "0003626f62"
                                                    "03");
        QCOMPARE(create.bytes().first(body.size()), body);
        QCOMPARE(create.bytes().size(), body.size() + kSignatureSize);
        QCOMPARE(create.bytes().toHex().right(32), QByteArray("4dd07ff20d3d2455ca1755bf9a607c0f"));
        QCOMPARE(create.hash().toHex(),
                 QByteArray("dc94a52637175f146390f77c25298c8041b2a60c1577e331f09cdffa585a2a42"));
    }

    void roundTrip() {
        const MembershipState state = group();
        const MembershipOp add =
            nextOp(state, MembershipAction::Add, kAlice, kMallory, hearth::Role::Member);
        auto parsed = MembershipOp::parse(add.bytes());
        QVERIFY(parsed);
        QCOMPARE(parsed->bytes(), add.bytes());
        QCOMPARE(parsed->hash(), add.hash());
        QCOMPARE(parsed->change().target, kMallory);
        QCOMPARE(parsed->change().previous, state.head());
        QVERIFY(parsed->verify(publicKeyOf(keyOf(kAlice))));
        QCOMPARE(parsed->verify(publicKeyOf(keyOf(kBob))).error(), CryptoError::BadSignature);

        auto create = MembershipOp::parse(createOp(hearth::ConversationKind::Channel, {}).bytes());
        QVERIFY(create);
        QCOMPARE(create->change().kind, hearth::ConversationKind::Channel);
        QCOMPARE(create->change().title, u"Book club"_s);
        QVERIFY(create->change().previous.isEmpty());
    }

    void everyFlippedByteRefused() {
        const MembershipOp add =
            nextOp(group(), MembershipAction::Add, kAlice, kMallory, hearth::Role::Member);
        for (qsizetype i = 0; i < add.bytes().size(); ++i) {
            auto parsed = MembershipOp::parse(flipped(add.bytes(), i));
            if (parsed)
                QVERIFY2(!parsed->verify(publicKeyOf(keyOf(kAlice))),
                         qPrintable(QString::number(i)));
        }
    }

    void everyTruncationRefused() {
        const QByteArray bytes =
            createOp(hearth::ConversationKind::Group, {{kBob.user, hearth::Role::Member}}).bytes();
        for (qsizetype size = 0; size < bytes.size(); ++size)
            QVERIFY(!MembershipOp::parse(bytes.first(size)));
        QCOMPARE(MembershipOp::parse(bytes + 'x').error(), CryptoError::Malformed);
        QByteArray future = bytes;
        future[19] = '2'; // "hearth-membership-v2"
        QCOMPARE(MembershipOp::parse(future).error(), CryptoError::UnsupportedVersion);
    }

    void signRefusesBadShapes() {
        MembershipChange change;
        change.action = MembershipAction::Add;
        change.actor = kAlice;
        change.target = kMallory;
        change.previous = QByteArray(32, '\x01');
        QCOMPARE(MembershipOp::sign(change, keyOf(kAlice)).error(), CryptoError::InvalidArgument);
        change.role = hearth::Role::Member;
        QVERIFY(MembershipOp::sign(change, keyOf(kAlice)));
        change.previous.chop(1);
        QCOMPARE(MembershipOp::sign(change, keyOf(kAlice)).error(), CryptoError::InvalidArgument);
        change.previous = QByteArray(32, '\x01');
        change.action = MembershipAction::Leave; // leave names the actor only
        change.role.reset();
        QCOMPARE(MembershipOp::sign(change, keyOf(kAlice)).error(), CryptoError::InvalidArgument);
    }

    void genesis() {
        const MembershipState state = group();
        QCOMPARE(state.length(), quint64(1));
        QCOMPARE(state.roleOf(kAlice.user), hearth::Role::Owner);
        QCOMPARE(state.roleOf(kBob.user), hearth::Role::Admin);
        QCOMPARE(state.roleOf(kCarol.user), hearth::Role::Member);
        QCOMPARE(state.members().size(), 3);

        // A dm is exactly two people.
        QCOMPARE(MembershipState::genesis(createOp(hearth::ConversationKind::Dm, {})).error(),
                 CryptoError::NotPermitted);
        QCOMPARE(MembershipState::genesis(
                     createOp(hearth::ConversationKind::Dm, {{kBob.user, hearth::Role::Member},
                                                             {kCarol.user, hearth::Role::Member}}))
                     .error(),
                 CryptoError::NotPermitted);
        QCOMPARE(MembershipState::genesis(
                     createOp(hearth::ConversationKind::Group, {{kBob.user, hearth::Role::Owner}}))
                     .error(),
                 CryptoError::NotPermitted);
        const MembershipState once = group();
        QCOMPARE(
            MembershipState::genesis(nextOp(once, MembershipAction::Leave, kCarol, kCarol.user))
                .error(),
            CryptoError::WrongType);
    }

    void nothingChangesADm() {
        auto dm = MembershipState::genesis(
            createOp(hearth::ConversationKind::Dm, {{kBob.user, hearth::Role::Member}}));
        QVERIFY(dm);
        const QByteArray head = dm->head();
        QCOMPARE(
            dm->apply(nextOp(*dm, MembershipAction::Add, kAlice, kMallory, hearth::Role::Member))
                .error(),
            CryptoError::NotPermitted);
        QCOMPARE(dm->apply(nextOp(*dm, MembershipAction::Leave, kBob, kBob.user)).error(),
                 CryptoError::NotPermitted);
        QCOMPARE(
            dm->apply(nextOp(*dm, MembershipAction::Role, kAlice, kBob.user, hearth::Role::Admin))
                .error(),
            CryptoError::NotPermitted);
        QCOMPARE(dm->head(), head);
        QCOMPARE(dm->members().size(), 2);
    }

    void permissionsMatrix_data() {
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("actor"); // 0 alice (owner), 1 bob (admin), 2 carol (member)
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("role"); // 0 none, else the role + 1
        QTest::addColumn<bool>("allowed");
        const int add = int(MembershipAction::Add), remove = int(MembershipAction::Remove),
                  leave = int(MembershipAction::Leave), role = int(MembershipAction::Role);
        const int owner = int(hearth::Role::Owner) + 1, admin = int(hearth::Role::Admin) + 1,
                  member = int(hearth::Role::Member) + 1;
        QTest::newRow("owner adds member") << add << 0 << u"mallory"_s << member << true;
        QTest::newRow("owner adds admin") << add << 0 << u"mallory"_s << admin << true;
        QTest::newRow("nobody adds an owner") << add << 0 << u"mallory"_s << owner << false;
        QTest::newRow("admin adds member") << add << 1 << u"mallory"_s << member << true;
        QTest::newRow("admin adds admin") << add << 1 << u"mallory"_s << admin << false;
        QTest::newRow("member adds") << add << 2 << u"mallory"_s << member << false;
        QTest::newRow("adding a member twice") << add << 0 << u"carol"_s << member << false;
        QTest::newRow("owner removes admin") << remove << 0 << u"bob"_s << 0 << true;
        QTest::newRow("admin removes member") << remove << 1 << u"carol"_s << 0 << true;
        QTest::newRow("admin removes owner") << remove << 1 << u"alice"_s << 0 << false;
        QTest::newRow("member removes member") << remove << 2 << u"bob"_s << 0 << false;
        QTest::newRow("removing oneself") << remove << 1 << u"bob"_s << 0 << false;
        QTest::newRow("removing a stranger") << remove << 0 << u"mallory"_s << 0 << false;
        QTest::newRow("member leaves") << leave << 2 << u"carol"_s << 0 << true;
        QTest::newRow("only owner leaves others") << leave << 0 << u"alice"_s << 0 << false;
        QTest::newRow("owner promotes") << role << 0 << u"carol"_s << owner << true;
        QTest::newRow("admin promotes") << role << 1 << u"carol"_s << admin << false;
        QTest::newRow("last owner demotes self") << role << 0 << u"alice"_s << member << false;
        QTest::newRow("role of a stranger") << role << 0 << u"mallory"_s << admin << false;
    }

    void permissionsMatrix() {
        QFETCH(int, action);
        QFETCH(int, actor);
        QFETCH(QString, target);
        QFETCH(int, role);
        QFETCH(bool, allowed);
        MembershipState state = group();
        const DeviceAddress actors[] = {kAlice, kBob, kCarol};
        const auto op = nextOp(state, MembershipAction(action), actors[actor], UserId{target},
                               role ? std::optional(hearth::Role(role - 1)) : std::nullopt);
        const auto applied = state.apply(op);
        QCOMPARE(applied.ok(), allowed);
        if (!allowed) {
            QCOMPARE(applied.error(), CryptoError::NotPermitted);
            QCOMPARE(state.length(), quint64(1));
        } else {
            QCOMPARE(state.head(), op.hash());
            QCOMPARE(state.length(), quint64(2));
        }
    }

    void aStrangerCannotAct() {
        MembershipState state = group();
        const DeviceAddress mallory{kMallory, DeviceId{9}};
        MembershipChange change;
        change.chain = state.chain();
        change.previous = state.head();
        change.action = MembershipAction::Add;
        change.actor = mallory;
        change.target = UserId{u"eve"_s};
        change.role = hearth::Role::Member;
        const auto op = MembershipOp::sign(change, signingKey('\x09'));
        QVERIFY(op);
        QCOMPARE(state.apply(*op).error(), CryptoError::NotPermitted);
    }

    void chainOrderEnforced() {
        MembershipState state = group();
        const MembershipState start = state;
        const MembershipOp first =
            nextOp(state, MembershipAction::Add, kAlice, kMallory, hearth::Role::Member);
        QVERIFY(state.apply(first));
        const MembershipOp second = nextOp(state, MembershipAction::Remove, kAlice, kMallory);

        // Reordered: the second change before the first.
        MembershipState reordered = start;
        QCOMPARE(reordered.apply(second).error(), CryptoError::BrokenChain);
        // Replayed: the first change again.
        QCOMPARE(state.apply(first).error(), CryptoError::BrokenChain);
        // Dropped: a third change that skips the second.
        MembershipState dropped = state;
        QVERIFY(dropped.apply(second));
        const MembershipOp third =
            nextOp(dropped, MembershipAction::Add, kAlice, UserId{u"eve"_s}, hearth::Role::Member);
        QCOMPARE(state.apply(third).error(), CryptoError::BrokenChain);
        // Another chain's change with the right previous hash.
        MembershipChange moved = second.change();
        moved.chain = *ChainId::fromBytes(counting(0x60, 16));
        QCOMPARE(state.apply(signedOp(moved)).error(), CryptoError::BrokenChain);

        QVERIFY(state.apply(second));
        QVERIFY(!state.roleOf(kMallory));
        QCOMPARE(state.length(), quint64(3));
    }

    void restore() {
        const MembershipState state = group();
        auto restored = MembershipState::restore(state.chain(), state.kind(), state.head(),
                                                 state.length(), state.members());
        QVERIFY(restored);
        QVERIFY(restored->apply(nextOp(state, MembershipAction::Leave, kCarol, kCarol.user)));
        QCOMPARE(
            MembershipState::restore(state.chain(), state.kind(), {}, 1, state.members()).error(),
            CryptoError::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestMembershipChain)
#include "tst_membership_chain.moc"
