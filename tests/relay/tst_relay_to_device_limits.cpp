// SPDX-License-Identifier: GPL-3.0-or-later
// Who may fill whose inbox, against the real relay: to_device reaches the sender's own devices
// and the accounts it shares (or shared) a conversation with; anyone else only within a small
// first-contact budget; and each device's inbox holds at most max_inbox_messages.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

constexpr int kFirstContacts = 3; // --first-contact-burst
constexpr int kMaxInbox = 4;      // --max-inbox-messages

struct Target {
    QString user;
    quint64 device;
};

ProtocolResult<Frame> sendTo(TestClient &client, const QList<Target> &targets) {
    QCborArray messages;
    for (const Target &target : targets) {
        QCborMap message;
        message.insert("user"_L1, target.user);
        message.insert("device"_L1, static_cast<qint64>(target.device));
        message.insert("body"_L1, randomBytes(32));
        messages.append(message);
    }
    QCborMap fields;
    fields.insert("messages"_L1, messages);
    return client.call(type::kToDevice, fields);
}

Target targetOf(const Device &device) {
    return Target{device.user(), device.id()};
}

//! How many messages wait in `device`'s inbox (-1 when the request fails).
qsizetype inboxSize(TestClient &client) {
    const ProtocolResult<Frame> reply = client.call(type::kInbox);
    return reply ? reply.value().array("messages"_L1).size() : -1;
}

//! Acks everything in `device`'s inbox.
bool drainInbox(TestClient &client) {
    const ProtocolResult<Frame> reply = client.call(type::kInbox);
    if (!reply)
        return false;
    QCborArray qids;
    for (const QCborValue &message : reply.value().array("messages"_L1))
        qids.append(message.toMap().value("qid"_L1));
    if (qids.isEmpty())
        return true;
    QCborMap fields;
    fields.insert("qids"_L1, qids);
    return client.call(type::kAckInbox, fields).ok();
}

} // namespace

class TestRelayToDeviceLimits final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void contactsAreReachableStrangersOnlyWithinTheBudget() {
        auto group = m_fixture.groupOfTwo();
        QVERIFY(group);
        auto stranger = m_fixture.signUp();
        QVERIFY(stranger);

        // A co-member is reachable beyond the first-contact budget.
        for (int i = 0; i < kFirstContacts + 1; ++i) {
            HEARTH_VERIFY_OK(sendTo(*group->a.client, {targetOf(group->b)}));
            QVERIFY(drainInbox(*group->b.client));
        }
        // A stranger: the budget, then no more.
        HEARTH_VERIFY_OK(
            sendTo(*group->a.client, QList<Target>(kFirstContacts - 1, targetOf(*stranger))));
        HEARTH_VERIFY_OK(sendTo(*group->a.client, {targetOf(*stranger)}));
        const ProtocolResult<Frame> refused = sendTo(*group->a.client, {targetOf(*stranger)});
        HEARTH_COMPARE_CODE(refused, "no_shared_conversation"_L1);
        QCOMPARE(inboxSize(*stranger->client), kFirstContacts);
        // A refused batch queues nothing, not even its messages to contacts.
        HEARTH_COMPARE_CODE(sendTo(*group->a.client, {targetOf(group->b), targetOf(*stranger)}),
                            "no_shared_conversation"_L1);
        QCOMPARE(inboxSize(*group->b.client), 0);
        QCOMPARE(inboxSize(*stranger->client), kFirstContacts);
        // The budget is the sender's: contacts still work, and others may still write.
        HEARTH_VERIFY_OK(sendTo(*group->a.client, {targetOf(group->b)}));
        HEARTH_VERIFY_OK(sendTo(*group->b.client, {targetOf(*stranger)}));
    }

    void ownDevicesAreReachableWithoutBudget() {
        // A device fresh from add_device, approved by nobody yet, reaches the others.
        auto first = m_fixture.signUp();
        QVERIFY(first);
        auto fresh = m_fixture.addDevice(first->user());
        QVERIFY(fresh);
        for (int i = 0; i < kFirstContacts + 1; ++i) {
            HEARTH_VERIFY_OK(sendTo(*fresh->client, {targetOf(*first)}));
            HEARTH_VERIFY_OK(sendTo(*first->client, {targetOf(*fresh)}));
        }
        // ...and spent nothing of the account's first-contact budget.
        auto stranger = m_fixture.signUp();
        QVERIFY(stranger);
        HEARTH_VERIFY_OK(
            sendTo(*fresh->client, QList<Target>(kFirstContacts, targetOf(*stranger))));
        HEARTH_COMPARE_CODE(sendTo(*first->client, {targetOf(*stranger)}),
                            "no_shared_conversation"_L1);
    }

    void formerContactsStayReachable() {
        auto group = m_fixture.groupOfTwo();
        QVERIFY(group);
        HEARTH_VERIFY_OK(
            changeMember(*group->a.client, type::kRemoveMember, group->conv, group->b.user()));
        // b may still need a key for what it saw, in both directions, past any budget.
        for (int i = 0; i < kFirstContacts + 1; ++i) {
            HEARTH_VERIFY_OK(sendTo(*group->b.client, {targetOf(group->a)}));
            HEARTH_VERIFY_OK(sendTo(*group->a.client, {targetOf(group->b)}));
            QVERIFY(drainInbox(*group->a.client));
            QVERIFY(drainInbox(*group->b.client));
        }
    }

    void aFullInboxRefusesMore() {
        auto group = m_fixture.twoUsersThreeDevices();
        QVERIFY(group);
        for (int i = 0; i < kMaxInbox; ++i)
            HEARTH_VERIFY_OK(sendTo(*group->b.client, {targetOf(group->a1)}));
        const ProtocolResult<Frame> full = sendTo(*group->b.client, {targetOf(group->a1)});
        HEARTH_COMPARE_CODE(full, "inbox_full"_L1);
        QCOMPARE(inboxSize(*group->a1.client), kMaxInbox);

        // In a batch, the other targets still get theirs; the reply names the full inbox.
        const ProtocolResult<Frame> mixed =
            sendTo(*group->b.client, {targetOf(group->a1), targetOf(group->a2)});
        HEARTH_VERIFY_OK(mixed);
        QCOMPARE(mixed.value().uint("queued"_L1), 1u);
        const QCborArray skipped = mixed.value().array("inbox_full"_L1);
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped.first().toMap().value("user"_L1).toString(), group->a1.user());
        QCOMPARE(skipped.first().toMap().value("device"_L1).toInteger(),
                 static_cast<qint64>(group->a1.id()));
        QCOMPARE(inboxSize(*group->a2.client), 1);
        QCOMPARE(inboxSize(*group->a1.client), kMaxInbox);

        // The cap is per inbox and frees up as the device acks.
        QVERIFY(drainInbox(*group->a1.client));
        HEARTH_VERIFY_OK(sendTo(*group->b.client, {targetOf(group->a1)}));
        QCOMPARE(inboxSize(*group->a1.client), 1);
    }

private:
    RelayFixture m_fixture{{u"--first-contact-burst"_s, QString::number(kFirstContacts),
                            u"--first-contact-refill-ms"_s, u"86400000"_s,
                            u"--max-inbox-messages"_s, QString::number(kMaxInbox)}};
};

QTEST_GUILESS_MAIN(TestRelayToDeviceLimits)
#include "tst_relay_to_device_limits.moc"
