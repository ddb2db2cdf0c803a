// SPDX-License-Identifier: GPL-3.0-or-later
// The app and other accounts' signed device lists (App.deviceTrust), against a real relay and
// real profiles: alice uses the app's composition root behind a malicious proxy, bob is a plain
// engine. A contact who adds a device shows "devices changed" in the member list and its
// details until alice acknowledges; a relay serving two lists under one version raises the
// warning that names the contact, which only alice dismisses.
#include "app/app_controller.h"
#include "crypto/device_list.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "sync/protocol/protocol.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth;
using app::AppController;
using app::MemberListModel;

namespace {

constexpr int kWaitMs = test::kEngineWaitMs;

//! bob's "devices changed" flag as alice's member list shows it (nullopt: bob is not listed).
std::optional<bool> bobChanged(const MemberListModel &members) {
    for (int row = 0; row < members.rowCount(); ++row) {
        const QModelIndex index = members.index(row, 0);
        if (members.data(index, MemberListModel::UserNameRole).toString() == u"bob"_s)
            return members.data(index, MemberListModel::DevicesChangedRole).toBool();
    }
    return std::nullopt;
}

} // namespace

class TestAppDeviceTrust final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void contactDevicesChangedAndConflicts() {
        test::RelayProcess relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        test::EvilProxy proxy(relay.wsUrl());
        QVERIFY(proxy.listen());
        QTemporaryDir dir;
        app::AppOptions options;
        options.profileDirectory = dir.path() + u"/alice"_s;
        options.defaultRelay = proxy.url();
        options.cost = crypto::PasswordHashCost::Minimum;
        AppController app(options);
        test::TestDevice bob, bobLaptop;
        QCOMPARE(bob.registerAccount(relay.wsUrl(), u"bob"_s), QString());
        app.createAccount(u"alice"_s, QString::fromLatin1(test::kTestPassword), u"passphrase"_s,
                          proxy.url().toString(), false);
        QTRY_COMPARE_WITH_TIMEOUT(app.connectionState(), u"online"_s, kWaitMs);

        const auto group = test::createConversation(bob.engine(), hearth::ConversationKind::Group,
                                                    {u"alice"_s}, u"Trust"_s);
        QVERIFY(group);
        QTRY_VERIFY_WITH_TIMEOUT(app.conversations()->indexOf(int(group->value)) >= 0, kWaitMs);
        QVERIFY(bob->sendText(*group, u"hello"_s)); // alice fetches bob's list for its key
        app.openConversation(int(group->value));
        MemberListModel &members = *app.current()->members();
        QAbstractItemModelTester tester(&members,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(bobChanged(members), std::optional<bool>(false), kWaitMs);
        app::DeviceTrustController &trust = *app.deviceTrust();
        // Once bob's message was decrypted, alice has bob's signed list.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                trust.showContact(u"bob"_s);
                QTest::qWait(50);
                return trust.contactDevices().size() == 1;
            }(),
            kWaitMs);
        QVERIFY(!trust.contactDevicesChanged());
        QVERIFY(trust.contactListSignedAt().isValid());
        QVERIFY(!trust.contactFingerprint().isEmpty());

        // bob adds a laptop: alice is told, in the member list and in bob's details.
        QCOMPARE(test::addApprovedDevice(bob, bobLaptop, relay.wsUrl()), QString());
        QTRY_COMPARE_WITH_TIMEOUT(bobChanged(members), std::optional<bool>(true), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(trust.contactDevices().size(), 2, kWaitMs);
        QVERIFY(trust.contactDevicesChanged());
        // The laptop's own key, from its secrets (its contact entry may not be fetched yet).
        const auto laptopSecrets = bobLaptop->store().account().secrets();
        QVERIFY(laptopSecrets);
        const auto laptopKey =
            crypto::SigningKeyPair::fromSeed(crypto::secretView(laptopSecrets->deviceSigningKey));
        QVERIFY(laptopKey);
        QString laptopPrint =
            trust.contactDevices().at(1).toMap().value(u"fingerprint"_s).toString();
        QCOMPARE(laptopPrint.remove(u' '), QString::fromLatin1(laptopKey->publicKey().toHex()));
        trust.acknowledgeContact();
        QVERIFY(!trust.contactDevicesChanged());
        QTRY_COMPARE_WITH_TIMEOUT(bobChanged(members), std::optional<bool>(false), kWaitMs);
        trust.showContact(u"bob"_s); // read back from the store: the acknowledgement was kept
        QTest::qWait(0);
        QTRY_COMPARE_WITH_TIMEOUT(trust.contactDevices().size(), 2, kWaitMs);
        QVERIFY(!trust.contactDevicesChanged());

        // The relay serves a second list under bob's current version (signed with his account
        // key, which it must have got hold of): a warning naming bob, until alice dismisses it.
        QVERIFY(trust.conflicts().isEmpty());
        auto secrets = bob->store().account().secrets();
        QVERIFY(secrets);
        auto accountKey =
            crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->accountSigningKey));
        QVERIFY(accountKey);
        auto version = bob->store().contacts().user(hearth::UserId{u"bob"_s});
        QVERIFY(version && *version);
        auto forged = crypto::DeviceList::create(hearth::UserId{u"bob"_s},
                                                 (*version)->deviceListVersion, 1, {});
        QVERIFY(forged);
        QSet<qint64> bobRequests;
        proxy.setToRelayHook([&](const QByteArray &frame) {
            const QCborMap map = test::EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() == protocol::type::kDevices &&
                map.value("user"_L1).toString() == u"bob"_s)
                bobRequests.insert(map.value("id"_L1).toInteger());
            return QList<QByteArray>{frame};
        });
        proxy.setToClientHook([&](const QByteArray &frame) {
            QCborMap map = test::EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() != protocol::type::kOk ||
                !bobRequests.contains(map.value("id"_L1).toInteger()))
                return QList<QByteArray>{frame};
            map.insert("device_list"_L1, forged->canonicalBytes());
            map.insert("device_list_sig"_L1, forged->sign(*accountKey));
            return QList<QByteArray>{test::EvilProxy::encode(map)};
        });
        QCborMap push;
        push.insert("t"_L1, protocol::type::kDevices);
        push.insert("user"_L1, u"bob"_s);
        proxy.injectToClients(test::EvilProxy::encode(push));
        QTRY_COMPARE_WITH_TIMEOUT(trust.conflicts(), QStringList{u"bob"_s}, kWaitMs);
        trust.reload(); // still there when read again
        QTest::qWait(100);
        QCOMPARE(trust.conflicts(), QStringList{u"bob"_s});
        trust.dismissConflict(u"bob"_s);
        QVERIFY(trust.conflicts().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                trust.reload();
                QTest::qWait(50);
                return trust.conflicts().isEmpty();
            }(),
            kWaitMs);
        QCOMPARE(trust.contactDevices().size(), 2); // the forged list changed nothing
    }
};

QTEST_MAIN(TestAppDeviceTrust)
#include "tst_app_device_trust.moc"
