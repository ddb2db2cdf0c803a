// SPDX-License-Identifier: GPL-3.0-or-later
// Account setup against the real relay: register with an account key, a signed device list
// naming the first device, a second device trusted only once approved, clear errors.
#include "tests/engine/engine_harness.h"

#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

class TstAccounts final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    void registerPublishesSignedList() {
        TestDevice alice;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice"_s), QString());
        QVERIFY(alice->hasAccount());
        QVERIFY(alice->holdsAccountKey());
        QCOMPARE(alice->state(), engine::ConnectionState::Online);
        // Its own list, as the relay serves it and this device verified it, names this device.
        auto devices = alice->store().contacts().devices(hearth::UserId{u"alice"_s});
        QVERIFY(devices);
        QCOMPARE(devices->size(), 1);
        QCOMPARE(devices->first().keys.id, alice->device());
        QVERIFY(devices->first().onSignedList);
    }

    void secondDeviceNeedsApproval() {
        TestDevice bob1;
        TestDevice bob2;
        QCOMPARE(bob1.registerAccount(m_relay.wsUrl(), u"bob"_s), QString());
        QCOMPARE(addApprovedDevice(bob1, bob2, m_relay.wsUrl()), QString());
        QVERIFY(bob2->hasAccount());
        auto devices = bob1->store().contacts().devices(hearth::UserId{u"bob"_s});
        QVERIFY(devices);
        QCOMPARE(devices->size(), 2);
        for (const auto &device : *devices)
            QVERIFY(device.onSignedList);
        // The approved device verifies the new list too.
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto seen =
                    bob2->store().contacts().device(hearth::UserId{u"bob"_s}, bob2->device());
                return seen && *seen && (*seen)->onSignedList;
            },
            kEngineWaitMs));
    }

    void lostDeviceIsRemoved() {
        TestDevice erin1;
        TestDevice erin2;
        QCOMPARE(erin1.registerAccount(m_relay.wsUrl(), u"erin"_s), QString());
        QCOMPARE(addApprovedDevice(erin1, erin2, m_relay.wsUrl()), QString());
        const hearth::DeviceId lost = erin2->device();
        QSignalSpy refused(&erin2.engine(), &engine::SyncEngine::authenticationFailed);

        const QString wrong = await([&](engine::Completion done) {
            erin1->removeDevice(lost, u"not the password"_s, done);
        });
        QVERIFY2(wrong.contains(u"auth_failed"_s), qPrintable(wrong));
        QCOMPARE(await([&](engine::Completion done) {
                     erin1->removeDevice(lost, QString::fromLatin1(kTestPassword), done);
                 }),
                 QString());

        // The signed list no longer names it, and it can't sign in again.
        auto devices = erin1->store().contacts().devices(hearth::UserId{u"erin"_s});
        QVERIFY(devices);
        for (const auto &device : *devices)
            QVERIFY(device.keys.id != lost || !device.onSignedList);
        QVERIFY(std::any_of(devices->cbegin(), devices->cend(), [&](const auto &device) {
            return device.keys.id == erin1->device() && device.onSignedList;
        }));
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), kEngineWaitMs);
        QVERIFY(erin2->state() != engine::ConnectionState::Online);
    }

    void errorsAreValues() {
        TestDevice carol;
        QCOMPARE(carol.registerAccount(m_relay.wsUrl(), u"carol"_s), QString());
        TestDevice intruder;
        const QString wrong = await([&](engine::Completion done) {
            intruder->addDevice(m_relay.wsUrl(), u"carol"_s, u"not the password"_s, u"x"_s, done);
        });
        QVERIFY2(wrong.contains(u"auth_failed"_s), qPrintable(wrong));
        QVERIFY(!intruder->hasAccount());

        TestDevice taken;
        const QString exists = taken.registerAccount(m_relay.wsUrl(), u"carol"_s);
        QVERIFY2(exists.contains(u"user_exists"_s), qPrintable(exists));

        TestDevice nowhere;
        const QString unreachable = nowhere.registerAccount(QUrl(u"ws://127.0.0.1:1"_s), u"dave"_s);
        QVERIFY(!unreachable.isEmpty());
        QVERIFY(!nowhere->hasAccount());
        QVERIFY(nowhere->start().has_value()); // no account: refuses to start
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstAccounts)
#include "tst_accounts.moc"
