// SPDX-License-Identifier: GPL-3.0-or-later
// A malicious relay and conversation membership (docs/crypto.md, "Membership chain"): a proxy
// in front of the real relay injects, forges, reorders, replays and withholds membership
// changes. Each is refused or detected, the member is warned, and no session key reaches
// someone the signed history does not make a member.
#include "crypto/membership_op.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QCborArray>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;
using hearth::DeviceAddress;
using hearth::DeviceId;
using hearth::UserId;

namespace {

//! How many session keys (to-device messages) `frames` sent to `user`'s devices.
int keysSentTo(const QList<QByteArray> &frames, const QString &user) {
    int count = 0;
    for (const QByteArray &frame : frames) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() != u"to_device"_s)
            continue;
        for (const QCborValue &message : map.value("messages"_L1).toArray())
            count += message.toMap().value("user"_L1).toString() == user ? 1 : 0;
    }
    return count;
}

//! `frame` with the event at `seq` (a message) replaced by `replacement` (same conv and seq).
QByteArray replaceEvent(const QByteArray &frame, quint64 seq, const QCborMap &replacement) {
    return EvilProxy::rewriteMessages(frame, [&](QCborMap &event) {
        if (quint64(event.value("seq"_L1).toInteger()) != seq)
            return;
        QCborMap forged = replacement;
        forged.insert("conv"_L1, event.value("conv"_L1));
        forged.insert("seq"_L1, event.value("seq"_L1));
        forged.insert("ts"_L1, event.value("ts"_L1));
        event = forged;
    });
}

//! A membership event as the relay serves it.
QCborMap membershipEvent(const QString &sender, qint64 device, const QString &action,
                         const QString &user, const QString &role = {}, const QByteArray &op = {}) {
    QCborMap event;
    event.insert("sender"_L1, sender);
    event.insert("device"_L1, device);
    event.insert("kind"_L1, "membership"_L1);
    event.insert("action"_L1, action);
    event.insert("user"_L1, user);
    if (!role.isEmpty())
        event.insert("role"_L1, role);
    if (!op.isEmpty())
        event.insert("op"_L1, op);
    return event;
}

//! True once the oldest message in `device`'s outbox has failed for good.
bool firstUnsentFailed(TestDevice &device) {
    auto unsent = device->store().outbox().unsent();
    return unsent && !unsent->isEmpty() && unsent->constFirst().state == store::OutboxState::Failed;
}

quint64 deviceOf(TestDevice &device) {
    auto account = device->store().account().account();
    return account && *account ? (*account)->device.value : 0;
}

QList<UserId> memberNames(TestDevice &device, hearth::ConversationId conversation) {
    QList<UserId> names;
    auto members = device->store().conversations().members(conversation);
    for (const store::Member &member : members ? *members : QList<store::Member>{})
        names.append(member.user);
    return names;
}

store::MembershipAlert alertOf(TestDevice &device, hearth::ConversationId conversation) {
    auto alert = device->store().membership().alert(conversation);
    return alert ? *alert : store::MembershipAlert::None;
}

//! The trust of the membership event at `seq`, as stored.
std::optional<store::MemberTrust> trustAt(TestDevice &device, hearth::ConversationId conversation,
                                          quint64 seq) {
    auto event = device->store().timeline().event(conversation, seq);
    if (!event || !*event || !(*event)->membership)
        return std::nullopt;
    return (*event)->membership->trust;
}

} // namespace

class TstEvilMembership final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    //! Attack 1 of issue 9: "alice added mallory" injected into alice's dm with bob.
    void injectedAddToDmRefused_data() {
        QTest::addColumn<int>("forgery");
        QTest::newRow("unsigned") << 0;
        QTest::newRow("signed by mallory's device, claimed as alice's") << 1;
    }

    void injectedAddToDmRefused() {
        QFETCH(int, forgery);
        const QString n = QString::number(forgery);
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob, mallory;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob-dm"_s + n), QString());
        QCOMPARE(mallory.registerAccount(m_relay.wsUrl(), u"mallory-dm"_s + n), QString());
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice-dm"_s + n), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob-dm"_s + n});
        QVERIFY(dm);

        // Bob's first message (seq 3) reaches alice as "alice added mallory".
        QByteArray op;
        if (forgery == 1) {
            // A well-formed change on the dm's real chain, signed by mallory's own device key.
            auto chain = alice->store().membership().chain(*dm);
            QVERIFY(chain && *chain);
            auto secrets = mallory->store().account().secrets();
            QVERIFY(secrets);
            auto key =
                crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->deviceSigningKey));
            QVERIFY(key);
            crypto::MembershipChange change;
            change.chain = (*chain)->chain;
            change.previous = (*chain)->head;
            change.action = hearth::MembershipAction::Add;
            change.actor = DeviceAddress{UserId{u"alice-dm"_s + n}, DeviceId{deviceOf(alice)}};
            change.target = UserId{u"mallory-dm"_s + n};
            change.role = hearth::Role::Member;
            auto signedOp = crypto::MembershipOp::sign(change, *key);
            QVERIFY(signedOp);
            op = signedOp->bytes();
        }
        const QCborMap injected = membershipEvent(u"alice-dm"_s + n, qint64(deviceOf(alice)),
                                                  u"add"_s, u"mallory-dm"_s + n, u"member"_s, op);
        proxy.setToClientHook([&](const QByteArray &frame) {
            return QList<QByteArray>{replaceEvent(frame, 3, injected)};
        });
        QSignalSpy alerts(&alice.engine(), &engine::SyncEngine::membershipAlertRaised);
        QVERIFY(bob->sendText(*dm, u"hi alice"_s));
        QVERIFY(QTest::qWaitFor([&] { return trustAt(alice, *dm, 3).has_value(); }, kEngineWaitMs));
        QCOMPARE(trustAt(alice, *dm, 3), std::optional(store::MemberTrust::Refused));
        QVERIFY(!alerts.isEmpty());
        QCOMPARE(alertOf(alice, *dm), store::MembershipAlert::RefusedChange);
        QVERIFY(!memberNames(alice, *dm).contains(UserId{u"mallory-dm"_s + n}));

        // Alice's next message goes to bob, and mallory gets no key for it.
        QVERIFY(alice->sendText(*dm, u"only for bob"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).contains(u"only for bob"_s); },
                                kEngineWaitMs));
        QCOMPARE(keysSentTo(proxy.clientFrames(), u"mallory-dm"_s + n), 0);
        QVERIFY(keysSentTo(proxy.clientFrames(), u"bob-dm"_s + n) >= 1);
    }

    //! A member's real signature on an add the matrix does not allow them.
    void addByNonAdminRefused() {
        EvilProxy toAlice(m_relay.wsUrl()), fromBob(m_relay.wsUrl());
        QVERIFY(toAlice.listen() && fromBob.listen());
        TestDevice alice, bob, mallory;
        QCOMPARE(mallory.registerAccount(m_relay.wsUrl(), u"mallory-na"_s), QString());
        QCOMPARE(bob.registerAccount(fromBob.url(), u"bob-na"_s), QString());
        QCOMPARE(alice.registerAccount(toAlice.url(), u"alice-na"_s), QString());
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"bob-na"_s}, u"Club"_s);
        QVERIFY(group);
        QCOMPARE(await([&](engine::Completion done) { bob->sync(*group, done); }), QString());

        // Bob (a plain member) signs "bob added mallory"; the relay refuses it, and the proxy
        // keeps the signed bytes.
        QByteArray bobsOp;
        fromBob.setToRelayHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() == u"add_member"_s)
                bobsOp = map.value("op"_L1).toByteArray();
            return QList<QByteArray>{frame};
        });
        QVERIFY(!await([&](engine::Completion done) {
                     bob->addMember(*group, u"mallory-na"_s, done);
                 }).isEmpty());
        QVERIFY(!bobsOp.isEmpty());

        const QCborMap injected = membershipEvent(u"bob-na"_s, qint64(deviceOf(bob)), u"add"_s,
                                                  u"mallory-na"_s, u"member"_s, bobsOp);
        toAlice.setToClientHook([&](const QByteArray &frame) {
            return QList<QByteArray>{replaceEvent(frame, 3, injected)};
        });
        QVERIFY(bob->sendText(*group, u"trigger"_s));
        QVERIFY(
            QTest::qWaitFor([&] { return trustAt(alice, *group, 3).has_value(); }, kEngineWaitMs));
        QCOMPARE(trustAt(alice, *group, 3), std::optional(store::MemberTrust::Refused));
        QVERIFY(!memberNames(alice, *group).contains(UserId{u"mallory-na"_s}));
        QVERIFY(alice->sendText(*group, u"members only"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group).contains(u"members only"_s); },
                                kEngineWaitMs));
        QCOMPARE(keysSentTo(toAlice.clientFrames(), u"mallory-na"_s), 0);
    }

    //! Real changes delivered out of order, or one of them again: the chain breaks, nothing
    //! applies, and the member is warned.
    void reorderedAndReplayedChangesRefused_data() {
        QTest::addColumn<bool>("replay");
        QTest::newRow("reordered") << false;
        QTest::newRow("replayed") << true;
    }

    void reorderedAndReplayedChangesRefused() {
        QFETCH(bool, replay);
        const QString n = replay ? u"r"_s : u"o"_s;
        EvilProxy toCarol(m_relay.wsUrl());
        QVERIFY(toCarol.listen());
        TestDevice alice, carol, dave;
        QCOMPARE(dave.registerAccount(m_relay.wsUrl(), u"dave-"_s + n), QString());
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice-"_s + n), QString());
        QCOMPARE(carol.registerAccount(toCarol.url(), u"carol-"_s + n), QString());
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"carol-"_s + n}, u"Club"_s);
        QVERIFY(group);
        // seq 3: alice adds dave; seq 4: alice removes dave (both real, signed, chained).
        QList<QCborMap> changes;
        toCarol.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            const auto rewrite = [&](QCborMap event) {
                const qint64 seq = event.value("seq"_L1).toInteger();
                if (event.value("kind"_L1).toString() != u"membership"_s || seq < 3)
                    return event;
                if (changes.size() < 2)
                    return QCborMap(); // held back until both are known
                QCborMap other = replay ? changes[0] : changes[seq == 3 ? 1 : 0];
                other.insert("seq"_L1, seq);
                return other;
            };
            if (map.value("t"_L1).toString() == u"event"_s)
                return QList<QByteArray>{}; // carol learns by sync only
            if (map.value("t"_L1).toString() != u"ok"_s || !map.contains("events"_L1))
                return QList<QByteArray>{frame};
            for (const QCborValue &event : map.value("events"_L1).toArray()) {
                const QCborMap change = event.toMap();
                if (change.value("kind"_L1).toString() == u"membership"_s &&
                    change.value("seq"_L1).toInteger() >= 3 && changes.size() < 2 &&
                    !changes.contains(change))
                    changes.append(change);
            }
            QCborArray events;
            for (const QCborValue &event : map.value("events"_L1).toArray()) {
                const QCborMap rewritten = rewrite(event.toMap());
                if (!rewritten.isEmpty())
                    events.append(rewritten);
            }
            map.insert("events"_L1, events);
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        QCOMPARE(
            await([&](engine::Completion done) { alice->addMember(*group, u"dave-"_s + n, done); }),
            QString());
        QCOMPARE(await([&](engine::Completion done) {
                     alice->removeMember(*group, u"dave-"_s + n, done);
                 }),
                 QString());
        // why: a page that carried only the first change had it held back (the cursor stayed),
        // so carol gets both, rewritten, once both are known.
        QCOMPARE(await([&](engine::Completion done) { carol->sync(*group, done); }), QString());
        QCOMPARE(changes.size(), 2);
        QCOMPARE(alertOf(carol, *group), store::MembershipAlert::RefusedChange);
        if (replay) {
            // The add applied once; delivered again, it is refused (not applied twice).
            QCOMPARE(trustAt(carol, *group, 3), std::optional(store::MemberTrust::Signed));
            QCOMPARE(trustAt(carol, *group, 4), std::optional(store::MemberTrust::Refused));
            return;
        }
        // The removal first: it does not follow the head, so it is refused; the add then does,
        // and applies. Carol now believes dave is a member; the next message from a member who
        // saw the real order names a head carol never had: the fork stops her keys reaching
        // dave.
        QCOMPARE(trustAt(carol, *group, 3), std::optional(store::MemberTrust::Refused));
        QCOMPARE(trustAt(carol, *group, 4), std::optional(store::MemberTrust::Signed));
        QVERIFY(alice->sendText(*group, u"dave has left"_s));
        QVERIFY(QTest::qWaitFor(
            [&] {
                (void)await([&](engine::Completion done) { carol->sync(*group, done); });
                return carol.texts(*group).contains(u"dave has left"_s);
            },
            kEngineWaitMs));
        QCOMPARE(alertOf(carol, *group), store::MembershipAlert::Fork);
        const int before = keysSentTo(toCarol.clientFrames(), u"dave-"_s + n);
        QVERIFY(carol->sendText(*group, u"would reach dave"_s));
        QVERIFY(QTest::qWaitFor([&] { return firstUnsentFailed(carol); }, kEngineWaitMs));
        QCOMPARE(keysSentTo(toCarol.clientFrames(), u"dave-"_s + n), before);
    }

    //! A removal withheld from one member: the others' messages name a membership history
    //! that member never saw, so it notices the fork and shares no key with the removed user.
    void droppedRemovalDetected() {
        EvilProxy toBob(m_relay.wsUrl());
        QVERIFY(toBob.listen());
        TestDevice alice, bob, mallory;
        QCOMPARE(mallory.registerAccount(m_relay.wsUrl(), u"mallory-f"_s), QString());
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice-f"_s), QString());
        QCOMPARE(bob.registerAccount(toBob.url(), u"bob-f"_s), QString());
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"bob-f"_s, u"mallory-f"_s}, u"Club"_s);
        QVERIFY(group);
        QCOMPARE(await([&](engine::Completion done) { bob->sync(*group, done); }), QString());
        QVERIFY(memberNames(bob, *group).contains(UserId{u"mallory-f"_s}));

        // The relay hides "alice removed mallory" from bob (seqs may have gaps: visibility).
        toBob.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            const auto isRemoval = [](const QCborMap &event) {
                return event.value("action"_L1).toString() == u"remove"_s;
            };
            if (map.value("t"_L1).toString() == u"event"_s)
                return isRemoval(map.value("event"_L1).toMap()) ? QList<QByteArray>{}
                                                                : QList<QByteArray>{frame};
            if (map.value("t"_L1).toString() != u"ok"_s || !map.contains("events"_L1))
                return QList<QByteArray>{frame};
            QCborArray events;
            for (const QCborValue &event : map.value("events"_L1).toArray()) {
                if (!isRemoval(event.toMap()))
                    events.append(event);
            }
            map.insert("events"_L1, events);
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        QCOMPARE(await([&](engine::Completion done) {
                     alice->removeMember(*group, u"mallory-f"_s, done);
                 }),
                 QString());
        QSignalSpy alerts(&bob.engine(), &engine::SyncEngine::membershipAlertRaised);
        QVERIFY(alice->sendText(*group, u"after mallory left"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group).contains(u"after mallory left"_s); },
                                kEngineWaitMs));
        QCOMPARE(alertOf(bob, *group), store::MembershipAlert::Fork);
        QVERIFY(!alerts.isEmpty());

        // Bob still believes mallory is a member, but sends her no key: nothing goes out until
        // bob has seen the warning.
        const int before = keysSentTo(toBob.clientFrames(), u"mallory-f"_s);
        QSignalSpy outbox(&bob.engine(), &engine::SyncEngine::outboxChanged);
        QVERIFY(bob->sendText(*group, u"would reach mallory"_s));
        QVERIFY(QTest::qWaitFor([&] { return firstUnsentFailed(bob); }, kEngineWaitMs));
        QCOMPARE(keysSentTo(toBob.clientFrames(), u"mallory-f"_s), before);
    }

    //! A member added later sees events from its add on; it fetches the signed chain whole and
    //! checks it from the creation. A relay that drops a change from that chain is caught.
    void lateJoinerChecksTheWholeChain_data() {
        QTest::addColumn<bool>("dropOne");
        QTest::newRow("honest") << false;
        QTest::newRow("a change dropped from the chain") << true;
    }

    void lateJoinerChecksTheWholeChain() {
        QFETCH(bool, dropOne);
        const QString n = dropOne ? u"d"_s : u"h"_s;
        EvilProxy toCarol(m_relay.wsUrl());
        QVERIFY(toCarol.listen());
        TestDevice alice, bob, carol, dave;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob-lj"_s + n), QString());
        QCOMPARE(dave.registerAccount(m_relay.wsUrl(), u"dave-lj"_s + n), QString());
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice-lj"_s + n), QString());
        QCOMPARE(carol.registerAccount(toCarol.url(), u"carol-lj"_s + n), QString());
        QList<qint64> chainRequests;
        toCarol.setToRelayHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() == u"membership_chain"_s)
                chainRequests.append(map.value("id"_L1).toInteger());
            return QList<QByteArray>{frame};
        });
        toCarol.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            if (!dropOne || !chainRequests.contains(map.value("id"_L1).toInteger()))
                return QList<QByteArray>{frame};
            QCborArray ops = map.value("ops"_L1).toArray();
            ops.removeAt(1); // "alice added dave"
            map.insert("ops"_L1, ops);
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"bob-lj"_s + n}, u"Club"_s);
        QVERIFY(group);
        for (const QString &user : {u"dave-lj"_s + n, u"carol-lj"_s + n})
            QCOMPARE(await([&](engine::Completion done) { alice->addMember(*group, user, done); }),
                     QString());
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto chain = carol->store().membership().chain(*group);
                return chain && *chain;
            },
            kEngineWaitMs));
        QVERIFY(!chainRequests.isEmpty());
        auto chain = carol->store().membership().chain(*group);
        if (!dropOne) {
            QCOMPARE(memberNames(carol, *group), memberNames(alice, *group));
            QCOMPARE((*chain)->head, (*alice->store().membership().chain(*group))->head);
            QCOMPARE(alertOf(carol, *group), store::MembershipAlert::None);
            return;
        }
        // The chain stops at the creation: dave was never shown as added, carol is warned.
        QCOMPARE((*chain)->length, 1u);
        QVERIFY(!memberNames(carol, *group).contains(UserId{u"dave-lj"_s + n}));
        QCOMPARE(alertOf(carol, *group), store::MembershipAlert::RefusedChange);
    }

    //! A removal the relay makes on its own is applied, and shown as the relay's.
    void relayRemovalAppliedAsSuch() {
        EvilProxy toAlice(m_relay.wsUrl());
        QVERIFY(toAlice.listen());
        TestDevice alice, bob, carol;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob-rr"_s), QString());
        QCOMPARE(carol.registerAccount(m_relay.wsUrl(), u"carol-rr"_s), QString());
        QCOMPARE(alice.registerAccount(toAlice.url(), u"alice-rr"_s), QString());
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"bob-rr"_s, u"carol-rr"_s}, u"Club"_s);
        QVERIFY(group);
        toAlice.setToClientHook([&](const QByteArray &frame) {
            return QList<QByteArray>{replaceEvent(
                frame, 4, membershipEvent(u"bob-rr"_s, 1, u"remove"_s, u"carol-rr"_s))};
        });
        QVERIFY(bob->sendText(*group, u"trigger"_s));
        QVERIFY(
            QTest::qWaitFor([&] { return trustAt(alice, *group, 4).has_value(); }, kEngineWaitMs));
        QCOMPARE(trustAt(alice, *group, 4), std::optional(store::MemberTrust::ByRelay));
        QVERIFY(!memberNames(alice, *group).contains(UserId{u"carol-rr"_s}));
        QCOMPARE(alertOf(alice, *group), store::MembershipAlert::None);
    }

    //! Two owners change the membership at once: the relay takes one, the other is re-signed
    //! on top of it, and every member agrees on the result.
    void concurrentChangesBothLand() {
        TestDevice alice, bob, carol, dave;
        QCOMPARE(carol.registerAccount(m_relay.wsUrl(), u"carol-cc"_s), QString());
        QCOMPARE(dave.registerAccount(m_relay.wsUrl(), u"dave-cc"_s), QString());
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob-cc"_s), QString());
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice-cc"_s), QString());
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"bob-cc"_s}, u"Club"_s);
        QVERIFY(group);
        QCOMPARE(await([&](engine::Completion done) {
                     alice->setRole(*group, u"bob-cc"_s, hearth::Role::Owner, done);
                 }),
                 QString());
        QCOMPARE(await([&](engine::Completion done) { bob->sync(*group, done); }), QString());
        QString first = u"pending"_s, second = u"pending"_s;
        alice->addMember(*group, u"carol-cc"_s,
                         [&](const auto &error) { first = error ? error->message : QString(); });
        bob->addMember(*group, u"dave-cc"_s,
                       [&](const auto &error) { second = error ? error->message : QString(); });
        QVERIFY(QTest::qWaitFor([&] { return first != u"pending"_s && second != u"pending"_s; },
                                kEngineWaitMs));
        QCOMPARE(first, QString());
        QCOMPARE(second, QString());
        QCOMPARE(await([&](engine::Completion done) { alice->sync(*group, done); }), QString());
        QCOMPARE(await([&](engine::Completion done) { bob->sync(*group, done); }), QString());
        QCOMPARE(memberNames(alice, *group), memberNames(bob, *group));
        QCOMPARE(memberNames(alice, *group).size(), 4);
        QCOMPARE(alertOf(alice, *group), store::MembershipAlert::None);
        QCOMPARE(alertOf(bob, *group), store::MembershipAlert::None);
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstEvilMembership)
#include "tst_evil_membership.moc"
