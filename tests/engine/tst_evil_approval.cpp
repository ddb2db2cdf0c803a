// SPDX-License-Identifier: GPL-3.0-or-later
// Device approval and account keys against a malicious relay (a proxy rewriting frames in front
// of the real one): keys substituted at approval never get the account key, a wrong code is
// refused, an account-key grant the relay forged is refused by the new device, and a foreign
// account key served to the device that made the account, or to a contact who pinned the real
// one, is refused and raises a lasting alert. The honest path works, and the account key never
// crosses the relay in the clear.
#include "crypto/device_approval.h"
#include "crypto/pairwise_channel.h"
#include "crypto/secret_view.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QCborArray>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr quint64 kFakeDevice = 987654;

//! What the relay's operator holds: an account key and one device's keys of its own.
struct Attacker {
    crypto::SigningKeyPair account = crypto::SigningKeyPair::generate();
    crypto::SigningKeyPair sign = crypto::SigningKeyPair::generate();
    crypto::DhKeyPair dh = crypto::DhKeyPair::generate();

    [[nodiscard]] crypto::DeviceKeys keysAs(quint64 device) const {
        return crypto::DeviceKeys{hearth::DeviceId{device}, crypto::publicKeyOf(sign),
                                  crypto::publicKeyOf(dh)};
    }
};

//! Rewrites the `ok` replies to `devices` requests for `user` that pass through `proxy`.
void rewriteDevicesReplies(EvilProxy &proxy, const QString &user,
                           std::function<void(QCborMap &)> rewrite) {
    auto pending = std::make_shared<QSet<qint64>>();
    proxy.setToRelayHook([pending, user](const QByteArray &frame) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() == u"devices"_s && map.value("user"_L1).toString() == user)
            pending->insert(map.value("id"_L1).toInteger());
        return QList<QByteArray>{frame};
    });
    proxy.setToClientHook([pending, rewrite](const QByteArray &frame) {
        QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() != u"ok"_s ||
            !pending->remove(map.value("id"_L1).toInteger()))
            return QList<QByteArray>{frame};
        rewrite(map);
        return QList<QByteArray>{EvilProxy::encode(map)};
    });
}

//! A `devices` reply for `user` as the attacker would serve it: its own account key, and a list
//! it signed naming every device the relay lists plus one of its own.
void serveForeignAccountKey(QCborMap &reply, const QString &user, const Attacker &attacker) {
    QCborArray devices = reply.value("devices"_L1).toArray();
    QList<crypto::DeviceKeys> keys;
    for (const QCborValue &value : devices) {
        const QCborMap map = value.toMap();
        keys.append(crypto::DeviceKeys{
            hearth::DeviceId{quint64(map.value("device"_L1).toInteger())},
            *crypto::SigningPublicKey::fromBytes(map.value("sign_key"_L1).toByteArray()),
            *crypto::DhPublicKey::fromBytes(map.value("dh_key"_L1).toByteArray())});
    }
    keys.append(attacker.keysAs(kFakeDevice));
    QCborMap fake;
    fake.insert("device"_L1, qint64(kFakeDevice));
    fake.insert("sign_key"_L1, attacker.sign.publicKey());
    fake.insert("dh_key"_L1, crypto::publicKeyOf(attacker.dh).bytes());
    fake.insert("name"_L1, u"relay's device"_s);
    fake.insert("created"_L1, 1);
    devices.append(fake);
    auto list = crypto::DeviceList::create(hearth::UserId{user}, 1000, 1, keys);
    QVERIFY(list);
    reply.insert("devices"_L1, devices);
    reply.insert("account_key"_L1, attacker.account.publicKey());
    reply.insert("device_list"_L1, list->canonicalBytes());
    reply.insert("device_list_sig"_L1, list->sign(attacker.account));
}

//! to_device messages `frames` (a client's) addressed to `device`.
QList<QByteArray> toDeviceBodies(const QList<QByteArray> &frames, quint64 device) {
    QList<QByteArray> bodies;
    for (const QByteArray &frame : frames) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() != u"to_device"_s)
            continue;
        for (const QCborValue &message : map.value("messages"_L1).toArray()) {
            if (quint64(message.toMap().value("device"_L1).toInteger()) == device)
                bodies.append(message.toMap().value("body"_L1).toByteArray());
        }
    }
    return bodies;
}

//! A to_device push as the relay sends it.
QByteArray toDevicePush(qint64 qid, const hearth::DeviceAddress &from, const QByteArray &body) {
    QCborMap message;
    message.insert("qid"_L1, qid);
    message.insert("from_user"_L1, from.user.name);
    message.insert("from_device"_L1, qint64(from.device.value));
    message.insert("ts"_L1, QDateTime::currentMSecsSinceEpoch());
    message.insert("body"_L1, body);
    QCborMap push;
    push.insert("t"_L1, u"to_device"_s);
    push.insert("message"_L1, message);
    return EvilProxy::encode(push);
}

std::optional<crypto::SigningPublicKey> pinnedKey(TestDevice &device, const QString &user) {
    auto known = device->store().contacts().user(hearth::UserId{user});
    if (!known || !*known)
        return std::nullopt;
    return (*known)->accountKey;
}

crypto::DeviceKeys ownKeys(TestDevice &device) {
    auto stored = device->store().contacts().device(device->user(), device->device());
    if (stored && *stored)
        return (*stored)->keys;
    qFatal("no keys stored for this device");
}

//! The keys a device sent in its add_device request (through `proxy`).
crypto::DeviceKeys addedKeys(const EvilProxy &proxy, hearth::DeviceId device) {
    for (const QByteArray &frame : proxy.clientFrames()) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() == u"add_device"_s)
            return crypto::DeviceKeys{
                device,
                *crypto::SigningPublicKey::fromBytes(map.value("sign_key"_L1).toByteArray()),
                *crypto::DhPublicKey::fromBytes(map.value("dh_key"_L1).toByteArray())};
    }
    qFatal("no add_device request went through the proxy");
}

//! True once `proxy`'s client acknowledged every one of `qids`.
bool acked(const EvilProxy &proxy, const QList<qint64> &qids) {
    QSet<qint64> seen;
    for (const QByteArray &frame : proxy.clientFrames()) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() != u"ack_inbox"_s)
            continue;
        for (const QCborValue &qid : map.value("qids"_L1).toArray())
            seen.insert(qid.toInteger());
    }
    return std::all_of(qids.cbegin(), qids.cend(), [&](qint64 qid) { return seen.contains(qid); });
}

bool waitForPrompt(QSignalSpy &spy, quint64 device) {
    return QTest::qWaitFor(
        [&] {
            return std::any_of(spy.cbegin(), spy.cend(), [&](const QList<QVariant> &args) {
                return args.at(0).toULongLong() == device;
            });
        },
        kEngineWaitMs);
}

bool listsSigned(TestDevice &device, const QString &user, const crypto::SigningPublicKey &key) {
    auto devices = device->store().contacts().devices(hearth::UserId{user});
    return devices && std::any_of(devices->cbegin(), devices->cend(), [&](const auto &known) {
               return known.onSignedList && known.keys.signingKey == key;
           });
}

} // namespace

class TstEvilApproval final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    void honestApproval() {
        EvilProxy proxy(m_relay.wsUrl()); // passive: it only records what crosses the relay
        QVERIFY(proxy.listen());
        TestDevice first, second;
        QCOMPARE(first.registerAccount(proxy.url(), u"honest"_s), QString());
        const auto accountKey = pinnedKey(first, u"honest"_s);
        QVERIFY(accountKey); // pinned where it was made
        QCOMPARE(addApprovedDevice(first, second, proxy.url()), QString());

        QVERIFY(QTest::qWaitFor([&] { return second->isApproved(); }, kEngineWaitMs));
        QCOMPARE(pinnedKey(second, u"honest"_s), accountKey);
        QVERIFY(second->approvalCode().isEmpty()); // the one-time code is forgotten
        QVERIFY(first->pendingApprovals().isEmpty());
        // The account key's seed never crossed the relay in the clear.
        const QByteArray seed =
            crypto::secretView(first->store().account().secrets()->accountSigningKey).toByteArray();
        for (const QByteArray &frame : proxy.clientFrames() + proxy.relayFrames())
            QVERIFY(!frame.contains(seed));
        // It stays approved after a restart.
        QVERIFY(second.reopen());
        QVERIFY(second->holdsAccountKey());
        QVERIFY(second->isApproved());
    }

    void wrongCodeRefused() {
        TestDevice first, second;
        QCOMPARE(first.registerAccount(m_relay.wsUrl(), u"typo"_s), QString());
        QSignalSpy awaiting(&first.engine(), &engine::SyncEngine::deviceAwaitingApproval);
        QCOMPARE(second.addDevice(m_relay.wsUrl(), u"typo"_s), QString());
        const QString code = second->approvalCode();
        QCOMPARE(code.size(), 19);
        const hearth::DeviceId device = second->device();
        QVERIFY(waitForPrompt(awaiting, device.value));

        QString wrong = code;
        wrong[0] = wrong[0] == u'A' ? u'B' : u'A';
        const QString mismatch =
            await([&](engine::Completion done) { first->approveDevice(device, wrong, done); });
        QVERIFY2(mismatch.contains(u"does not match"_s), qPrintable(mismatch));
        const QString malformed =
            await([&](engine::Completion done) { first->approveDevice(device, u"12345"_s, done); });
        QVERIFY2(malformed.contains(u"16 letters and digits"_s), qPrintable(malformed));
        QVERIFY(!first->store().contacts().device(first->user(), device).value());
        QVERIFY(!second->holdsAccountKey());

        // The right code still works.
        QCOMPARE(await([&](engine::Completion done) { first->approveDevice(device, code, done); }),
                 QString());
        QVERIFY(QTest::qWaitFor([&] { return second->isApproved(); }, kEngineWaitMs));
        QCOMPARE(pinnedKey(second, u"typo"_s), pinnedKey(first, u"typo"_s));
    }

    void substitutedKeysRefused() {
        // The relay lists the new device with its own keys to the approving device and forges
        // an approval request from them (it cannot know the code, so it guesses one).
        EvilProxy toFirst(m_relay.wsUrl()), toSecond(m_relay.wsUrl());
        QVERIFY(toFirst.listen() && toSecond.listen());
        const Attacker attacker;
        quint64 target = 0;
        rewriteDevicesReplies(toFirst, u"swap"_s, [&](QCborMap &reply) {
            QCborArray devices = reply.value("devices"_L1).toArray();
            for (qsizetype i = 0; i < devices.size(); ++i) {
                QCborMap entry = devices.at(i).toMap();
                if (quint64(entry.value("device"_L1).toInteger()) != target)
                    continue;
                entry.insert("sign_key"_L1, attacker.sign.publicKey());
                entry.insert("dh_key"_L1, crypto::publicKeyOf(attacker.dh).bytes());
                devices[i] = entry;
            }
            reply.insert("devices"_L1, devices);
        });
        TestDevice first, second;
        QCOMPARE(first.registerAccount(toFirst.url(), u"swap"_s), QString());
        const crypto::DeviceKeys firstKeys = ownKeys(first);
        const hearth::DeviceAddress firstAddress{first->user(), first->device()};
        toSecond.setToRelayHook([&](const QByteArray &frame) {
            QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() != u"to_device"_s || target == 0)
                return QList<QByteArray>{frame};
            const auto guess = crypto::ApprovalCode::generate();
            QCborMap forged;
            forged.insert("type"_L1, u"approval_request"_s);
            forged.insert("tag"_L1, crypto::approvalRequestTag(guess, firstAddress.user,
                                                               attacker.keysAs(target)));
            const auto body = crypto::sealPairwise(
                hearth::DeviceAddress{firstAddress.user, hearth::DeviceId{target}}, attacker.sign,
                firstAddress, firstKeys.dhKey, forged.toCborValue().toCbor(),
                QDateTime::currentMSecsSinceEpoch());
            QCborArray messages;
            for (const QCborValue &value : map.value("messages"_L1).toArray()) {
                QCborMap message = value.toMap();
                message.insert("body"_L1, *body);
                messages.append(message);
            }
            map.insert("messages"_L1, messages);
            return QList<QByteArray>{EvilProxy::encode(map)};
        });
        QSignalSpy awaiting(&first.engine(), &engine::SyncEngine::deviceAwaitingApproval);
        QCOMPARE(second.addDevice(toSecond.url(), u"swap"_s), QString());
        target = second->device().value;
        // The new device (re)connects after `target` is known, so its request is the forgery.
        QVERIFY(second.reopen());
        QVERIFY(waitForPrompt(awaiting, target));

        const QString refused = await([&](engine::Completion done) {
            first->approveDevice(hearth::DeviceId{target}, second->approvalCode(), done);
        });
        QVERIFY2(refused.contains(u"does not match"_s), qPrintable(refused));
        // Nothing was signed for the substitute and nothing was sent to it: no seed, no list.
        QVERIFY(!listsSigned(first, u"swap"_s, crypto::publicKeyOf(attacker.sign)));
        QVERIFY(toDeviceBodies(toFirst.clientFrames(), target).isEmpty());
        for (const QByteArray &frame : toFirst.clientFrames())
            QVERIFY(!frame.contains(attacker.sign.publicKey()));
        QVERIFY(!second->holdsAccountKey());
        QVERIFY(!second->isApproved());
    }

    void forgedGrantRefused() {
        // The relay serves the waiting device its own account key and a list it signed, then
        // sends "account key" messages from a device of its own: the grant format, sealed under
        // a guessed code, and the old format carrying a bare seed.
        EvilProxy toSecond(m_relay.wsUrl());
        QVERIFY(toSecond.listen());
        const Attacker attacker;
        bool rewriting = true;
        rewriteDevicesReplies(toSecond, u"forge"_s, [&](QCborMap &reply) {
            if (rewriting)
                serveForeignAccountKey(reply, u"forge"_s, attacker);
        });
        TestDevice first, second;
        QCOMPARE(first.registerAccount(m_relay.wsUrl(), u"forge"_s), QString());
        QSignalSpy awaiting(&first.engine(), &engine::SyncEngine::deviceAwaitingApproval);
        QCOMPARE(second.addDevice(toSecond.url(), u"forge"_s), QString());
        QVERIFY(second.waitCaughtUp());
        const crypto::DeviceKeys secondKeys = addedKeys(toSecond, second->device());
        const hearth::DeviceAddress secondAddress{second->user(), second->device()};
        const hearth::DeviceAddress fake{second->user(), hearth::DeviceId{kFakeDevice}};

        QCborMap grant;
        grant.insert("type"_L1, u"account_key"_s);
        grant.insert("grant"_L1,
                     *crypto::sealAccountGrant(crypto::ApprovalCode::generate(), secondAddress.user,
                                               secondKeys, attacker.account));
        QCborMap bareSeed;
        bareSeed.insert("type"_L1, u"account_key"_s);
        bareSeed.insert("seed"_L1, crypto::secretView(attacker.account.seed()).toByteArray());
        const QList<qint64> qids{900000001, 900000002};
        qint64 qid = qids.first();
        for (const QCborMap &forged : {grant, bareSeed}) {
            const auto body = crypto::sealPairwise(fake, attacker.sign, secondAddress,
                                                   secondKeys.dhKey, forged.toCborValue().toCbor(),
                                                   QDateTime::currentMSecsSinceEpoch());
            QVERIFY(body);
            toSecond.injectToClients(toDevicePush(qid++, fake, *body));
        }
        // Both were stored and handled (the inbox is empty again) without effect.
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto left = second->store().toDevice().incoming(10);
                return acked(toSecond, qids) && left && left->isEmpty();
            },
            kEngineWaitMs));
        QVERIFY(!second->holdsAccountKey());
        QVERIFY(!pinnedKey(second, u"forge"_s)); // never pinned from the relay
        QVERIFY(!second->isApproved());
        QVERIFY(!second->approvalCode().isEmpty());

        // The genuine approval still works and pins the real key.
        rewriting = false;
        QVERIFY(waitForPrompt(awaiting, secondAddress.device.value));
        QCOMPARE(await([&](engine::Completion done) {
                     first->approveDevice(secondAddress.device, second->approvalCode(), done);
                 }),
                 QString());
        QVERIFY(QTest::qWaitFor([&] { return second->isApproved(); }, kEngineWaitMs));
        QCOMPARE(pinnedKey(second, u"forge"_s), pinnedKey(first, u"forge"_s));
        QVERIFY(pinnedKey(second, u"forge"_s) != crypto::publicKeyOf(attacker.account));
    }

    void foreignKeyRefusedByAccountCreator() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        const Attacker attacker;
        rewriteDevicesReplies(proxy, u"maker"_s, [&](QCborMap &reply) {
            serveForeignAccountKey(reply, u"maker"_s, attacker);
        });
        TestDevice maker, bob;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"maker-bob"_s), QString());
        QSignalSpy changed(&maker.engine(), &engine::SyncEngine::accountKeyChanged);
        QCOMPARE(maker.registerAccount(proxy.url(), u"maker"_s), QString());

        QVERIFY(QTest::qWaitFor([&] { return !changed.isEmpty(); }, kEngineWaitMs));
        QCOMPARE(changed.first().at(0).toString(), u"maker"_s);
        QCOMPARE(maker->refusedAccountKeys(), QStringList{u"maker"_s});
        QVERIFY(pinnedKey(maker, u"maker"_s) != crypto::publicKeyOf(attacker.account));
        QVERIFY(!maker->store()
                     .contacts()
                     .device(maker->user(), hearth::DeviceId{kFakeDevice})
                     .value());

        // Sending shares keys with bob's device only, never with the relay's.
        const auto dm =
            createConversation(maker.engine(), hearth::ConversationKind::Dm, {u"maker-bob"_s});
        QVERIFY(dm);
        QVERIFY(maker->sendText(*dm, u"only for bob"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm) == QStringList{u"only for bob"_s}; },
                                kEngineWaitMs));
        QVERIFY(toDeviceBodies(proxy.clientFrames(), kFakeDevice).isEmpty());

        // The alert lasts until dismissed, across a restart.
        QVERIFY(maker.reopen());
        QCOMPARE(maker->refusedAccountKeys(), QStringList{u"maker"_s});
        QVERIFY(!maker->dismissRefusedAccountKey(u"maker"_s));
        QVERIFY(maker->refusedAccountKeys().isEmpty());
    }

    void foreignKeyRefusedByContact() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        const Attacker attacker;
        bool rewriting = false;
        rewriteDevicesReplies(proxy, u"pinned-alice"_s, [&](QCborMap &reply) {
            if (rewriting)
                serveForeignAccountKey(reply, u"pinned-alice"_s, attacker);
        });
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"pinned-alice"_s), QString());
        QCOMPARE(bob.registerAccount(proxy.url(), u"pinned-bob"_s), QString());
        const auto dm =
            createConversation(bob.engine(), hearth::ConversationKind::Dm, {u"pinned-alice"_s});
        QVERIFY(dm);
        QVERIFY(bob->sendText(*dm, u"first"_s));
        QVERIFY(QTest::qWaitFor([&] { return alice.texts(*dm) == QStringList{u"first"_s}; },
                                kEngineWaitMs));
        const auto real = pinnedKey(bob, u"pinned-alice"_s);
        QVERIFY(real);

        QSignalSpy changed(&bob.engine(), &engine::SyncEngine::accountKeyChanged);
        rewriting = true;
        QCborMap push;
        push.insert("t"_L1, u"devices"_s);
        push.insert("user"_L1, u"pinned-alice"_s);
        proxy.injectToClients(EvilProxy::encode(push));
        QVERIFY(QTest::qWaitFor([&] { return !changed.isEmpty(); }, kEngineWaitMs));
        QCOMPARE(changed.first().at(0).toString(), u"pinned-alice"_s);
        QCOMPARE(bob->refusedAccountKeys(), QStringList{u"pinned-alice"_s});
        QCOMPARE(pinnedKey(bob, u"pinned-alice"_s), real);
        QVERIFY(!bob->store()
                     .contacts()
                     .device(hearth::UserId{u"pinned-alice"_s}, hearth::DeviceId{kFakeDevice})
                     .value());

        QVERIFY(bob->sendText(*dm, u"second"_s));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return alice.texts(*dm) == QStringList{u"first"_s, u"second"_s};
            },
            kEngineWaitMs));
        QVERIFY(toDeviceBodies(proxy.clientFrames(), kFakeDevice).isEmpty());
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstEvilApproval)
#include "tst_evil_approval.moc"
