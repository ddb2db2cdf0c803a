// SPDX-License-Identifier: GPL-3.0-or-later
// Read markers merge by maximum across a member's devices and receipts follow the member's
// choice; signed device lists are stored, served and announced.
#include "crypto/signing_key.h"
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QCborMap readFields(quint64 conv, quint64 seq, bool receipt) {
    QCborMap fields = convField(conv);
    fields.insert("seq"_L1, static_cast<qint64>(seq));
    fields.insert("receipt"_L1, receipt);
    return fields;
}

bool isReadPush(const Frame &frame, const QString &user, quint64 seq) {
    return frame.type() == type::kRead && frame.text("user"_L1) == user &&
           frame.uint("seq"_L1) == seq;
}

bool hasReadPush(const QList<Frame> &pushes) {
    return std::any_of(pushes.cbegin(), pushes.cend(),
                       [](const Frame &f) { return f.type() == type::kRead; });
}

//! The read_seq `convs` reports for `conv`.
quint64 convReadSeq(TestClient &client, quint64 conv) {
    const ProtocolResult<Frame> reply = client.call(type::kConversations);
    if (!reply)
        return 0;
    return findConv(reply.value(), conv).value("read_seq"_L1).toInteger();
}

} // namespace

class TestRelayReadState final : public QObject {
    Q_OBJECT

private:
    RelayFixture m_fixture;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void markersMergeByMaxAcrossDevices() {
        auto group = m_fixture.twoUsersThreeDevices();
        QVERIFY(group);
        auto &[laptop, desktop, bob, conv] = *group;
        quint64 last = 0;
        for (int i = 0; i < 3; ++i) {
            const ProtocolResult<Frame> sent = sendMessage(*bob.client, conv, "hello");
            HEARTH_VERIFY_OK(sent);
            last = sent.value().uint("seq"_L1);
        }

        const ProtocolResult<Frame> read =
            laptop.client->call(type::kRead, readFields(conv, last, true));
        HEARTH_VERIFY_OK(read);
        QCOMPARE(read.value().uint("seq"_L1), last);
        QVERIFY(desktop.client->waitForPush(
            [&](const Frame &f) { return isReadPush(f, laptop.user(), last); }));
        QVERIFY(bob.client->waitForPush(
            [&](const Frame &f) { return isReadPush(f, laptop.user(), last); }));

        // An older marker from the other device never moves the merged one back.
        (void)laptop.client->takePushes();
        const ProtocolResult<Frame> older =
            desktop.client->call(type::kRead, readFields(conv, last - 2, true));
        HEARTH_VERIFY_OK(older);
        QCOMPARE(older.value().uint("seq"_L1), last);
        QCOMPARE(convReadSeq(*desktop.client, conv), last);
        HEARTH_VERIFY_OK(laptop.client->call(type::kConversations)); // let pushes arrive
        QVERIFY(!hasReadPush(laptop.client->takePushes()));

        // A marker past the end of the log is held at the end.
        const ProtocolResult<Frame> future =
            laptop.client->call(type::kRead, readFields(conv, last + 100, true));
        HEARTH_VERIFY_OK(future);
        QCOMPARE(future.value().uint("seq"_L1), last);
    }

    void privateMarkersReachOnlyOwnDevices() {
        auto group = m_fixture.twoUsersThreeDevices();
        QVERIFY(group);
        auto &[phone, tablet, carol, conv] = *group;
        const ProtocolResult<Frame> sent = sendMessage(*carol.client, conv, "psst");
        HEARTH_VERIFY_OK(sent);
        const quint64 seq = sent.value().uint("seq"_L1);

        (void)carol.client->takePushes();
        HEARTH_VERIFY_OK(phone.client->call(type::kRead, readFields(conv, seq, false)));
        QVERIFY(tablet.client->waitForPush(
            [&](const Frame &f) { return isReadPush(f, phone.user(), seq); }));
        HEARTH_VERIFY_OK(carol.client->call(type::kConversations));
        QVERIFY(!hasReadPush(carol.client->takePushes()));

        const ProtocolResult<Frame> receipts = carol.client->call(type::kReceipts, convField(conv));
        HEARTH_VERIFY_OK(receipts);
        for (const QCborValue &entry : receipts.value().array("receipts"_L1))
            QVERIFY(entry.toMap().value("user"_L1).toString() != phone.user());

        HEARTH_VERIFY_OK(phone.client->call(type::kRead, readFields(conv, seq, true)));
        const ProtocolResult<Frame> shared = carol.client->call(type::kReceipts, convField(conv));
        HEARTH_VERIFY_OK(shared);
        bool found = false;
        for (const QCborValue &entry : shared.value().array("receipts"_L1))
            found |= entry.toMap().value("user"_L1).toString() == phone.user() &&
                     entry.toMap().value("seq"_L1).toInteger() == static_cast<qint64>(seq);
        QVERIFY(found);
    }

    void nonMembersCannotMarkOrReadReceipts() {
        auto dave = m_fixture.signUp();
        QVERIFY(dave);
        auto erin = m_fixture.signUp();
        QVERIFY(erin);
        const quint64 conv = createGroup(*dave->client);
        QVERIFY(conv != 0);
        HEARTH_COMPARE_CODE(erin->client->call(type::kRead, readFields(conv, 1, true)),
                            u"not_member"_s);
        HEARTH_COMPARE_CODE(erin->client->call(type::kReceipts, convField(conv)), u"not_member"_s);
    }

    void signedDeviceListsAreStoredServedAndAnnounced() {
        const auto accountKey = crypto::SigningKeyPair::generate();
        auto client = m_fixture.connect();
        QVERIFY(client);
        const QString user = m_fixture.freshUser(u"signed"_s);
        QCborMap registration = credentialsFields(user, kPassword);
        registration.insert("account_key"_L1, accountKey.publicKey());
        HEARTH_VERIFY_OK(client->call(type::kRegister, registration));
        const auto credentials = client->addDevice(user, kPassword);
        HEARTH_VERIFY_OK(credentials);
        HEARTH_VERIFY_OK(client->authenticate(credentials.value()));

        auto friendDevice = m_fixture.signUp();
        QVERIFY(friendDevice);
        QVERIFY(createGroup(*client, {friendDevice->user()}) != 0);

        const QByteArray list = "device list bytes (format: docs/crypto.md)";
        QCborMap forged;
        forged.insert("list"_L1, list);
        forged.insert("sig"_L1, crypto::SigningKeyPair::generate().sign(list));
        HEARTH_COMPARE_CODE(client->call(type::kPutDeviceList, forged), u"forbidden"_s);

        QCborMap put;
        put.insert("list"_L1, list);
        put.insert("sig"_L1, accountKey.sign(list));
        HEARTH_VERIFY_OK(client->call(type::kPutDeviceList, put));
        QVERIFY(friendDevice->client->waitForPush([&](const Frame &f) {
            return f.type() == type::kDevices && f.text("user"_L1) == user;
        }));

        QCborMap query;
        query.insert("user"_L1, user);
        const ProtocolResult<Frame> devices = friendDevice->client->call(type::kDevices, query);
        HEARTH_VERIFY_OK(devices);
        QCOMPARE(devices.value().bytes("account_key"_L1), accountKey.publicKey());
        QCOMPARE(devices.value().bytes("device_list"_L1), list);
        QVERIFY(crypto::verifySignature(accountKey.publicKey(), list,
                                        devices.value().bytes("device_list_sig"_L1)));

        // A new device is announced to contacts (who then fetch and verify the list).
        (void)friendDevice->client->takePushes();
        auto second = m_fixture.connect();
        QVERIFY(second);
        HEARTH_VERIFY_OK(second->addDevice(user, kPassword));
        QVERIFY(friendDevice->client->waitForPush([&](const Frame &f) {
            return f.type() == type::kDevices && f.text("user"_L1) == user;
        }));
    }

    void accountsWithoutKeyCannotPublishLists() {
        auto frank = m_fixture.signUp();
        QVERIFY(frank);
        const auto key = crypto::SigningKeyPair::generate();
        QCborMap put;
        put.insert("list"_L1, QByteArray("list"));
        put.insert("sig"_L1, key.sign("list"));
        HEARTH_COMPARE_CODE(frank->client->call(type::kPutDeviceList, put), u"invalid_argument"_s);
    }
};

QTEST_GUILESS_MAIN(TestRelayReadState)
#include "tst_relay_read_state.moc"
