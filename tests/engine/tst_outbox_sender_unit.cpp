// SPDX-License-Identifier: GPL-3.0-or-later
// OutboxSender over a scripted link: exactly-once delivery (a retry after a lost connection or
// a transient refusal resends the same cmid and the same bytes), acked items leave the outbox
// and land in the timeline, a permanent refusal marks the item failed, one message in flight
// at a time in enqueue order. Every test runs over the in-memory outbox and the SQL one.
#include "sync/engine/device_directory.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/outbox_sender.h"
#include "sync/store/memory_outbox_store.h"
#include "sync/store/memory_session_store.h"
#include "tests/engine/unit_fixture.h"

#include <QCborArray>
#include <QSignalSpy>

using namespace hearth;
using namespace hearth::test;
using namespace hearth::store::test;

namespace {

const hearth::ConversationId kOther{8};

//! An OutboxSender with everything it needs, its outbox in memory or in the profile.
struct Rig : UnitFixture {
    explicit Rig(bool inMemory)
        : outbox(inMemory ? static_cast<store::OutboxStore &>(memoryOutbox)
                          : temp.store->outbox()) {
        store::ConversationInfo other;
        other.id = kOther;
        if (!temp.store->conversations().upsert(other))
            qFatal("cannot create the second conversation");
        // why: KeySharing looks up the members' devices (here: only this account) before the
        // first send; the relay lists none, so the session is shared with no one. Done once
        // here so that the tests see only the outbox's own requests.
        link.goOnline();
        directory.ensureFresh({kMe}, [](const auto &) {});
        if (link.sentTypes() != QStringList{u"devices"_s})
            qFatal("expected one devices request");
        link.reply(0, QCborMap{{u"devices"_s, QCborArray{}}});
        link.goOffline();
        link.clear();
    }

    //! Queues a text message; its cmid.
    store::ClientMessageId enqueue(const QString &text, hearth::ConversationId conv = kConv) {
        store::MessageContent content;
        content.contentType = u"text"_s;
        content.text = text;
        auto cmid = sender.enqueue(conv, content);
        if (!cmid)
            qFatal("enqueue failed: %s", qPrintable(cmid.error().message));
        return cmid.value();
    }
    //! The cmid a `send` request carried.
    [[nodiscard]] QByteArray cmidOf(qsizetype index) const {
        return link.sent().at(index).fields.value("cmid"_L1).toByteArray();
    }
    [[nodiscard]] QByteArray bodyOf(qsizetype index) const {
        return link.sent().at(index).fields.value("body"_L1).toByteArray();
    }
    [[nodiscard]] QList<store::OutboxItem> unsent() { return valueOf(outbox.unsent()); }

    store::MemoryOutboxStore memoryOutbox;
    store::OutboxStore &outbox;
    store::MemorySessionStore sessions;
    engine::DeviceDirectory directory{context};
    engine::KeySharing keys{context, sessions, directory};
    engine::OutboxSender sender{context, outbox, keys};
};

} // namespace

class TestOutboxSenderUnit final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void sendsOnceAndStoresTheAck();
    void waitsWhileOffline();
    void retryAfterDisconnectKeepsCmidAndBytes();
    void transientRefusalIsRetried();
    void permanentRefusalMarksFailed();
    void oneInFlightInOrder();
};

void TestOutboxSenderUnit::initTestCase_data() {
    QTest::addColumn<bool>("inMemory");
    QTest::newRow("memory outbox") << true;
    QTest::newRow("sql outbox") << false;
}

void TestOutboxSenderUnit::sendsOnceAndStoresTheAck() {
    QFETCH_GLOBAL(bool, inMemory);
    Rig rig(inMemory);
    QSignalSpy sent(&rig.sender, &engine::OutboxSender::messageSent);
    rig.link.goOnline();
    const auto cmid = rig.enqueue(u"hello"_s);

    QCOMPARE(rig.link.sentTypes(), QStringList{u"send"_s});
    QCOMPARE(rig.cmidOf(0), cmid.bytes());
    QCOMPARE(rig.link.sent().at(0).fields.value("conv"_L1).toInteger(), qint64(kConv.value));
    QVERIFY(!rig.bodyOf(0).contains("hello")); // encrypted
    QCOMPARE(rig.unsent().size(), 1);
    QCOMPARE(rig.unsent().at(0).state, store::OutboxState::Sending);

    rig.link.reply(0, sendReply(5));
    QVERIFY(rig.unsent().isEmpty()); // acked: out of the outbox
    const auto item = valueOf(rig.outbox.item(1));
    QVERIFY(item);
    QCOMPARE(item->state, store::OutboxState::Sent);
    QCOMPARE(item->seq, std::optional<quint64>(5));
    const auto event = valueOf(rig.temp.store->timeline().event(kConv, 5));
    QVERIFY(event);
    QCOMPARE(event->cmid, std::optional(cmid));
    QCOMPARE(event->text, u"hello"_s);
    QVERIFY(event->own);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.at(0).at(1).toULongLong(), 5u);

    rig.sender.pump(); // nothing left: nothing sent again
    QCOMPARE(rig.link.sent().size(), 1);
}

void TestOutboxSenderUnit::waitsWhileOffline() {
    QFETCH_GLOBAL(bool, inMemory);
    Rig rig(inMemory);
    const auto cmid = rig.enqueue(u"composed offline"_s);
    rig.sender.pump();
    QVERIFY(rig.link.sent().isEmpty());
    QCOMPARE(rig.link.refused(), 0); // it did not even try
    QCOMPARE(rig.unsent().at(0).state, store::OutboxState::Pending);

    rig.link.goOnline();
    rig.sender.pump(); // what SyncEngine does after catch-up
    QCOMPARE(rig.link.sentTypes(), QStringList{u"send"_s});
    QCOMPARE(rig.cmidOf(0), cmid.bytes());
}

void TestOutboxSenderUnit::retryAfterDisconnectKeepsCmidAndBytes() {
    QFETCH_GLOBAL(bool, inMemory);
    Rig rig(inMemory);
    QSignalSpy sent(&rig.sender, &engine::OutboxSender::messageSent);
    rig.link.goOnline();
    const auto cmid = rig.enqueue(u"once"_s);
    QCOMPARE(rig.link.pending(), QList<qsizetype>{0});

    // The connection drops before the reply: the relay may or may not have stored it.
    rig.link.goOffline();
    QCOMPARE(rig.unsent().size(), 1);
    QCOMPARE(rig.unsent().at(0).state, store::OutboxState::Pending);
    rig.sender.pump();
    QCOMPARE(rig.link.sent().size(), 1); // offline: no new attempt

    rig.link.goOnline();
    rig.sender.pump();
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.cmidOf(1), cmid.bytes());
    QCOMPARE(rig.bodyOf(1), rig.bodyOf(0)); // byte-identical: the relay deduplicates it
    QCOMPARE(rig.unsent().at(0).attempts, 2);

    rig.link.reply(1, sendReply(9));
    QVERIFY(rig.unsent().isEmpty());
    QCOMPARE(sent.size(), 1);
    QCOMPARE(valueOf(rig.temp.store->timeline().latest(kConv, 10)).size(), 1);
    rig.sender.pump();
    QCOMPARE(rig.link.sent().size(), 2);
}

void TestOutboxSenderUnit::transientRefusalIsRetried() {
    QFETCH_GLOBAL(bool, inMemory);
    Rig rig(inMemory);
    rig.link.goOnline();
    const auto cmid = rig.enqueue(u"busy relay"_s);
    rig.link.fail(0, protocol::ErrorCode::RateLimited, u"slow down"_s);
    QCOMPARE(rig.unsent().at(0).state, store::OutboxState::Pending);
    rig.sender.pump(); // what the retry timer does
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.cmidOf(1), cmid.bytes());
    QCOMPARE(rig.bodyOf(1), rig.bodyOf(0));
    rig.link.fail(1, protocol::ErrorCode::Internal);
    rig.sender.pump();
    QCOMPARE(rig.cmidOf(2), cmid.bytes());
    rig.link.reply(2, sendReply(3));
    QVERIFY(rig.unsent().isEmpty());
}

void TestOutboxSenderUnit::permanentRefusalMarksFailed() {
    QFETCH_GLOBAL(bool, inMemory);
    Rig rig(inMemory);
    QSignalSpy changed(&rig.sender, &engine::OutboxSender::outboxChanged);
    rig.link.goOnline();
    const auto refused = rig.enqueue(u"not allowed"_s);
    const auto next = rig.enqueue(u"next one"_s);
    QCOMPARE(rig.link.sent().size(), 1);
    rig.link.fail(0, protocol::ErrorCode::NotMember, u"not a member"_s);

    const auto item = valueOf(rig.outbox.item(1));
    QCOMPARE(item->cmid, std::optional(refused));
    QCOMPARE(item->state, store::OutboxState::Failed);
    QVERIFY(item->lastError.contains(u"not_member"_s));
    QVERIFY(changed.size() >= 3); // two enqueues and the failure
    // The queue moves on, and the failed one is not sent again by itself.
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.cmidOf(1), next.bytes());
    rig.link.reply(1, sendReply(4));
    rig.sender.pump();
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.unsent().size(), 1);
    QCOMPARE(rig.unsent().at(0).state, store::OutboxState::Failed);
}

void TestOutboxSenderUnit::oneInFlightInOrder() {
    QFETCH_GLOBAL(bool, inMemory);
    Rig rig(inMemory);
    QList<QByteArray> queued;
    queued.append(rig.enqueue(u"first"_s).bytes());
    queued.append(rig.enqueue(u"elsewhere"_s, kOther).bytes());
    queued.append(rig.enqueue(u"third"_s).bytes());
    rig.link.goOnline();
    rig.sender.pump();
    QCOMPARE(rig.link.pending(), QList<qsizetype>{0});
    QCOMPARE(rig.cmidOf(0), queued[0]);

    // A lost reply for the first: it goes again before the others.
    rig.link.fail(0, protocol::ErrorCode::Unavailable);
    rig.sender.pump();
    QCOMPARE(rig.cmidOf(1), queued[0]);
    QList<QByteArray> delivered;
    quint64 seq = 10;
    for (qsizetype index = 1; index < rig.link.sent().size(); ++index) {
        QCOMPARE(rig.link.pending(), QList<qsizetype>{index}); // one at a time
        delivered.append(rig.cmidOf(index));
        rig.link.reply(index, sendReply(seq++));
    }
    QCOMPARE(delivered, queued);
    QVERIFY(rig.unsent().isEmpty());
    QCOMPARE(valueOf(rig.temp.store->timeline().latest(kConv, 10)).size(), 2);
    QCOMPARE(valueOf(rig.temp.store->timeline().latest(kOther, 10)).size(), 1);
}

QTEST_GUILESS_MAIN(TestOutboxSenderUnit)
#include "tst_outbox_sender_unit.moc"
