// SPDX-License-Identifier: GPL-3.0-or-later
// Account, settings, known users and devices (trust, signed lists), to-device queues.
#include "crypto/dh_key.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "store_test_support.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

namespace {

crypto::DeviceKeys keysFor(quint64 device) {
    return {DeviceId{device}, crypto::publicKeyOf(crypto::SigningKeyPair::generate()),
            crypto::publicKeyOf(crypto::DhKeyPair::generate())};
}

} // namespace

class TestContacts final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void account();
    void settings();
    void devicesAndTrust();
    void deviceLists();
    void deviceListConflicts();
    void accountKeyIsPinned();
    void toDeviceQueues();
};

void TestContacts::account() {
    TempProfile temp(false);
    AccountStore &account = temp.store->account();
    QCOMPARE(valueOf(account.account()), std::nullopt);
    QCOMPARE(errorOf(account.secrets()), "NotFound"_L1);
    QCOMPARE(errorOf(account.setDeviceId(DeviceId{4})), "NotFound"_L1);
    QCOMPARE(errorOf(account.setAccountSigningSecret(crypto::SecretBytes::fromBytes("seed"))),
             "NotFound"_L1);
    AccountSecrets secrets{crypto::SecretBytes::fromBytes("signing-seed"),
                           crypto::SecretBytes::fromBytes("dh-secret"),
                           {}};
    STORE_OK(account.create({kMe, DeviceId{}, u"wss://relay"_s, 77}, secrets));
    QCOMPARE(errorOf(account.create({kAlice, DeviceId{}, u"x"_s, 1}, secrets)), "Conflict"_L1);
    STORE_OK(account.setDeviceId(DeviceId{4}));
    STORE_OK(account.setRelayUrl(u"wss://other"_s));
    temp.reopen();
    auto stored = valueOf(temp.store->account().account());
    QVERIFY(stored);
    QCOMPARE(stored->user, kMe);
    QCOMPARE(stored->device, DeviceId{4});
    QCOMPARE(stored->relayUrl, u"wss://other"_s);
    QCOMPARE(stored->createdTs, 77);
    auto keys = valueOf(temp.store->account().secrets());
    QCOMPARE(crypto::secretView(keys.deviceSigningKey), "signing-seed");
    QCOMPARE(crypto::secretView(keys.deviceDhKey), "dh-secret");
    QVERIFY(keys.accountSigningKey.isEmpty());
    // The account key arrives later from another device.
    STORE_OK(temp.store->account().setAccountSigningSecret(
        crypto::SecretBytes::fromBytes("account-seed")));
    QCOMPARE(crypto::secretView(valueOf(temp.store->account().secrets()).accountSigningKey),
             "account-seed");
}

void TestContacts::settings() {
    TempProfile temp;
    AccountStore &account = temp.store->account();
    QCOMPARE(valueOf(account.setting(u"receipts"_s)), std::nullopt);
    STORE_OK(account.setSetting(u"receipts"_s, "off"));
    STORE_OK(account.setSetting(u"receipts"_s, "on"));
    STORE_OK(account.setSetting(u"empty"_s, {}));
    QCOMPARE(valueOf(account.setting(u"receipts"_s)), std::optional(QByteArray("on")));
    QCOMPARE(valueOf(account.setting(u"empty"_s)), std::optional(QByteArray()));
    STORE_OK(account.removeSetting(u"receipts"_s));
    QCOMPARE(valueOf(account.setting(u"receipts"_s)), std::nullopt);
}

void TestContacts::devicesAndTrust() {
    TempProfile temp;
    ContactStore &contacts = temp.store->contacts();
    STORE_OK(contacts.upsertUser(kAlice, u"Alice"_s));
    const crypto::DeviceKeys laptop = keysFor(21);
    STORE_OK(contacts.addDevice(kAlice, laptop, 5));
    STORE_OK(contacts.addDevice(kAlice, laptop, 6)); // same keys: no-op
    crypto::DeviceKeys impostor = keysFor(21);
    QCOMPARE(errorOf(contacts.addDevice(kAlice, impostor, 7)), "Conflict"_L1);
    auto device = valueOf(contacts.device(kAlice, DeviceId{21}));
    QVERIFY(device);
    QCOMPARE(device->keys, laptop);
    QCOMPARE(device->trust, Trust::Unverified);
    QCOMPARE(device->firstSeenTs, 5);
    QVERIFY(!device->onSignedList);
    STORE_OK(contacts.setTrust(kAlice, DeviceId{21}, Trust::Verified));
    QCOMPARE(valueOf(contacts.device(kAlice, DeviceId{21}))->trust, Trust::Verified);
    QCOMPARE(errorOf(contacts.setTrust(kAlice, DeviceId{99}, Trust::Blocked)), "NotFound"_L1);
    QCOMPARE(valueOf(contacts.user(kAlice))->displayName, u"Alice"_s);
    QCOMPARE(valueOf(contacts.user(kBob)), std::nullopt);
}

void TestContacts::deviceLists() {
    TempProfile temp;
    ContactStore &contacts = temp.store->contacts();
    const crypto::DeviceKeys one = keysFor(1);
    const crypto::DeviceKeys two = keysFor(2);
    const crypto::DeviceKeys injected = keysFor(3);
    STORE_OK(contacts.addDevice(kAlice, injected, 1)); // the relay listed it; no signature
    auto v1 = crypto::DeviceList::create(kAlice, 1, 1000, {one, two}).value();
    STORE_OK(contacts.setDeviceList(kAlice, "signed-v1", v1));
    QVERIFY(!valueOf(contacts.user(kAlice))->devicesChanged); // a first list is no change
    QCOMPARE(valueOf(contacts.user(kAlice))->deviceListTs, 1000);
    STORE_OK(contacts.setDeviceList(kAlice, "signed-v1", v1)); // the same again
    QCOMPARE(errorOf(contacts.setDeviceList(kAlice, "other-v1", v1)), "Conflict"_L1);
    auto devices = valueOf(contacts.devices(kAlice));
    QCOMPARE(devices.size(), 3);
    QVERIFY(devices[0].onSignedList && devices[1].onSignedList);
    QVERIFY(!devices[2].onSignedList);

    auto v2 = crypto::DeviceList::create(kAlice, 2, 2000, {two}).value();
    STORE_OK(contacts.setDeviceList(kAlice, "signed-v2", v2));
    QCOMPARE(errorOf(contacts.setDeviceList(kAlice, "signed-v1", v1)), "Conflict"_L1); // rollback
    devices = valueOf(contacts.devices(kAlice));
    QVERIFY(!devices[0].onSignedList && devices[1].onSignedList && !devices[2].onSignedList);
    auto user = valueOf(contacts.user(kAlice));
    QCOMPARE(user->deviceList, QByteArray("signed-v2"));
    QCOMPARE(user->deviceListVersion, 2u);
    QCOMPARE(user->deviceListTs, 2000);
    QVERIFY(user->devicesChanged); // device 1 left the list
    STORE_OK(contacts.acknowledgeDeviceChange(kAlice));
    QVERIFY(!valueOf(contacts.user(kAlice))->devicesChanged);
    // The same devices under a new version (a republished list) are no change.
    auto v2b = crypto::DeviceList::create(kAlice, 3, 2500, {two}).value();
    STORE_OK(contacts.setDeviceList(kAlice, "signed-v2b", v2b));
    QVERIFY(!valueOf(contacts.user(kAlice))->devicesChanged);
    // A list naming a known device id with other keys is refused whole.
    crypto::DeviceKeys swapped = keysFor(2);
    auto v4 = crypto::DeviceList::create(kAlice, 4, 3000, {swapped}).value();
    QCOMPARE(errorOf(contacts.setDeviceList(kAlice, "signed-v4", v4)), "Conflict"_L1);
    QCOMPARE(valueOf(contacts.user(kAlice))->deviceListVersion, 3u);
}

void TestContacts::deviceListConflicts() {
    TempProfile temp;
    {
        ContactStore &contacts = temp.store->contacts();
        QVERIFY(valueOf(contacts.deviceListConflicts()).isEmpty());
        QVERIFY(valueOf(contacts.recordDeviceListConflict(kAlice, 4, "other", "sig", 10)));
        QVERIFY(!valueOf(contacts.recordDeviceListConflict(kAlice, 4, "third", "sig", 11)));
        QVERIFY(valueOf(contacts.recordDeviceListConflict(kBob, 2, "bobs", "sig", 12)));
    }
    temp.reopen(); // evidence and warning survive a restart
    ContactStore &contacts = temp.store->contacts();
    auto conflicts = valueOf(contacts.deviceListConflicts());
    QCOMPARE(conflicts.size(), 2);
    QCOMPARE(conflicts[0].user, kAlice);
    QCOMPARE(conflicts[0].version, 4u);
    QCOMPARE(conflicts[0].detectedTs, 10);
    QCOMPARE(conflicts[1].user, kBob);
    STORE_OK(contacts.acknowledgeDeviceListConflicts(kAlice));
    conflicts = valueOf(contacts.deviceListConflicts());
    QCOMPARE(conflicts.size(), 1);
    QCOMPARE(conflicts[0].user, kBob);
}

void TestContacts::accountKeyIsPinned() {
    TempProfile temp;
    const auto key = crypto::publicKeyOf(crypto::SigningKeyPair::generate());
    STORE_OK(temp.store->contacts().setAccountKey(kBob, key));
    STORE_OK(temp.store->contacts().setAccountKey(kBob, key));
    const auto other = crypto::publicKeyOf(crypto::SigningKeyPair::generate());
    QCOMPARE(errorOf(temp.store->contacts().setAccountKey(kBob, other)), "Conflict"_L1);
    QCOMPARE(valueOf(temp.store->contacts().user(kBob))->accountKey, std::optional(key));
}

void TestContacts::toDeviceQueues() {
    TempProfile temp;
    ToDeviceStore &queues = temp.store->toDevice();
    const DeviceAddress alice{kAlice, DeviceId{11}};
    QCOMPARE(valueOf(queues.storeIncoming({{5, alice, 1, "five", 0}, {3, alice, 1, "three", 0}})),
             2);
    QCOMPARE(valueOf(queues.storeIncoming({{5, alice, 1, "five", 0}})), 0); // redelivered
    STORE_OK(queues.noteAttempt(3));
    auto incoming = valueOf(queues.incoming(10));
    QCOMPARE(incoming.size(), 2);
    QCOMPARE(incoming[0].qid, 3u);
    QCOMPARE(incoming[0].attempts, 1);
    QCOMPARE(incoming[1].body, QByteArray("five"));
    STORE_OK(queues.removeIncoming(3));
    QCOMPARE(valueOf(queues.incoming(10)).size(), 1);

    auto ids = valueOf(queues.enqueueOutgoing(
        {{0, alice, "key share", 1}, {0, DeviceAddress{kBob, DeviceId{12}}, "b", 1}}));
    QCOMPARE(ids.size(), 2);
    temp.reopen();
    auto outgoing = valueOf(temp.store->toDevice().outgoing(10));
    QCOMPARE(outgoing.size(), 2);
    QCOMPARE(outgoing[0].to, alice);
    QCOMPARE(outgoing[0].body, QByteArray("key share"));
    STORE_OK(temp.store->toDevice().removeOutgoing(ids));
    QVERIFY(valueOf(temp.store->toDevice().outgoing(10)).isEmpty());
    QCOMPARE(valueOf(temp.store->toDevice().incoming(10)).size(), 1);
}

QTEST_GUILESS_MAIN(TestContacts)
#include "tst_contacts.moc"
