// SPDX-License-Identifier: GPL-3.0-or-later
// A device the relay lists for an account but the account never signed sends many to-device
// messages: each is dropped, and the receiving engine looks the sender's device list up again
// once for that device (it might just have been approved), not once per message.
#include "sync/protocol/protocol.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"
#include "tests/support/test_client.h"

#include <QCborArray>
#include <QTest>
#include <atomic>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

std::atomic<int> g_dropped{0};
QtMessageHandler g_previous = nullptr;

void countDrops(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (message.contains(u"dropped a to-device message from an untrusted device"_s))
        ++g_dropped;
    if (g_previous)
        g_previous(type, context, message);
}

//! `devices` requests for `user` among the frames a client sent.
int deviceFetches(const EvilProxy &proxy, const QString &user) {
    int count = 0;
    for (const QByteArray &frame : proxy.clientFrames()) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() == protocol::type::kDevices &&
            map.value("user"_L1).toString() == user)
            ++count;
    }
    return count;
}

} // namespace

class TstUntrustedSender final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        g_previous = qInstallMessageHandler(countDrops);
        QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void unsignedDeviceIsLookedUpOnce() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice"_s), QString());
        QCOMPARE(bob.registerAccount(proxy.url(), u"bob"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob"_s});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"hello"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).size() == 1; }, kEngineWaitMs));

        // A device added with the password but never signed onto alice's list.
        TestClient rogue;
        QVERIFY(rogue.connect(m_relay.wsUrl()));
        auto credentials = rogue.addDevice(u"alice"_s, QString::fromLatin1(kTestPassword));
        QVERIFY2(credentials, qPrintable(credentials ? QString() : credentials.error().message));
        QVERIFY(rogue.authenticate(credentials.value()));

        const int fetchesBefore = deviceFetches(proxy, u"alice"_s);
        const int droppedBefore = g_dropped;
        constexpr int kMessages = 20;
        for (int i = 0; i < kMessages; ++i) {
            QCborMap message;
            message.insert("user"_L1, u"bob"_s);
            message.insert("device"_L1, static_cast<qint64>(bob->device().value));
            message.insert("body"_L1, QByteArray(120, char('a' + i)));
            QCborMap fields;
            fields.insert("messages"_L1, QCborArray{message});
            QVERIFY(rogue.call(protocol::type::kToDevice, fields));
        }
        QVERIFY2(
            QTest::qWaitFor([&] { return g_dropped - droppedBefore >= kMessages; }, kEngineWaitMs),
            qPrintable(QString::number(g_dropped - droppedBefore)));
        const int fetches = deviceFetches(proxy, u"alice"_s) - fetchesBefore;
        QVERIFY2(fetches >= 1 && fetches <= 2, qPrintable(QString::number(fetches)));
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstUntrustedSender)
#include "tst_untrusted_sender.moc"
