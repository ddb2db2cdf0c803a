// SPDX-License-Identifier: GPL-3.0-or-later
// Conversation events against the real relay: fan-out, idempotent send, paged catch-up,
// visibility windows of removed members and the payload limit.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

constexpr quint64 kPageSize = 8;        // --limit max_page_size
constexpr qsizetype kMaxPayload = 1024; // --limit max_payload_bytes

qsizetype countEventPushes(const QList<Frame> &pushes, quint64 conv, quint64 seq) {
    return std::count_if(pushes.cbegin(), pushes.cend(),
                         [&](const Frame &push) { return isEventPush(push, conv, seq); });
}

} // namespace

class TestRelayEvents final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void eventsFanOutToEveryOtherDevice() {
        auto a1 = m_fixture.signUp();
        QVERIFY(a1);
        auto a2 = m_fixture.addDevice(a1->user());
        auto b1 = m_fixture.signUp();
        QVERIFY(a2 && b1);
        auto b2 = m_fixture.addDevice(b1->user());
        auto c1 = m_fixture.signUp();
        QVERIFY(b2 && c1);
        const quint64 conv = createGroup(*a1->client, {b1->user(), c1->user()});
        QVERIFY(conv);

        const QByteArray cmid = randomCmid();
        const ProtocolResult<Frame> sent =
            a1->client->call(type::kSend, sendFields(conv, "hello", cmid));
        HEARTH_VERIFY_OK(sent);
        const quint64 seq = sent.value().uint("seq"_L1);
        QCOMPARE(seq, 4u);
        QVERIFY(!sent.value().boolean("duplicate"_L1));
        for (Device *device : {&*a2, &*b1, &*b2, &*c1}) {
            const auto event = waitForEvent(*device->client, conv, seq);
            QVERIFY2(event, qPrintable(device->user() + u" got no event push"_s));
            QCOMPARE(event->value("kind"_L1).toString(), QString(protocol::event_kind::kMessage));
            QCOMPARE(event->value("sender"_L1).toString(), a1->user());
            QCOMPARE(event->value("device"_L1).toInteger(), static_cast<qint64>(a1->id()));
            QCOMPARE(event->value("cmid"_L1).toByteArray(), cmid);
            QCOMPARE(event->value("body"_L1).toByteArray(), QByteArray("hello"));
            QCOMPARE(event->value("ts"_L1).toInteger(),
                     static_cast<qint64>(sent.value().uint("ts"_L1)));
        }

        // The sending device gets the reply, not a push: b1's later message arrives at a1
        // with no push of `seq` before it.
        const ProtocolResult<Frame> marker = sendMessage(*b1->client, conv, "marker");
        HEARTH_VERIFY_OK(marker);
        QVERIFY(waitForEvent(*a1->client, conv, marker.value().uint("seq"_L1)));
        QVERIFY2(!hasEventPush(a1->client->takePushes(), conv, seq),
                 "the sending device got its own event pushed");
    }

    void resendingIsIdempotent() {
        auto group = m_fixture.twoUsersThreeDevices();
        QVERIFY(group);
        auto &[a1, a2, b, conv] = *group;

        const QByteArray cmid = randomCmid();
        const ProtocolResult<Frame> first =
            a1.client->call(type::kSend, sendFields(conv, "once", cmid));
        HEARTH_VERIFY_OK(first);
        QVERIFY(!first.value().boolean("duplicate"_L1));
        // The same cmid from the same user (even another of their devices) is the same event.
        for (Device *device : {&a1, &a2}) {
            const ProtocolResult<Frame> again =
                device->client->call(type::kSend, sendFields(conv, "once", cmid));
            HEARTH_VERIFY_OK(again);
            QVERIFY(again.value().boolean("duplicate"_L1));
            QCOMPARE(again.value().uint("seq"_L1), first.value().uint("seq"_L1));
            QCOMPARE(again.value().uint("ts"_L1), first.value().uint("ts"_L1));
        }
        // The same cmid from another user is another event.
        const ProtocolResult<Frame> other =
            b.client->call(type::kSend, sendFields(conv, "other", cmid));
        HEARTH_VERIFY_OK(other);
        QVERIFY(!other.value().boolean("duplicate"_L1));
        QCOMPARE(other.value().uint("seq"_L1), first.value().uint("seq"_L1) + 1);

        const auto events = syncAll(*b.client, conv);
        QVERIFY(events);
        const QList<QCborMap> messages = messagesOf(*events);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].value("sender"_L1).toString(), a1.user());
        QCOMPARE(messages[1].value("sender"_L1).toString(), b.user());

        // b was pushed the event once: by the time a later event arrives, only one copy came.
        const ProtocolResult<Frame> marker = sendMessage(*a1.client, conv, "marker");
        HEARTH_VERIFY_OK(marker);
        QVERIFY(waitForEvent(*b.client, conv, marker.value().uint("seq"_L1)));
        QCOMPARE(countEventPushes(b.client->takePushes(), conv, first.value().uint("seq"_L1)), 1);
    }

    void offlineDeviceCatchesUpInPages() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        // b's second device exists but is offline while 20 messages arrive.
        const auto offline = b.client->addDevice(b.user(), kPassword);
        HEARTH_VERIFY_OK(offline);
        QList<QCborMap> sends;
        for (int i = 0; i < 20; ++i)
            sends.append(sendFields(conv, QByteArray::number(i)));
        for (const ProtocolResult<Frame> &reply : a.client->callAll(type::kSend, sends))
            HEARTH_VERIFY_OK(reply);

        auto late = m_fixture.reconnect(offline.value());
        QVERIFY(late);
        TestClient &client = *late->client;
        const ProtocolResult<Frame> firstPage = client.call(type::kSync, syncFields(conv, 0, 5));
        HEARTH_VERIFY_OK(firstPage);
        QCOMPARE(firstPage.value().array("events"_L1).size(), 5);
        QVERIFY(firstPage.value().boolean("more"_L1));

        // Without a limit, and with one above it, pages hold max_page_size events.
        for (std::optional<quint64> limit :
             {std::optional<quint64>(), std::optional(quint64(100))}) {
            const ProtocolResult<Frame> page = client.call(type::kSync, syncFields(conv, 0, limit));
            HEARTH_VERIFY_OK(page);
            QCOMPARE(quint64(page.value().array("events"_L1).size()), kPageSize);
            QVERIFY(page.value().boolean("more"_L1));
        }
        HEARTH_COMPARE_CODE(client.call(type::kSync, syncFields(conv, 0, 0)),
                            "invalid_argument"_L1);

        const auto events = syncAll(client, conv, 0, 5);
        QVERIFY(events);
        QCOMPARE(seqsOf(*events), seqsUpTo(22));
        const QList<QCborMap> messages = messagesOf(*events);
        QCOMPARE(messages.size(), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(messages[i].value("body"_L1).toByteArray(), QByteArray::number(i));

        const ProtocolResult<Frame> atEnd = client.call(type::kSync, syncFields(conv, 22));
        HEARTH_VERIFY_OK(atEnd);
        QVERIFY(atEnd.value().array("events"_L1).isEmpty());
        QVERIFY(!atEnd.value().boolean("more"_L1));
    }

    void removedMemberSeesOnlyTheirWindow() {
        auto pair = m_fixture.groupOfTwo();
        QVERIFY(pair);
        auto &[a, b, conv] = *pair;
        // A second conversation b stays in, to know when pushes have arrived.
        const quint64 other = createGroup(*a.client, {b.user()});
        QVERIFY(other);

        HEARTH_VERIFY_OK(sendMessage(*a.client, conv, "before")); // seq 3
        const ProtocolResult<Frame> removed =
            changeMember(*a.client, type::kRemoveMember, conv, b.user()); // seq 4
        HEARTH_VERIFY_OK(removed);
        const quint64 removedSeq = removed.value().uint("seq"_L1);
        const ProtocolResult<Frame> hidden = sendMessage(*a.client, conv, "after"); // seq 5
        HEARTH_VERIFY_OK(hidden);
        const quint64 hiddenSeq = hidden.value().uint("seq"_L1);

        const ProtocolResult<Frame> marker = sendMessage(*a.client, other, "marker");
        HEARTH_VERIFY_OK(marker);
        QVERIFY(waitForEvent(*b.client, other, marker.value().uint("seq"_L1)));
        QVERIFY2(!hasEventPush(b.client->takePushes(), conv, hiddenSeq),
                 "a removed member was pushed a later event");

        HEARTH_COMPARE_CODE(sendMessage(*b.client, conv, "let me in"), "not_member"_L1);
        const auto seen = syncAll(*b.client, conv);
        QVERIFY(seen);
        QVERIFY(!seen->isEmpty());
        QCOMPARE(seqsOf(*seen).last(), removedSeq);
        QCOMPARE(seen->last().value("action"_L1).toString(), QString(protocol::action::kRemove));
        QCOMPARE(seen->last().value("user"_L1).toString(), b.user());

        // Re-added: a new window; what was said in between stays hidden.
        const ProtocolResult<Frame> readded =
            changeMember(*a.client, type::kAddMember, conv, b.user());
        HEARTH_VERIFY_OK(readded);
        const ProtocolResult<Frame> later = sendMessage(*a.client, conv, "welcome back");
        HEARTH_VERIFY_OK(later);
        const auto again = syncAll(*b.client, conv);
        QVERIFY(again);
        const QList<quint64> seqs = seqsOf(*again);
        QVERIFY(seqs.contains(removedSeq));
        QVERIFY(!seqs.contains(hiddenSeq));
        QVERIFY(seqs.contains(readded.value().uint("seq"_L1)));
        QCOMPARE(seqs.last(), later.value().uint("seq"_L1));
    }

    void nonMembersCannotSendOrSync() {
        auto pair = m_fixture.groupOfTwo();
        auto stranger = m_fixture.signUp();
        QVERIFY(pair && stranger);
        auto &[a, b, conv] = *pair;
        HEARTH_COMPARE_CODE(sendMessage(*stranger->client, conv, "hi"), "not_member"_L1);
        HEARTH_COMPARE_CODE(stranger->client->call(type::kSync, syncFields(conv, 0)),
                            "not_member"_L1);
        HEARTH_COMPARE_CODE(sendMessage(*a.client, 987654321, "hi"), "no_such_conversation"_L1);
        const auto events = syncAll(*a.client, conv);
        QVERIFY(events);
        QVERIFY(messagesOf(*events).isEmpty());
    }

    void payloadLimitIsEnforced() {
        auto a = m_fixture.signUp();
        QVERIFY(a);
        QCOMPARE(a->client->connection().limits().maxPayloadBytes, kMaxPayload);
        const quint64 conv = createGroup(*a->client, {});
        QVERIFY(conv);
        HEARTH_VERIFY_OK(sendMessage(*a->client, conv, randomBytes(kMaxPayload)));
        HEARTH_COMPARE_CODE(sendMessage(*a->client, conv, randomBytes(kMaxPayload + 1)),
                            "payload_too_large"_L1);
        const auto events = syncAll(*a->client, conv);
        QVERIFY(events);
        QCOMPARE(messagesOf(*events).size(), 1);
    }

    void sequenceNumbersAreContiguousFromOne() {
        auto group = m_fixture.twoUsersThreeDevices();
        QVERIFY(group);
        auto &[a1, a2, b, conv] = *group;
        // Three devices pipelining at once, so several sends share a commit.
        QList<quint64> acked;
        QStringList failures;
        for (Device *device : {&a1, &a2, &b}) {
            for (int i = 0; i < 30; ++i) {
                device->client->connection().request(
                    type::kSend, sendFields(conv, QByteArray::number(i)),
                    [&](const ProtocolResult<Frame> &reply) {
                        if (reply)
                            acked.append(reply.value().uint("seq"_L1));
                        else
                            failures.append(describe(reply));
                    });
            }
        }
        QVERIFY(QTest::qWaitFor([&] { return acked.size() + failures.size() == 90; }, kWaitMs));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; "_s)));
        const auto events = syncAll(*a1.client, conv);
        QVERIFY(events);
        const QList<quint64> seqs = seqsOf(*events);
        QCOMPARE(seqs, seqsUpTo(92));
        std::sort(acked.begin(), acked.end());
        QCOMPARE(acked, seqs.mid(2));
    }

private:
    RelayFixture m_fixture{
        limitArgs({{"max_page_size"_L1, kPageSize}, {"max_payload_bytes"_L1, kMaxPayload}})};
};

QTEST_GUILESS_MAIN(TestRelayEvents)
#include "tst_relay_events.moc"
