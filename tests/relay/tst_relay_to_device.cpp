// SPDX-License-Identifier: GPL-3.0-or-later
// To-device messages against the real relay: queueing for offline devices, pushes to online
// ones, the inbox until acked, and refusal of wrong targets and oversize batches.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

constexpr qsizetype kMaxBody = 512; // --limit max_to_device_bytes
constexpr int kMaxBatch = 4;        // --limit max_to_device_batch
constexpr int kPageSize = 8;        // --limit max_page_size

struct Target {
    QString user;
    quint64 device;
    QByteArray body;
};

QCborMap toDeviceFields(const QList<Target> &targets) {
    QCborArray messages;
    for (const Target &target : targets) {
        QCborMap message;
        message.insert("user"_L1, target.user);
        message.insert("device"_L1, static_cast<qint64>(target.device));
        message.insert("body"_L1, target.body);
        messages.append(message);
    }
    QCborMap fields;
    fields.insert("messages"_L1, messages);
    return fields;
}

ProtocolResult<Frame> sendToDevices(TestClient &client, const QList<Target> &targets) {
    return client.call(type::kToDevice, toDeviceFields(targets));
}

QCborMap limitFields(int limit) {
    QCborMap fields;
    fields.insert("limit"_L1, limit);
    return fields;
}

//! The inbox messages of one page (all of the relay's default page when limit is 0).
std::optional<QList<QCborMap>> inbox(TestClient &client, int limit = 0, bool *more = nullptr) {
    const ProtocolResult<Frame> reply =
        client.call(type::kInbox, limit > 0 ? limitFields(limit) : QCborMap());
    if (!reply) {
        qWarning("inbox failed: %s", qPrintable(describe(reply)));
        return std::nullopt;
    }
    if (more)
        *more = reply.value().boolean("more"_L1);
    QList<QCborMap> messages;
    for (const QCborValue &message : reply.value().array("messages"_L1))
        messages.append(message.toMap());
    return messages;
}

ProtocolResult<Frame> ack(TestClient &client, const QList<qint64> &qids) {
    QCborArray array;
    for (qint64 qid : qids)
        array.append(qid);
    QCborMap fields;
    fields.insert("qids"_L1, array);
    return client.call(type::kAckInbox, fields);
}

qint64 qidOf(const QCborMap &message) {
    return message.value("qid"_L1).toInteger();
}

} // namespace

class TestRelayToDevice final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void queuedForAnOfflineDeviceUntilAcked() {
        auto a = m_fixture.signUp();
        QVERIFY(a);
        auto setup = m_fixture.connect();
        QVERIFY(setup);
        const auto b = setup->registerAndAddDevice(m_fixture.freshUser(), kPassword);
        HEARTH_VERIFY_OK(b);

        const ProtocolResult<Frame> sent =
            sendToDevices(*a->client, {{b.value().user, b.value().device, "key share"}});
        HEARTH_VERIFY_OK(sent);
        QCOMPARE(sent.value().uint("queued"_L1), 1u);

        auto online = m_fixture.reconnect(b.value());
        QVERIFY(online);
        const auto messages = inbox(*online->client);
        QVERIFY(messages);
        QCOMPARE(messages->size(), 1);
        const QCborMap &message = messages->first();
        QVERIFY(qidOf(message) > 0);
        QCOMPARE(message.value("from_user"_L1).toString(), a->user());
        QCOMPARE(message.value("from_device"_L1).toInteger(), static_cast<qint64>(a->id()));
        QVERIFY(message.value("ts"_L1).toInteger() > 0);
        QCOMPARE(message.value("body"_L1).toByteArray(), QByteArray("key share"));

        const auto stillThere = inbox(*online->client);
        QVERIFY(stillThere);
        QCOMPARE(stillThere->size(), 1);
        const ProtocolResult<Frame> acked = ack(*online->client, {qidOf(message)});
        HEARTH_VERIFY_OK(acked);
        QCOMPARE(acked.value().uint("removed"_L1), 1u);
        const auto empty = inbox(*online->client);
        QVERIFY(empty);
        QVERIFY(empty->isEmpty());
    }

    void pushedToTheOnlineTargetOnly() {
        auto a = m_fixture.signUp();
        auto b1 = m_fixture.signUp();
        QVERIFY(a && b1);
        auto b2 = m_fixture.addDevice(b1->user());
        QVERIFY(b2);

        HEARTH_VERIFY_OK(sendToDevices(*a->client, {{b1->user(), b1->id(), "for b1"}}));
        const auto push = b1->client->waitForPush(type::kToDevice);
        QVERIFY(push);
        const QCborMap message = push->value("message"_L1).toMap();
        QCOMPARE(message.value("body"_L1).toByteArray(), QByteArray("for b1"));
        QCOMPARE(message.value("from_user"_L1).toString(), a->user());
        QCOMPARE(message.value("from_device"_L1).toInteger(), static_cast<qint64>(a->id()));

        // A push does not replace the inbox: the message stays until acked.
        const auto messages = inbox(*b1->client);
        QVERIFY(messages);
        QCOMPARE(messages->size(), 1);
        QCOMPARE(qidOf(messages->first()), qidOf(message));

        // b2 gets only what is addressed to it.
        HEARTH_VERIFY_OK(sendToDevices(*a->client, {{b1->user(), b2->id(), "for b2"}}));
        const auto forB2 = b2->client->waitForPush(type::kToDevice);
        QVERIFY(forB2);
        QCOMPARE(forB2->value("message"_L1).toMap().value("body"_L1).toByteArray(),
                 QByteArray("for b2"));
        const QList<Frame> rest = b2->client->takePushes();
        QVERIFY2(std::none_of(rest.cbegin(), rest.cend(),
                              [](const Frame &f) { return f.type() == type::kToDevice; }),
                 "b2 was pushed a message addressed to b1");
    }

    void ackIgnoresOtherDevicesMessages() {
        auto a = m_fixture.signUp();
        auto b1 = m_fixture.signUp();
        QVERIFY(a && b1);
        auto b2 = m_fixture.addDevice(b1->user());
        QVERIFY(b2);
        HEARTH_VERIFY_OK(sendToDevices(*a->client, {{b1->user(), b2->id(), "for b2"}}));
        const auto ofB2 = inbox(*b2->client);
        QVERIFY(ofB2);
        QCOMPARE(ofB2->size(), 1);

        const ProtocolResult<Frame> acked = ack(*b1->client, {qidOf(ofB2->first())});
        HEARTH_VERIFY_OK(acked);
        QCOMPARE(acked.value().uint("removed"_L1), 0u);
        const auto still = inbox(*b2->client);
        QVERIFY(still);
        QCOMPARE(still->size(), 1);
    }

    void wrongTargetsRefuseTheWholeBatch_data() {
        QTest::addColumn<QString>("target");
        QTest::newRow("device of another user") << u"other user's device"_s;
        QTest::newRow("unknown device") << u"unknown device"_s;
    }
    void wrongTargetsRefuseTheWholeBatch() {
        QFETCH(QString, target);
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(a && b && c);
        const quint64 wrongDevice = target == u"unknown device"_s ? c->id() + 1000000 : c->id();
        HEARTH_COMPARE_CODE(sendToDevices(*a->client, {{b->user(), wrongDevice, "x"}}),
                            "no_such_device"_L1);
        HEARTH_COMPARE_CODE(sendToDevices(*a->client, {{b->user(), b->id(), "valid"},
                                                       {b->user(), wrongDevice, "x"}}),
                            "no_such_device"_L1);
        expectEmptyInboxes({&*b, &*c});
    }

    void limitsAreEnforced() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        QVERIFY(a && b);
        QCOMPARE(a->client->connection().limits().maxToDeviceBytes, kMaxBody);
        QCOMPARE(a->client->connection().limits().maxToDeviceBatch, kMaxBatch);
        const Target tooBig{b->user(), b->id(), randomBytes(kMaxBody + 1)};
        HEARTH_COMPARE_CODE(sendToDevices(*a->client, {tooBig}), "payload_too_large"_L1);
        const QList<Target> tooMany(kMaxBatch + 1, Target{b->user(), b->id(), "x"});
        const ProtocolResult<Frame> refused = sendToDevices(*a->client, tooMany);
        QVERIFY2(!refused, "a batch over max_to_device_batch was accepted");
        expectEmptyInboxes({&*b});

        const ProtocolResult<Frame> fits = sendToDevices(
            *a->client,
            QList<Target>(kMaxBatch, Target{b->user(), b->id(), randomBytes(kMaxBody)}));
        HEARTH_VERIFY_OK(fits);
        QCOMPARE(fits.value().uint("queued"_L1), quint64(kMaxBatch));
    }

    void inboxIsPagedOldestFirst() {
        auto a = m_fixture.signUp();
        auto b = m_fixture.signUp();
        QVERIFY(a && b);
        for (int i = 0; i < 10; ++i) {
            HEARTH_VERIFY_OK(
                sendToDevices(*a->client, {{b->user(), b->id(), QByteArray::number(i)}}));
        }
        bool more = false;
        const auto firstThree = inbox(*b->client, 3, &more);
        QVERIFY(firstThree);
        QVERIFY(more);
        QCOMPARE(firstThree->size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE((*firstThree)[i].value("body"_L1).toByteArray(), QByteArray::number(i));

        const auto defaultPage = inbox(*b->client, 0, &more);
        QVERIFY(defaultPage);
        QVERIFY(more);
        QCOMPARE(defaultPage->size(), kPageSize);

        QList<qint64> qids;
        for (const QCborMap &message : *defaultPage)
            qids.append(qidOf(message));
        const ProtocolResult<Frame> acked = ack(*b->client, qids);
        HEARTH_VERIFY_OK(acked);
        QCOMPARE(acked.value().uint("removed"_L1), quint64(kPageSize));
        const auto rest = inbox(*b->client, 0, &more);
        QVERIFY(rest);
        QVERIFY(!more);
        QCOMPARE(rest->size(), 10 - kPageSize);
        QCOMPARE(rest->last().value("body"_L1).toByteArray(), QByteArray("9"));
    }

private:
    static void expectEmptyInboxes(std::initializer_list<Device *> devices) {
        for (Device *device : devices) {
            const auto messages = inbox(*device->client);
            QVERIFY(messages);
            QVERIFY2(messages->isEmpty(),
                     qPrintable(device->user() + u" received part of a refused batch"_s));
        }
    }

    RelayFixture m_fixture{limitArgs({{"max_to_device_bytes"_L1, kMaxBody},
                                      {"max_to_device_batch"_L1, kMaxBatch},
                                      {"max_page_size"_L1, kPageSize}})};
};

QTEST_GUILESS_MAIN(TestRelayToDevice)
#include "tst_relay_to_device.moc"
