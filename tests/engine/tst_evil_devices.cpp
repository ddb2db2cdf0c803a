// SPDX-License-Identifier: GPL-3.0-or-later
// A malicious relay (a proxy in front of the real one) and device lists, key requests and
// removed devices: a rolled-back list is refused; a second list under an accepted version
// (equivocation) raises an alert that survives a restart; a device signed off its owner's list
// is refused from then on, even with messages the relay held back; a key request is answered
// from the index the session was shared at, never from 0. And the migration of stored lists: a
// legacy (v1, untimestamped) list of one's own account is republished as v2 on the next connect.
#include "crypto/device_list.h"
#include "crypto/group_envelope.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "crypto/sodium.h"
#include "sync/protocol/protocol.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QCborArray>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

//! Ids of `devices` requests the client sent for `user`, so the hook changes their replies only.
class DeviceRequests final {
public:
    explicit DeviceRequests(QString user)
        : m_user(std::move(user)) {}
    void note(const QByteArray &frame) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() == protocol::type::kDevices &&
            map.value("user"_L1).toString() == m_user)
            m_ids.insert(map.value("id"_L1).toInteger());
    }
    [[nodiscard]] bool isReply(const QCborMap &map) const {
        return map.value("t"_L1).toString() == protocol::type::kOk &&
               m_ids.contains(map.value("id"_L1).toInteger());
    }

private:
    QString m_user;
    QSet<qint64> m_ids;
};

//! A `devices` push for `user`, as the relay sends when a list changes.
QByteArray devicesPush(const QString &user) {
    QCborMap push;
    push.insert("t"_L1, protocol::type::kDevices);
    push.insert("user"_L1, user);
    return EvilProxy::encode(push);
}

std::optional<store::KnownUser> knownUser(TestDevice &device, const QString &user) {
    auto known = device->store().contacts().user(hearth::UserId{user});
    return known ? *known : std::nullopt;
}

bool onSignedList(TestDevice &device, const QString &user, hearth::DeviceId id) {
    auto known = device->store().contacts().device(hearth::UserId{user}, id);
    return known && *known && (*known)->onSignedList;
}

//! Devices of `user` that `device`'s to_device requests addressed, in order.
QList<qint64> toDeviceTargets(const EvilProxy &proxy, const QString &user, qsizetype from = 0) {
    QList<qint64> targets;
    const QList<QByteArray> &frames = proxy.clientFrames();
    for (qsizetype i = from; i < frames.size(); ++i) {
        const QCborMap map = EvilProxy::decode(frames[i]);
        if (map.value("t"_L1).toString() != protocol::type::kToDevice)
            continue;
        for (const QCborValue &message : map.value("messages"_L1).toArray()) {
            if (message.toMap().value("user"_L1).toString() == user)
                targets.append(message.toMap().value("device"_L1).toInteger());
        }
    }
    return targets;
}

} // namespace

class TstEvilDevices final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    void staleListRefused() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        DeviceRequests bobRequests(u"bob1"_s);
        QByteArray servedList, servedSig;
        bool rollBack = false;
        QByteArray oldList, oldSig;
        int rolledBack = 0;
        proxy.setToRelayHook([&](const QByteArray &frame) {
            bobRequests.note(frame);
            return QList<QByteArray>{frame};
        });
        proxy.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            if (!bobRequests.isReply(map))
                return QList<QByteArray>{frame};
            if (!rollBack) {
                servedList = map.value("device_list"_L1).toByteArray();
                servedSig = map.value("device_list_sig"_L1).toByteArray();
                return QList<QByteArray>{frame};
            }
            map.insert("device_list"_L1, oldList); // the list from before bob2 was removed
            map.insert("device_list_sig"_L1, oldSig);
            ++rolledBack;
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        TestDevice alice, bob1, bob2;
        QCOMPARE(bob1.registerAccount(m_relay.wsUrl(), u"bob1"_s), QString());
        QCOMPARE(addApprovedDevice(bob1, bob2, m_relay.wsUrl()), QString());
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice1"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob1"_s});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"to both of bob's devices"_s));
        for (TestDevice *bob : {&bob1, &bob2})
            QVERIFY(QTest::qWaitFor([&] { return bob->texts(*dm).size() == 1; }, kEngineWaitMs));
        const quint64 withBob2 = knownUser(alice, u"bob1"_s)->deviceListVersion;
        QVERIFY(onSignedList(alice, u"bob1"_s, bob2->device()));
        oldList = servedList;
        oldSig = servedSig;
        QVERIFY(!oldList.isEmpty());

        // bob signs bob2 off his list (it was lost); alice learns of the new list.
        QCOMPARE(await([&](engine::Completion done) {
                     bob1->removeDevice(bob2->device(), QString::fromLatin1(kTestPassword), done);
                 }),
                 QString());
        QVERIFY(QTest::qWaitFor(
            [&] { return knownUser(alice, u"bob1"_s)->deviceListVersion > withBob2; },
            kEngineWaitMs));
        const quint64 current = knownUser(alice, u"bob1"_s)->deviceListVersion;
        QVERIFY(!onSignedList(alice, u"bob1"_s, bob2->device()));

        // The relay serves the old list again (validly signed, but older): refused.
        rollBack = true;
        proxy.injectToClients(devicesPush(u"bob1"_s));
        QVERIFY(QTest::qWaitFor([&] { return rolledBack >= 1; }, kEngineWaitMs));
        const qsizetype framesBefore = proxy.clientFrames().size();
        QVERIFY(alice->sendText(*dm, u"after the rollback"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob1.texts(*dm).size() == 2; }, kEngineWaitMs));
        QCOMPARE(knownUser(alice, u"bob1"_s)->deviceListVersion, current);
        QVERIFY(!onSignedList(alice, u"bob1"_s, bob2->device()));
        QVERIFY(!toDeviceTargets(proxy, u"bob1"_s, framesBefore)
                     .contains(qint64(bob2->device().value)));
        QVERIFY(!bob2.texts(*dm).contains(u"after the rollback"_s));
    }

    void equivocationRaisesAlert() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        DeviceRequests bobRequests(u"bob2"_s);
        QByteArray forgedList, forgedSig;
        proxy.setToRelayHook([&](const QByteArray &frame) {
            bobRequests.note(frame);
            return QList<QByteArray>{frame};
        });
        proxy.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            if (forgedList.isEmpty() || !bobRequests.isReply(map))
                return QList<QByteArray>{frame};
            map.insert("device_list"_L1, forgedList);
            map.insert("device_list_sig"_L1, forgedSig);
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        TestDevice alice, bob;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob2"_s), QString());
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice2"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob2"_s});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"hello"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 1; }, kEngineWaitMs));
        const std::optional<store::KnownUser> accepted = knownUser(alice, u"bob2"_s);
        QVERIFY(accepted && accepted->deviceListVersion > 0);

        // A second list under the same version, validly signed with bob's account key (a relay
        // holding it, or the key misused), that adds the attacker's device.
        auto secrets = bob->store().account().secrets();
        QVERIFY(secrets);
        auto accountKey =
            crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->accountSigningKey));
        QVERIFY(accountKey);
        const crypto::DeviceKeys rogue{hearth::DeviceId{424242},
                                       crypto::publicKeyOf(crypto::SigningKeyPair::generate()),
                                       crypto::publicKeyOf(crypto::DhKeyPair::generate())};
        QList<crypto::DeviceKeys> devices;
        const auto known = alice->store().contacts().devices(hearth::UserId{u"bob2"_s});
        QVERIFY(known);
        for (const store::KnownDevice &device : *known)
            devices.append(device.keys);
        devices.append(rogue);
        auto forged = crypto::DeviceList::create(hearth::UserId{u"bob2"_s},
                                                 accepted->deviceListVersion, 1, devices);
        QVERIFY(forged);
        forgedSig = forged->sign(*accountKey);
        forgedList = forged->canonicalBytes();

        QSignalSpy conflicts(&alice.engine(), &engine::SyncEngine::deviceListConflict);
        proxy.injectToClients(devicesPush(u"bob2"_s));
        QVERIFY(QTest::qWaitFor([&] { return conflicts.size() == 1; }, kEngineWaitMs));
        QCOMPARE(conflicts.at(0).at(0).toString(), u"bob2"_s);
        QCOMPARE(knownUser(alice, u"bob2"_s)->deviceList, accepted->deviceList);
        QVERIFY(!onSignedList(alice, u"bob2"_s, rogue.id));
        const qsizetype framesBefore = proxy.clientFrames().size();
        QVERIFY(alice->sendText(*dm, u"not for the rogue device"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 2; }, kEngineWaitMs));
        QVERIFY(!toDeviceTargets(proxy, u"bob2"_s, framesBefore).contains(qint64(424242)));

        // The same conflict again is not a new alert; the recorded one survives a restart.
        proxy.injectToClients(devicesPush(u"bob2"_s));
        QVERIFY(alice->sendText(*dm, u"once more"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 3; }, kEngineWaitMs));
        QCOMPARE(conflicts.size(), 1);
        QVERIFY(alice.reopen());
        auto recorded = alice->store().contacts().deviceListConflicts();
        QVERIFY(recorded);
        QCOMPARE(recorded->size(), 1);
        QCOMPARE(recorded->at(0).user.name, u"bob2"_s);
        QCOMPARE(recorded->at(0).version, accepted->deviceListVersion);
    }

    void removedDeviceRefusedAfterListChange() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob1, bob2;
        QCOMPARE(bob1.registerAccount(m_relay.wsUrl(), u"bob3"_s), QString());
        QCOMPARE(addApprovedDevice(bob1, bob2, m_relay.wsUrl()), QString());
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice3"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob3"_s});
        QVERIFY(dm);
        QVERIFY(QTest::qWaitFor(
            [&] { return bob2->store().conversations().conversation(*dm).value().has_value(); },
            kEngineWaitMs));
        QVERIFY(bob2->sendText(*dm, u"from bob2 while listed"_s));
        QVERIFY(QTest::qWaitFor(
            [&] { return alice.texts(*dm) == QStringList{u"from bob2 while listed"_s}; },
            kEngineWaitMs));

        // The relay holds bob2's next message back from alice ...
        const qint64 bob2Id = qint64(bob2->device().value);
        QList<QByteArray> withheld;
        proxy.setToClientHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() == protocol::type::kEvent &&
                map.value("event"_L1).toMap().value("device"_L1).toInteger() == bob2Id) {
                withheld.append(frame);
                return QList<QByteArray>{};
            }
            return QList<QByteArray>{frame};
        });
        QVERIFY(bob2->sendText(*dm, u"held back"_s));
        QVERIFY(QTest::qWaitFor([&] { return withheld.size() == 1; }, kEngineWaitMs));
        // ... until bob has signed bob2 off his list and alice has the new list.
        QCOMPARE(await([&](engine::Completion done) {
                     bob1->removeDevice(bob2->device(), QString::fromLatin1(kTestPassword), done);
                 }),
                 QString());
        QVERIFY(QTest::qWaitFor([&] { return !onSignedList(alice, u"bob3"_s, bob2->device()); },
                                kEngineWaitMs));
        QSignalSpy rejected(&alice.engine(), &engine::SyncEngine::eventRejected);
        proxy.injectToClients(withheld.constFirst());
        QVERIFY(QTest::qWaitFor([&] { return rejected.size() >= 1; }, kEngineWaitMs));
        QVERIFY2(rejected.at(0).at(2).toString().contains(u"signed list"_s),
                 qPrintable(rejected.at(0).at(2).toString()));
        QCOMPARE(alice.texts(*dm), QStringList{u"from bob2 while listed"_s});
        // bob's remaining device still gets through.
        QVERIFY(bob1->sendText(*dm, u"from bob1"_s));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return alice.texts(*dm) ==
                       QStringList({u"from bob2 while listed"_s, u"from bob1"_s});
            },
            kEngineWaitMs));
    }

    void keyRequestAnsweredFromShareIndex() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob, carol;
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice4"_s), QString());
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob4"_s), QString());
        QCOMPARE(carol.registerAccount(m_relay.wsUrl(), u"carol4"_s), QString());
        const auto group =
            createConversation(alice.engine(), hearth::ConversationKind::Group, {u"bob4"_s});
        QVERIFY(group);
        const QStringList early{u"zero"_s, u"one"_s, u"two"_s};
        for (const QString &text : early)
            QVERIFY(alice->sendText(*group, text));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group) == early; }, kEngineWaitMs));

        // The relay swallows the session key alice shares with carol when she joins (and acks
        // it itself), so carol must ask alice for the key.
        const qint64 carolId = qint64(carol->device().value);
        bool swallowed = false;
        proxy.setToRelayHook([&](const QByteArray &frame) {
            const QCborMap map = EvilProxy::decode(frame);
            if (swallowed || map.value("t"_L1).toString() != protocol::type::kToDevice ||
                !toDeviceTargetsOf(map).contains(carolId))
                return QList<QByteArray>{frame};
            swallowed = true;
            QCborMap ok;
            ok.insert("t"_L1, protocol::type::kOk);
            ok.insert("id"_L1, map.value("id"_L1));
            ok.insert("queued"_L1, map.value("messages"_L1).toArray().size());
            proxy.injectToClients(EvilProxy::encode(ok));
            return QList<QByteArray>{};
        });
        QCOMPARE(
            await([&](engine::Completion done) { alice->addMember(*group, u"carol4"_s, done); }),
            QString());
        QVERIFY(alice->sendText(*group, u"three"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*group).size() == 4; }, kEngineWaitMs));
        QVERIFY(swallowed);

        // carol asks (the request names the session, as if from its start); alice answers from
        // index 3, where carol was given it.
        QVERIFY(QTest::qWaitFor([&] { return carol.texts(*group) == QStringList{u"three"_s}; },
                                kEngineWaitMs));
        QList<QByteArray> bodies;
        QList<store::ClientMessageId> cmids;
        for (const QByteArray &frame : proxy.clientFrames()) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() != protocol::type::kSend)
                continue;
            bodies.append(map.value("body"_L1).toByteArray());
            cmids.append(*store::ClientMessageId::fromBytes(map.value("cmid"_L1).toByteArray()));
        }
        QCOMPARE(bodies.size(), 4);
        const auto envelope = crypto::peekGroupEnvelope(bodies[3]);
        QVERIFY(envelope);
        QCOMPARE(envelope->index, 3u);
        const hearth::DeviceAddress sender{hearth::UserId{u"alice4"_s}, alice->device()};
        const auto shared = alice->store().sessions().sharedIndex(
            *group, envelope->sessionId,
            hearth::DeviceAddress{hearth::UserId{u"carol4"_s}, carol->device()});
        QVERIFY(shared);
        QCOMPARE(*shared, std::optional<quint32>(3));
        auto held = carol->store().sessions().inbound(*group, alice->device(), envelope->sessionId);
        QVERIFY(held && *held);
        QCOMPARE((*held)->firstIndex, 3u);
        for (qsizetype i = 0; i < 3; ++i)
            QVERIFY(!carol->decryptBody(*group, sender, cmids[i], bodies[i]));
        auto last = carol->decryptBody(*group, sender, cmids[3], bodies[3]);
        QVERIFY(last);
        QCOMPARE(last.value().text, u"three"_s);
    }

    void legacyOwnListRepublished() {
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice5"_s), QString());
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob5"_s), QString());
        const hearth::UserId self{u"alice5"_s};
        auto before = knownUser(alice, self.name);
        QVERIFY(before && before->deviceListVersion > 0);
        QVERIFY(!crypto::DeviceList::isLegacyBytes(before->deviceList));

        // As a client before timestamps left it: the same devices in a v1 list (next version).
        auto secrets = alice->store().account().secrets();
        QVERIFY(secrets);
        auto accountKey =
            crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->accountSigningKey));
        QVERIFY(accountKey);
        const auto devices = alice->store().contacts().devices(self);
        QVERIFY(devices && !devices->isEmpty());
        const quint64 legacyVersion = before->deviceListVersion + 1;
        QByteArray v1("hearth-device-list-v1\0", 22);
        const QByteArray name = self.name.toUtf8();
        char be[8];
        qToBigEndian(quint16(name.size()), be);
        v1.append(be, 2).append(name);
        qToBigEndian(legacyVersion, be);
        v1.append(be, 8);
        qToBigEndian(quint16(devices->size()), be);
        v1.append(be, 2);
        for (const store::KnownDevice &device : *devices) {
            qToBigEndian(device.keys.id.value, be);
            v1.append(be, 8)
                .append(device.keys.signingKey.bytes())
                .append(device.keys.dhKey.bytes());
        }
        auto legacy = crypto::DeviceList::verify(v1, accountKey->sign(v1),
                                                 crypto::publicKeyOf(*accountKey), self, 0);
        QVERIFY(legacy && legacy->isLegacy());
        QVERIFY(alice->store().contacts().setDeviceList(self, v1, *legacy));

        QVERIFY(alice.reopen()); // the next connect republishes it as v2
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto now = knownUser(alice, self.name);
                return now && now->deviceListVersion > legacyVersion &&
                       !crypto::DeviceList::isLegacyBytes(now->deviceList);
            },
            kEngineWaitMs));
        const auto after = knownUser(alice, self.name);
        QCOMPARE(after->deviceListVersion, legacyVersion + 1);
        QCOMPARE(after->deviceListTs, 0); // a republished list: same bytes on every device
        QVERIFY(!after->devicesChanged);
        // Contacts now fetch the v2 list from the relay.
        const auto dm = createConversation(bob.engine(), hearth::ConversationKind::Dm, {self.name});
        QVERIFY(dm);
        QVERIFY(bob->sendText(*dm, u"hello"_s));
        QVERIFY(QTest::qWaitFor([&] { return alice.texts(*dm).size() == 1; }, kEngineWaitMs));
        const auto seen = knownUser(bob, self.name);
        QVERIFY(seen);
        QCOMPARE(seen->deviceList, after->deviceList);
    }

private:
    static QList<qint64> toDeviceTargetsOf(const QCborMap &map) {
        QList<qint64> targets;
        for (const QCborValue &message : map.value("messages"_L1).toArray())
            targets.append(message.toMap().value("device"_L1).toInteger());
        return targets;
    }

    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstEvilDevices)
#include "tst_evil_devices.moc"
