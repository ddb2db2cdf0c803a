// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox: order, state transitions, persistence across restarts — the SQL store and the
// in-memory one follow the same rules.
#include "store_test_support.h"
#include "sync/store/memory_outbox_store.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

const ConversationId kOther{8};

//! Enqueues three items (conv, other, conv) and returns their ids.
QList<qint64> enqueueThree(OutboxStore &outbox) {
    QList<qint64> ids;
    for (ConversationId conv : {kConv, kOther, kConv})
        ids.push_back(valueOf(outbox.enqueue(conv, ClientMessageId::generate(),
                                             "payload " + QByteArray::number(ids.size()), 100))
                          .id);
    return ids;
}

QList<qint64> idsOf(const QList<OutboxItem> &items) {
    QList<qint64> ids;
    for (const OutboxItem &item : items)
        ids.push_back(item.id);
    return ids;
}

//! The rules every OutboxStore follows.
void checkRules(OutboxStore &outbox) {
    const QList<qint64> ids = enqueueThree(outbox);
    QVERIFY(ids[0] < ids[1] && ids[1] < ids[2]);
    QCOMPARE(idsOf(valueOf(outbox.unsent())), ids);
    QCOMPARE(idsOf(valueOf(outbox.unsent(kConv))), (QList<qint64>{ids[0], ids[2]}));

    // The same cmid twice is refused.
    const ClientMessageId cmid = *valueOf(outbox.item(ids[0]))->cmid;
    QCOMPARE(errorOf(outbox.enqueue(kConv, cmid, "again", 1)), "Conflict"_L1);

    // Pending → Sending → Sent, idempotent with the same seq.
    STORE_OK(outbox.markSending(ids[0], "envelope"));
    auto item = valueOf(outbox.item(ids[0]));
    QCOMPARE(item->state, OutboxState::Sending);
    QCOMPARE(item->attempts, 1);
    QCOMPARE(item->ciphertext, QByteArray("envelope"));
    QCOMPARE(errorOf(outbox.markSending(ids[0], {})), "InvalidArgument"_L1);
    STORE_OK(outbox.markSent(ids[0], 42, 200));
    STORE_OK(outbox.markSent(ids[0], 42, 200));
    QCOMPARE(errorOf(outbox.markSent(ids[0], 43, 200)), "Conflict"_L1);
    item = valueOf(outbox.item(ids[0]));
    QCOMPARE(item->state, OutboxState::Sent);
    QCOMPARE(item->seq, std::optional<quint64>(42));
    QCOMPARE(errorOf(outbox.retry(ids[0])), "InvalidArgument"_L1); // Sent is final
    QCOMPARE(errorOf(outbox.cancel(ids[0])), "InvalidArgument"_L1);
    QCOMPARE(idsOf(valueOf(outbox.unsent())), (QList<qint64>{ids[1], ids[2]}));

    // Sending → Failed → Pending (retry), keeping the first ciphertext.
    STORE_OK(outbox.markSending(ids[1], "first envelope"));
    STORE_OK(outbox.markFailed(ids[1], u"rate limited"_s));
    QCOMPARE(valueOf(outbox.item(ids[1]))->lastError, u"rate limited"_s);
    QCOMPARE(errorOf(outbox.markSending(ids[1], {})), "InvalidArgument"_L1);
    STORE_OK(outbox.retry(ids[1]));
    STORE_OK(outbox.markSending(ids[1], {}));
    item = valueOf(outbox.item(ids[1]));
    QCOMPARE(item->attempts, 2);
    QCOMPARE(item->ciphertext, QByteArray("first envelope"));

    // A crash while Sending: requeueSending puts it back, in its place.
    QCOMPARE(valueOf(outbox.requeueSending()), 1);
    QCOMPARE(valueOf(outbox.item(ids[1]))->state, OutboxState::Pending);
    QCOMPARE(idsOf(valueOf(outbox.unsent())), (QList<qint64>{ids[1], ids[2]}));

    // Cancel a pending item; unknown ids are NotFound.
    STORE_OK(outbox.cancel(ids[2]));
    QCOMPARE(valueOf(outbox.item(ids[2])), std::nullopt);
    QCOMPARE(errorOf(outbox.markSending(999, {})), "NotFound"_L1);
    QCOMPARE(errorOf(outbox.cancel(999)), "NotFound"_L1);
}

//! Sent items sent before the cut-off leave the outbox; later ones stay.
void checkPurge(OutboxStore &outbox) {
    const QList<qint64> ids = enqueueThree(outbox);
    STORE_OK(outbox.markSent(ids[0], 1, 100));
    STORE_OK(outbox.markSent(ids[1], 1, 500));
    QCOMPARE(valueOf(outbox.purgeSent(200)), 1);
    QCOMPARE(valueOf(outbox.item(ids[0])), std::nullopt);
    QVERIFY(valueOf(outbox.item(ids[1])));
    QVERIFY(valueOf(outbox.item(ids[2]))); // unsent items are never purged
    QCOMPARE(valueOf(outbox.purgeSent(1000)), 1);
    QCOMPARE(idsOf(valueOf(outbox.unsent())), QList<qint64>{ids[2]});
}

} // namespace

class TestOutbox final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rulesSql();
    void rulesMemory();
    void survivesRestart();
    void purgeSent();
};

void TestOutbox::rulesSql() {
    TempProfile temp;
    checkRules(temp.store->outbox());
}

void TestOutbox::rulesMemory() {
    MemoryOutboxStore outbox;
    checkRules(outbox);
}

void TestOutbox::survivesRestart() {
    TempProfile temp;
    const QList<qint64> ids = enqueueThree(temp.store->outbox());
    STORE_OK(temp.store->outbox().markSending(ids[0], "envelope"));
    STORE_OK(temp.store->outbox().markSending(ids[1], {}));
    STORE_OK(temp.store->outbox().markSent(ids[1], 7, 300));
    temp.reopen(); // the app restarts while ids[0] was in flight

    QCOMPARE(valueOf(temp.store->outbox().requeueSending()), 1);
    auto unsent = valueOf(temp.store->outbox().unsent());
    QCOMPARE(idsOf(unsent), (QList<qint64>{ids[0], ids[2]}));
    QCOMPARE(unsent[0].state, OutboxState::Pending);
    QCOMPARE(unsent[0].ciphertext, QByteArray("envelope")); // resent byte for byte
    QCOMPARE(unsent[0].payload, QByteArray("payload 0"));
    QCOMPARE(unsent[1].conversation, kConv);
    auto sent = valueOf(temp.store->outbox().item(ids[1]));
    QCOMPARE(sent->state, OutboxState::Sent);
    QCOMPARE(sent->seq, std::optional<quint64>(7));
    // New items still come after the old ones, even after deleting the newest.
    STORE_OK(temp.store->outbox().cancel(ids[2]));
    temp.reopen();
    const qint64 next =
        valueOf(temp.store->outbox().enqueue(kConv, ClientMessageId::generate(), "n", 1)).id;
    QVERIFY(next > ids[2]);
}

void TestOutbox::purgeSent() {
    TempProfile temp;
    checkPurge(temp.store->outbox());
    MemoryOutboxStore memory;
    checkPurge(memory);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
