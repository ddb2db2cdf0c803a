// SPDX-License-Identifier: GPL-3.0-or-later
// A removed member's devices cannot decrypt anything sent after the removal: the sender rotates
// its session and shares the new one with the remaining members' devices only.
#include "crypto/group_envelope.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

class TstRemoval final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void removedMemberCannotDecrypt() {
        RelayProcess relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        EvilProxy proxy(relay.wsUrl()); // records what alice sends
        QVERIFY(proxy.listen());
        TestDevice alice, bob, carol1, carol2;
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice"_s), QString());
        QCOMPARE(bob.registerAccount(relay.wsUrl(), u"bob"_s), QString());
        QCOMPARE(carol1.registerAccount(relay.wsUrl(), u"carol"_s), QString());
        QCOMPARE(addApprovedDevice(carol1, carol2, relay.wsUrl()), QString());
        const auto group = createConversation(alice.engine(), hearth::ConversationKind::Group,
                                              {u"bob"_s, u"carol"_s});
        QVERIFY(group);

        QVERIFY(alice->sendText(*group, u"before removal"_s));
        for (TestDevice *device : {&bob, &carol1, &carol2}) {
            QVERIFY(QTest::qWaitFor(
                [&] { return device->texts(*group) == QStringList{u"before removal"_s}; },
                kEngineWaitMs));
        }
        QCOMPARE(
            await([&](engine::Completion done) { alice->removeMember(*group, u"carol"_s, done); }),
            QString());
        QVERIFY(alice->sendText(*group, u"after removal"_s));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return bob.texts(*group) == QStringList{u"before removal"_s, u"after removal"_s};
            },
            kEngineWaitMs));

        QList<QByteArray> bodies;
        QList<store::ClientMessageId> cmids;
        for (const QByteArray &frame : proxy.clientFrames()) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() == u"send"_s) {
                bodies.append(map.value("body"_L1).toByteArray());
                cmids.append(
                    *store::ClientMessageId::fromBytes(map.value("cmid"_L1).toByteArray()));
            }
        }
        QCOMPARE(bodies.size(), 2);
        const auto first = crypto::peekGroupEnvelope(bodies[0]);
        const auto second = crypto::peekGroupEnvelope(bodies[1]);
        QVERIFY(first && second);
        QVERIFY2(!(first->sessionId == second->sessionId), "no rotation after the removal");

        const hearth::DeviceAddress sender{hearth::UserId{u"alice"_s}, alice->device()};
        for (TestDevice *device : {&carol1, &carol2}) {
            // Control: the message from before the removal opens ...
            auto before = device->engine().decryptBody(*group, sender, cmids[0], bodies[0]);
            QVERIFY(before);
            QCOMPARE(before.value().text, u"before removal"_s);
            // ... the one after it does not, with anything this device holds.
            QVERIFY(!device->engine().decryptBody(*group, sender, cmids[1], bodies[1]));
            QVERIFY(!device->texts(*group).contains(u"after removal"_s));
        }
        // The key of the new session went to bob only.
        bool sharedWithCarol = false;
        for (const QByteArray &frame : proxy.clientFrames()) {
            const QCborMap map = EvilProxy::decode(frame);
            if (map.value("t"_L1).toString() != u"to_device"_s)
                continue;
            for (const QCborValue &message : map.value("messages"_L1).toArray()) {
                if (message.toMap().value("user"_L1).toString() == u"carol"_s)
                    sharedWithCarol = true;
            }
        }
        QVERIFY(sharedWithCarol); // the first session was shared with carol's devices ...
        auto shares = alice->store().sessions().shares(*group, second->sessionId);
        QVERIFY(shares);
        QVERIFY(!shares->isEmpty());
        for (const hearth::DeviceAddress &address : *shares)
            QCOMPARE(address.user.name, u"bob"_s); // ... the second one was not
    }
};

QTEST_GUILESS_MAIN(TstRemoval)
#include "tst_removal.moc"
