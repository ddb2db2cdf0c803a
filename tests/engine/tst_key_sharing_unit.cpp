// SPDX-License-Identifier: GPL-3.0-or-later
// KeySharing over the in-memory session store and a scripted link: a conversation's session
// key goes only to member devices their account's signed list names (not to one the relay
// lists unsigned, nor to a blocked one), each device gets it once, and a device the account
// signs later gets it then, alone. The devices replies are real signed device lists.
#include "crypto/device_list.h"
#include "crypto/pairwise_channel.h"
#include "crypto/replay_guard.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/key_sharing.h"
#include "sync/protocol/protocol.h"
#include "sync/store/memory_session_store.h"
#include "tests/engine/unit_fixture.h"

#include <QCborArray>
#include <QSignalSpy>

using namespace hearth;
using namespace hearth::test;
using namespace hearth::store::test;

namespace {

//! One device of another account, with its private keys (to open what it is sent).
struct PeerDevice {
    hearth::DeviceId id;
    crypto::SigningKeyPair signing = crypto::SigningKeyPair::generate();
    crypto::DhKeyPair dh = crypto::DhKeyPair::generate();

    [[nodiscard]] crypto::DeviceKeys keys() const {
        return crypto::DeviceKeys{id, crypto::publicKeyOf(signing), crypto::publicKeyOf(dh)};
    }
    [[nodiscard]] QCborMap listed() const {
        return QCborMap{{u"device"_s, qint64(id.value)},
                        {u"sign_key"_s, signing.publicKey()},
                        {u"dh_key"_s, dh.publicKey()},
                        {u"name"_s, u"device %1"_s.arg(id.value)}};
    }
};

struct Rig : UnitFixture {
    Rig() {
        const QList<store::Member> members{{kMe, hearth::Role::Owner, 0},
                                           {kBob, hearth::Role::Member, 0}};
        if (!temp.store->conversations().replaceMembers(kConv, members, 1))
            qFatal("cannot store the members");
        link.goOnline();
    }

    //! The relay's `devices` reply for bob: every device in `relayLists`, and a list signed by
    //! bob's account naming `signedDevices`.
    QCborMap bobDevices(const QList<const PeerDevice *> &relayLists,
                        const QList<const PeerDevice *> &signedDevices, quint64 version) {
        QCborArray listed;
        for (const PeerDevice *device : relayLists)
            listed.append(device->listed());
        QList<crypto::DeviceKeys> signedKeys;
        for (const PeerDevice *device : signedDevices)
            signedKeys.append(device->keys());
        auto list = crypto::DeviceList::create(hearth::UserId{kBob.name}, version, 1, signedKeys);
        if (!list)
            qFatal("cannot make bob's list");
        return QCborMap{{u"devices"_s, listed},
                        {u"account_key"_s, bobAccount.publicKey()},
                        {u"device_list"_s, list->canonicalBytes()},
                        {u"device_list_sig"_s, list->sign(bobAccount)}};
    }
    //! Answers the pending `devices` requests: this account's with nothing listed, bob's with
    //! `bob`.
    void answerDevices(const QCborMap &bob) {
        for (qsizetype index : link.pending()) {
            const auto &sent = link.sent().at(index);
            if (sent.type != u"devices"_s)
                continue;
            const QString user = sent.fields.value("user"_L1).toString();
            link.reply(index, user == kBob.name ? bob : QCborMap{{u"devices"_s, QCborArray{}}});
        }
    }
    //! (user, device) of each message of `to_device` request `index`.
    [[nodiscard]] QStringList recipients(qsizetype index) const {
        QStringList to;
        for (const QCborValue &message :
             link.sent().at(index).fields.value("messages"_L1).toArray())
            to.append(u"%1/%2"_s.arg(message["user"_L1].toString())
                          .arg(message["device"_L1].toInteger()));
        return to;
    }
    //! Opens message `message` of request `index` as `device` would: true when it can.
    [[nodiscard]] bool opens(qsizetype index, qsizetype message, const PeerDevice &device) const {
        const QCborArray messages = link.sent().at(index).fields.value("messages"_L1).toArray();
        crypto::InMemoryReplayGuard guard;
        const hearth::DeviceAddress self{hearth::UserId{kBob.name}, device.id};
        const hearth::DeviceAddress sender{hearth::UserId{kMe.name}, context.identity.device};
        return crypto::openPairwise(messages.at(message)["body"_L1].toByteArray(), self, device.dh,
                                    sender, crypto::publicKeyOf(*context.identity.signingKey),
                                    guard)
            .ok();
    }
    //! prepare() and its result ("ok" or the error message) once it ends.
    void prepare(std::optional<QString> &result) {
        keys.prepare(kConv, [&result](const std::optional<engine::EngineError> &error) {
            result = error ? error->message : u"ok"_s;
        });
    }

    crypto::SigningKeyPair bobAccount = crypto::SigningKeyPair::generate();
    PeerDevice laptop{hearth::DeviceId{21}};
    PeerDevice injected{hearth::DeviceId{22}};
    PeerDevice phone{hearth::DeviceId{23}};
    store::MemorySessionStore sessions;
    engine::DeviceDirectory directory{context};
    engine::KeySharing keys{context, sessions, directory};
};

} // namespace

class TestKeySharingUnit final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keysGoOnlyToSignedDevices();
    void blockedDeviceGetsNothing();
    void deviceSignedLaterGetsItAlone();
};

void TestKeySharingUnit::keysGoOnlyToSignedDevices() {
    Rig rig;
    QSignalSpy untrusted(&rig.directory, &engine::DeviceDirectory::untrustedDevice);
    std::optional<QString> result;
    rig.prepare(result);
    QCOMPARE(rig.link.sentTypes(), (QStringList{u"devices"_s, u"devices"_s}));
    // The relay lists a device bob's account never signed.
    rig.answerDevices(rig.bobDevices({&rig.laptop, &rig.injected}, {&rig.laptop}, 1));
    QCOMPARE(rig.link.sentTypes().last(), u"to_device"_s);
    const qsizetype toDevice = rig.link.sent().size() - 1;
    QCOMPARE(rig.recipients(toDevice), QStringList{u"bob/21"_s});
    QVERIFY(rig.opens(toDevice, 0, rig.laptop));
    QVERIFY(!rig.opens(toDevice, 0, rig.injected)); // sealed to the laptop's key only
    QCOMPARE(untrusted.size(), 1);
    QCOMPARE(untrusted.at(0).at(1).toULongLong(), 22u);
    QVERIFY(!result);

    rig.link.reply(toDevice);
    QCOMPARE(result, std::optional(u"ok"_s));
    const auto outbound = valueOf(rig.sessions.outbound(kConv));
    QVERIFY(outbound);
    QCOMPARE(valueOf(rig.sessions.shares(kConv, outbound->sessionId)),
             (QList<hearth::DeviceAddress>{{kBob, hearth::DeviceId{21}}}));

    // Shared already: the next message sends no key.
    const qsizetype before = rig.link.sent().size();
    result.reset();
    rig.prepare(result);
    QCOMPARE(result, std::optional(u"ok"_s));
    QCOMPARE(rig.link.sent().size(), before);
}

void TestKeySharingUnit::blockedDeviceGetsNothing() {
    Rig rig;
    std::optional<QString> result;
    rig.prepare(result);
    rig.answerDevices(rig.bobDevices({&rig.laptop, &rig.phone}, {&rig.laptop, &rig.phone}, 1));
    const qsizetype first = rig.link.sent().size() - 1;
    QCOMPARE(rig.recipients(first), (QStringList{u"bob/21"_s, u"bob/23"_s}));
    rig.link.reply(first);
    QCOMPARE(result, std::optional(u"ok"_s));

    // The member blocks the phone: the session rotates and the new key skips it.
    STORE_OK(rig.temp.store->contacts().setTrust(kBob, rig.phone.id, store::Trust::Blocked));
    const auto oldSession = valueOf(rig.sessions.outbound(kConv))->sessionId;
    result.reset();
    rig.prepare(result);
    const qsizetype second = rig.link.sent().size() - 1;
    QVERIFY(second > first);
    QCOMPARE(rig.link.sent().at(second).type, u"to_device"_s);
    QCOMPARE(rig.recipients(second), QStringList{u"bob/21"_s});
    rig.link.reply(second);
    QCOMPARE(result, std::optional(u"ok"_s));
    QVERIFY(valueOf(rig.sessions.outbound(kConv))->sessionId != oldSession);
}

void TestKeySharingUnit::deviceSignedLaterGetsItAlone() {
    Rig rig;
    std::optional<QString> result;
    rig.prepare(result);
    rig.answerDevices(rig.bobDevices({&rig.laptop}, {&rig.laptop}, 1));
    rig.link.reply(rig.link.sent().size() - 1);
    QCOMPARE(result, std::optional(u"ok"_s));
    const auto session = valueOf(rig.sessions.outbound(kConv))->sessionId;

    // Bob signs a new list with the phone; the directory hears of it (a `devices` push).
    rig.directory.invalidate(kBob);
    result.reset();
    rig.prepare(result);
    QCOMPARE(rig.link.sentTypes().last(), u"devices"_s);
    rig.answerDevices(rig.bobDevices({&rig.laptop, &rig.phone}, {&rig.laptop, &rig.phone}, 2));
    const qsizetype added = rig.link.sent().size() - 1;
    QCOMPARE(rig.recipients(added), QStringList{u"bob/23"_s}); // the laptop has it already
    QVERIFY(rig.opens(added, 0, rig.phone));
    rig.link.reply(added);
    QCOMPARE(result, std::optional(u"ok"_s));
    QCOMPARE(valueOf(rig.sessions.outbound(kConv))->sessionId, session); // no rotation needed
    QCOMPARE(valueOf(rig.sessions.shares(kConv, session)).size(), 2);
}

QTEST_GUILESS_MAIN(TestKeySharingUnit)
#include "tst_key_sharing_unit.moc"
