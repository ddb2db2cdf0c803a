// SPDX-License-Identifier: GPL-3.0-or-later
// Group session storage: the SQL store and the in-memory one follow the same rules.
#include "crypto/secret_view.h"
#include "store_test_support.h"
#include "sync/store/memory_session_store.h"

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

namespace {

crypto::SecretBytes secret(QByteArrayView bytes) {
    return crypto::SecretBytes::fromBytes(bytes);
}

QByteArray bytesOf(const crypto::SecretBytes &secret) {
    return crypto::secretView(secret).toByteArray();
}

void checkRules(SessionStore &sessions) {
    const auto first = crypto::SessionId::generate();
    const auto second = crypto::SessionId::generate();
    QCOMPARE(valueOf(sessions.outbound(kConv)), std::nullopt);
    STORE_OK(sessions.saveOutbound({kConv, first, secret("state-1"), 100, 0}));
    STORE_OK(sessions.saveOutbound({kConv, first, secret("state-1b"), 100, 5}));
    auto outbound = valueOf(sessions.outbound(kConv));
    QVERIFY(outbound);
    QCOMPARE(outbound->sessionId, first);
    QCOMPARE(bytesOf(outbound->state), QByteArray("state-1b"));
    QCOMPARE(outbound->messageCount, 5u);
    QCOMPARE(outbound->createdTs, 100);
    STORE_OK(sessions.saveOutbound({kConv, second, secret("state-2"), 200, 0})); // rotation
    QCOMPARE(valueOf(sessions.outbound(kConv))->sessionId, second);
    STORE_OK(sessions.removeOutbound(kConv));
    QCOMPARE(valueOf(sessions.outbound(kConv)), std::nullopt);

    const DeviceAddress alice{kAlice, DeviceId{11}};
    QCOMPARE(valueOf(sessions.inbound(kConv, alice.device, first)), std::nullopt);
    QVERIFY(valueOf(sessions.saveInbound({kConv, alice, first, secret("at-5"), 5, 1})));
    // A copy from a later index does not replace the one that reaches further back…
    QVERIFY(!valueOf(sessions.saveInbound({kConv, alice, first, secret("at-9"), 9, 2})));
    // …one from the same index does (the ratchet cursor moved on)…
    QVERIFY(valueOf(sessions.saveInbound({kConv, alice, first, secret("at-5b"), 5, 3})));
    // …and one starting earlier never does: the share from index 5 is all this device gets.
    QVERIFY(!valueOf(sessions.saveInbound({kConv, alice, first, secret("at-0"), 0, 4})));
    QVERIFY(!valueOf(sessions.saveInbound({kConv, alice, first, secret("at-4"), 4, 5})));
    auto inbound = valueOf(sessions.inbound(kConv, alice.device, first));
    QVERIFY(inbound);
    QCOMPARE(bytesOf(inbound->state), QByteArray("at-5b"));
    QCOMPARE(inbound->firstIndex, 5u);
    QCOMPARE(inbound->sender, alice);
    QCOMPARE(valueOf(sessions.inbound(kConv, DeviceId{12}, first)), std::nullopt);
    QCOMPARE(valueOf(sessions.inbound(ConversationId{99}, alice.device, first)), std::nullopt);

    const DeviceAddress bob{kBob, DeviceId{12}};
    const DeviceAddress carol{UserId{u"carol"_s}, DeviceId{13}};
    STORE_OK(sessions.recordShares(kConv, first, {bob, alice}, 3, 1));
    STORE_OK(sessions.recordShares(kConv, first, {alice, carol}, 8, 2));
    QCOMPARE(valueOf(sessions.shares(kConv, first)), (QList<DeviceAddress>{alice, bob, carol}));
    QVERIFY(valueOf(sessions.shares(kConv, second)).isEmpty());
    // Each device keeps the index of its first share: a second share never moves it back.
    QCOMPARE(valueOf(sessions.sharedIndex(kConv, first, alice)), std::optional<quint32>(3));
    QCOMPARE(valueOf(sessions.sharedIndex(kConv, first, bob)), std::optional<quint32>(3));
    QCOMPARE(valueOf(sessions.sharedIndex(kConv, first, carol)), std::optional<quint32>(8));
    QCOMPARE(valueOf(sessions.sharedIndex(kConv, second, carol)), std::nullopt);
    QCOMPARE(valueOf(sessions.sharedIndex(ConversationId{99}, first, carol)), std::nullopt);
}

} // namespace

class TestSessions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rulesSql();
    void rulesMemory();
    void survivesRestart();
};

void TestSessions::rulesSql() {
    TempProfile temp;
    checkRules(temp.store->sessions());
}

void TestSessions::rulesMemory() {
    MemorySessionStore sessions;
    checkRules(sessions);
}

void TestSessions::survivesRestart() {
    TempProfile temp;
    const auto id = crypto::SessionId::generate();
    STORE_OK(temp.store->sessions().saveOutbound({kConv, id, secret("outbound"), 1, 3}));
    temp.reopen();
    auto outbound = valueOf(temp.store->sessions().outbound(kConv));
    QVERIFY(outbound);
    QCOMPARE(bytesOf(outbound->state), QByteArray("outbound"));
}

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
