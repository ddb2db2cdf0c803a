// SPDX-License-Identifier: GPL-3.0-or-later
// Removing a lost device: it needs the password, the device can no longer authenticate, its
// queued messages go, its live connection is closed, and contacts hear of the change.
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QCborMap removeFields(quint64 device, QLatin1StringView password = kPassword) {
    QCborMap fields;
    fields.insert("device"_L1, static_cast<qint64>(device));
    fields.insert("password"_L1, password);
    return fields;
}

QList<quint64> deviceIds(TestClient &client, const QString &user) {
    QCborMap query;
    query.insert("user"_L1, user);
    const ProtocolResult<Frame> reply = client.call(type::kDevices, query);
    QList<quint64> ids;
    if (reply)
        for (const QCborValue &entry : reply.value().array("devices"_L1))
            ids.append(entry.toMap().value("device"_L1).toInteger());
    return ids;
}

} // namespace

class TestRelayDevices final : public QObject {
    Q_OBJECT

private:
    RelayFixture m_fixture;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void aRemovedDeviceIsGoneForGood() {
        auto laptop = m_fixture.signUp();
        QVERIFY(laptop);
        auto lost = m_fixture.addDevice(laptop->user());
        QVERIFY(lost);
        auto friendDevice = m_fixture.signUp();
        QVERIFY(friendDevice);
        QVERIFY(createGroup(*laptop->client, {friendDevice->user()}) != 0);

        // A message waits in the lost device's queue.
        QCborMap message;
        message.insert("user"_L1, laptop->user());
        message.insert("device"_L1, static_cast<qint64>(lost->id()));
        message.insert("body"_L1, QByteArray("sealed"));
        QCborMap batch;
        batch.insert("messages"_L1, QCborArray{message});
        HEARTH_VERIFY_OK(friendDevice->client->call(type::kToDevice, batch));

        HEARTH_COMPARE_CODE(laptop->client->call(type::kRemoveDevice,
                                                 removeFields(lost->id(), "wrong password"_L1)),
                            u"auth_failed"_s);
        QVERIFY(deviceIds(*friendDevice->client, laptop->user()).contains(lost->id()));

        (void)friendDevice->client->takePushes();
        HEARTH_VERIFY_OK(laptop->client->call(type::kRemoveDevice, removeFields(lost->id())));
        QCOMPARE(lost->client->waitForClose(), 1008);
        QVERIFY(friendDevice->client->waitForPush([&](const Frame &f) {
            return f.type() == type::kDevices && f.text("user"_L1) == laptop->user();
        }));
        QCOMPARE(deviceIds(*friendDevice->client, laptop->user()), QList<quint64>{laptop->id()});

        // The revoked keys no longer open a connection, and its queue is gone for good.
        auto client = m_fixture.connect();
        QVERIFY(client);
        HEARTH_COMPARE_CODE(client->authenticate(lost->credentials), u"auth_failed"_s);
        HEARTH_COMPARE_CODE(laptop->client->call(type::kRemoveDevice, removeFields(lost->id())),
                            u"no_such_device"_s);
        HEARTH_COMPARE_CODE(friendDevice->client->call(type::kToDevice, batch),
                            u"no_such_device"_s);

        // A new device gets a fresh id: revoked ids are never reused.
        auto replacement = m_fixture.addDevice(laptop->user());
        QVERIFY(replacement);
        QVERIFY(replacement->id() > lost->id());
    }

    void onlyOwnDevicesCanBeRemoved() {
        auto alice = m_fixture.signUp();
        QVERIFY(alice);
        auto bob = m_fixture.signUp();
        QVERIFY(bob);
        HEARTH_COMPARE_CODE(alice->client->call(type::kRemoveDevice, removeFields(bob->id())),
                            u"no_such_device"_s);
        QVERIFY(bob->client->isOpen());
        HEARTH_VERIFY_OK(bob->client->call(type::kConversations));
    }

    void aDeviceCanRemoveItself() {
        auto phone = m_fixture.signUp();
        QVERIFY(phone);
        HEARTH_VERIFY_OK(phone->client->call(type::kRemoveDevice, removeFields(phone->id())));
        QCOMPARE(phone->client->waitForClose(), 1008);
        auto client = m_fixture.connect();
        QVERIFY(client);
        HEARTH_COMPARE_CODE(client->authenticate(phone->credentials), u"auth_failed"_s);
    }
};

QTEST_GUILESS_MAIN(TestRelayDevices)
#include "tst_relay_devices.moc"
