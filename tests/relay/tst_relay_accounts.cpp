// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts, devices and the connection lifecycle against the real relay: hello, register,
// add_device, auth and what is allowed before each.
#include "sync/protocol/auth_challenge.h"
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QCborArray>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QCborMap helloFields(quint64 version) {
    QCborMap fields;
    fields.insert("version"_L1, static_cast<qint64>(version));
    return fields;
}

//! An auth request signed by `key` over the challenge for (`nonce`, `user`, `device`).
ProtocolResult<Frame> authWith(TestClient &client, const QString &user, quint64 device,
                               const crypto::SigningKeyPair &key, const QByteArray &nonce) {
    QCborMap fields;
    fields.insert("user"_L1, user);
    fields.insert("device"_L1, static_cast<qint64>(device));
    fields.insert("sig"_L1, key.sign(protocol::authChallenge(nonce, user, device)));
    return client.call(protocol::type::kAuth, fields);
}

} // namespace

class TestRelayAccounts final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void helloReplyDescribesTheRelay() {
        RawSocket socket;
        QVERIFY(socket.open(m_fixture.relay().wsUrl()));
        const auto reply = socket.request(protocol::type::kHello, 1, helloFields(1));
        QVERIFY(reply);
        QCOMPARE(reply->type(), QString(protocol::type::kOk));
        QCOMPARE(reply->uint("version"_L1), protocol::kProtocolVersion);
        QCOMPARE(reply->text("relay"_L1), u"hearth-relay/0.1.0"_s);
        QCOMPARE(reply->bytes("nonce"_L1).size(), protocol::kNonceSize);
        QVERIFY(reply->value("caps"_L1).isArray());
        QCOMPARE(reply->text("registration"_L1), u"open"_s);
        // Every limit is announced (a missing one would read back as its default).
        QCOMPARE(reply->value("limits"_L1).toMap(), protocol::Limits{}.toCbor());
    }

    void everyConnectionGetsAFreshNonce() {
        auto first = m_fixture.connect();
        auto second = m_fixture.connect();
        QVERIFY(first && second);
        QCOMPARE(first->connection().nonce().size(), protocol::kNonceSize);
        QVERIFY(first->connection().nonce() != second->connection().nonce());
    }

    void requestsBeforeHelloAreRefused_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QCborMap>("fields");
        QTest::newRow("register") << QString(protocol::type::kRegister)
                                  << credentialsFields(u"early"_s, kPassword);
        QTest::newRow("convs") << QString(protocol::type::kConversations) << QCborMap();
    }
    void requestsBeforeHelloAreRefused() {
        QFETCH(QString, type);
        QFETCH(QCborMap, fields);
        RawSocket socket;
        QVERIFY(socket.open(m_fixture.relay().wsUrl()));
        const auto reply = socket.request(QLatin1StringView(type.toLatin1()), 7, fields);
        QVERIFY(reply);
        QCOMPARE(reply->toError().code, protocol::ErrorCode::HelloRequired);
        // The refused request did nothing: hello still works.
        const auto hello = socket.request(protocol::type::kHello, 8, helloFields(1));
        QVERIFY(hello);
        QCOMPARE(hello->type(), QString(protocol::type::kOk));
    }

    void unsupportedVersionCanBeRetried() {
        RawSocket socket;
        QVERIFY(socket.open(m_fixture.relay().wsUrl()));
        const auto refused = socket.request(protocol::type::kHello, 1, helloFields(2));
        QVERIFY(refused);
        QCOMPARE(refused->toError().code, protocol::ErrorCode::UnsupportedVersion);
        const auto accepted = socket.request(protocol::type::kHello, 2, helloFields(1));
        QVERIFY(accepted);
        QCOMPARE(accepted->type(), QString(protocol::type::kOk));
    }

    void helloTwiceIsInvalid() {
        auto client = m_fixture.connect();
        QVERIFY(client);
        HEARTH_COMPARE_CODE(client->call(protocol::type::kHello, helloFields(1)),
                            "invalid_argument"_L1);
    }

    void requestsBeforeAuthAreRefused_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QCborMap>("fields");
        QCborMap devices;
        devices.insert("user"_L1, u"someone"_s);
        QTest::newRow("devices") << QString(protocol::type::kDevices) << devices;
        QTest::newRow("convs") << QString(protocol::type::kConversations) << QCborMap();
        QCborMap createConv = createConvFields(protocol::kind::kGroup, {});
        createConv.insert("op"_L1, QByteArray("well-formed enough for the schema"));
        QTest::newRow("create_conv") << QString(protocol::type::kCreateConversation) << createConv;
        QTest::newRow("send") << QString(protocol::type::kSend)
                              << sendFields(1, QByteArray("secret"));
        QCborMap inbox;
        QTest::newRow("inbox") << QString(protocol::type::kInbox) << inbox;
        QCborMap presence;
        presence.insert("status"_L1, u"away"_s);
        QTest::newRow("presence") << QString(protocol::type::kPresence) << presence;
    }
    void requestsBeforeAuthAreRefused() {
        QFETCH(QString, type);
        QFETCH(QCborMap, fields);
        auto client = m_fixture.connect();
        QVERIFY(client);
        HEARTH_COMPARE_CODE(client->call(QLatin1StringView(type.toLatin1()), fields),
                            "not_authenticated"_L1);
    }

    void registerChecksUsername_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("code");
        QTest::newRow("shortest") << u"abc"_s << u"ok"_s;
        QTest::newRow("longest") << QString(32, u'z') << u"ok"_s;
        QTest::newRow("punctuation") << u"a.b-c_d"_s << u"ok"_s;
        QTest::newRow("leading digit") << u"0day"_s << u"ok"_s;
        QTest::newRow("too short") << u"ab"_s << u"invalid_username"_s;
        QTest::newRow("too long") << QString(33, u'y') << u"invalid_username"_s;
        QTest::newRow("upper case") << u"Alice"_s << u"invalid_username"_s;
        QTest::newRow("leading dash") << u"-abc"_s << u"invalid_username"_s;
        QTest::newRow("leading dot") << u".abc"_s << u"invalid_username"_s;
        QTest::newRow("space") << u"a b c"_s << u"invalid_username"_s;
        QTest::newRow("non-ascii") << u"j\u00fcrgen"_s << u"invalid_username"_s;
    }
    void registerChecksUsername() {
        QFETCH(QString, user);
        QFETCH(QString, code);
        auto client = m_fixture.connect();
        QVERIFY(client);
        const ProtocolResult<Frame> reply =
            client->call(protocol::type::kRegister, credentialsFields(user, kPassword));
        HEARTH_COMPARE_CODE(reply, code);
        if (reply)
            QCOMPARE(reply.value().text("user"_L1), user);
    }

    void registerChecksPasswordBytes_data() {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QString() << u"invalid_password"_s;
        QTest::newRow("7 bytes") << u"1234567"_s << u"invalid_password"_s;
        QTest::newRow("8 bytes") << u"12345678"_s << u"ok"_s;
        QTest::newRow("4 chars, 8 bytes") << u"\u00e4\u00e4\u00e4\u00e4"_s << u"ok"_s;
        QTest::newRow("3 chars, 6 bytes") << u"\u00e4\u00e4\u00e4"_s << u"invalid_password"_s;
        QTest::newRow("1024 bytes") << QString(1024, u'p') << u"ok"_s;
        QTest::newRow("1025 bytes") << QString(1025, u'p') << u"invalid_password"_s;
    }
    void registerChecksPasswordBytes() {
        QFETCH(QString, password);
        QFETCH(QString, code);
        auto client = m_fixture.connect();
        QVERIFY(client);
        HEARTH_COMPARE_CODE(client->call(protocol::type::kRegister,
                                         credentialsFields(m_fixture.freshUser(), password)),
                            code);
    }

    void registerDoesNotAuthenticate() {
        auto client = m_fixture.connect();
        QVERIFY(client);
        HEARTH_VERIFY_OK(client->call(protocol::type::kRegister,
                                      credentialsFields(m_fixture.freshUser(), kPassword)));
        HEARTH_COMPARE_CODE(client->call(protocol::type::kConversations), "not_authenticated"_L1);
    }

    void takenUsernameIsRefused() {
        auto client = m_fixture.connect();
        QVERIFY(client);
        const QString user = m_fixture.freshUser();
        HEARTH_VERIFY_OK(
            client->call(protocol::type::kRegister, credentialsFields(user, kPassword)));
        HEARTH_COMPARE_CODE(
            client->call(protocol::type::kRegister, credentialsFields(user, u"other password"_s)),
            "user_exists"_L1);
    }

    void addDeviceAssignsDistinctIds() {
        auto client = m_fixture.connect();
        QVERIFY(client);
        const QString user = m_fixture.freshUser();
        const auto first = client->registerAndAddDevice(user, kPassword);
        HEARTH_VERIFY_OK(first);
        const auto second = client->addDevice(user, kPassword, QString()); // name is optional
        HEARTH_VERIFY_OK(second);
        QVERIFY(first.value().device > 0);
        QVERIFY(second.value().device > 0);
        QVERIFY(first.value().device != second.value().device);
        // add_device does not authenticate either.
        HEARTH_COMPARE_CODE(client->call(protocol::type::kConversations), "not_authenticated"_L1);
    }

    void addDeviceRefusesBadCredentials_data() {
        QTest::addColumn<bool>("knownUser");
        QTest::newRow("wrong password") << true;
        QTest::newRow("unknown user") << false;
    }
    void addDeviceRefusesBadCredentials() {
        QFETCH(bool, knownUser);
        auto client = m_fixture.connect();
        QVERIFY(client);
        const QString user = m_fixture.freshUser();
        if (knownUser) {
            HEARTH_VERIFY_OK(
                client->call(protocol::type::kRegister, credentialsFields(user, kPassword)));
        }
        const auto device = client->addDevice(user, u"not the password"_s);
        QVERIFY(!device);
        QCOMPARE(device.error().code, protocol::ErrorCode::AuthFailed);
    }

    void authSucceedsWithTheDeviceKey() {
        auto client = m_fixture.connect();
        QVERIFY(client);
        const auto credentials = client->registerAndAddDevice(m_fixture.freshUser(), kPassword);
        HEARTH_VERIFY_OK(credentials);
        const ProtocolResult<Frame> auth = client->authenticate(credentials.value());
        HEARTH_VERIFY_OK(auth);
        QCOMPARE(auth.value().text("user"_L1), credentials.value().user);
        QCOMPARE(auth.value().uint("device"_L1), credentials.value().device);
        HEARTH_VERIFY_OK(client->call(protocol::type::kConversations));
        HEARTH_COMPARE_CODE(client->authenticate(credentials.value()), "already_authenticated"_L1);
    }

    void forgedAuthFails_data() {
        QTest::addColumn<QString>("forgery");
        QTest::newRow("signed by another key") << u"other key"_s;
        QTest::newRow("signed over another nonce") << u"other nonce"_s;
        QTest::newRow("another user's device") << u"other user"_s;
        QTest::newRow("unknown device") << u"unknown device"_s;
    }
    void forgedAuthFails() {
        QFETCH(QString, forgery);
        auto setup = m_fixture.connect();
        QVERIFY(setup);
        const auto victim = setup->registerAndAddDevice(m_fixture.freshUser(), kPassword);
        const auto attacker = setup->registerAndAddDevice(m_fixture.freshUser(), kPassword);
        HEARTH_VERIFY_OK(victim);
        HEARTH_VERIFY_OK(attacker);
        const engine::DeviceCredentials &v = victim.value();

        auto client = m_fixture.connect();
        QVERIFY(client);
        const QByteArray nonce = client->connection().nonce();
        ProtocolResult<Frame> auth = protocol::ProtocolError{};
        if (forgery == u"other key"_s) {
            const auto stranger = crypto::SigningKeyPair::generate();
            auth = authWith(*client, v.user, v.device, stranger, nonce);
        } else if (forgery == u"other nonce"_s) {
            auth = authWith(*client, v.user, v.device, *v.signingKey, randomBytes(nonce.size()));
        } else if (forgery == u"other user"_s) {
            // A valid signature by the victim's device key, but claimed for another account.
            auth = authWith(*client, attacker.value().user, v.device, *v.signingKey, nonce);
        } else {
            auth = authWith(*client, v.user, v.device + 1000000, *v.signingKey, nonce);
        }
        HEARTH_COMPARE_CODE(auth, "auth_failed"_L1);
        HEARTH_COMPARE_CODE(client->call(protocol::type::kConversations), "not_authenticated"_L1);
    }

    void devicesListsPublishedKeys() {
        auto owner = m_fixture.signUp();
        QVERIFY(owner);
        const auto second = owner->client->addDevice(owner->user(), kPassword, u"laptop"_s);
        HEARTH_VERIFY_OK(second);
        auto other = m_fixture.signUp();
        QVERIFY(other);

        QCborMap fields;
        fields.insert("user"_L1, owner->user());
        // Another user sees them too: that is how senders find keys to encrypt to.
        const ProtocolResult<Frame> reply = (*other)->call(protocol::type::kDevices, fields);
        HEARTH_VERIFY_OK(reply);
        const QCborArray devices = reply.value().array("devices"_L1);
        QCOMPARE(devices.size(), 2);
        const std::initializer_list<const engine::DeviceCredentials *> expected = {
            &owner->credentials, &second.value()};
        for (const engine::DeviceCredentials *credentials : expected) {
            const auto it = std::find_if(devices.begin(), devices.end(), [&](const QCborValue &d) {
                return d.toMap().value("device"_L1).toInteger() ==
                       static_cast<qint64>(credentials->device);
            });
            QVERIFY2(it != devices.end(), "a registered device is missing");
            const QCborMap device = (*it).toMap();
            QCOMPARE(device.value("sign_key"_L1).toByteArray(),
                     credentials->signingKey->publicKey());
            QCOMPARE(device.value("dh_key"_L1).toByteArray(), credentials->dhKey->publicKey());
            QVERIFY(device.value("created"_L1).toInteger() > 0);
            if (credentials == &second.value())
                QCOMPARE(device.value("name"_L1).toString(), u"laptop"_s);
        }
    }

    void tooManyDevicesIsRefused() {
        RelayFixture limited(limitArgs({{"max_devices_per_user"_L1, 2}}));
        QVERIFY(limited.start());
        auto client = limited.connect();
        QVERIFY(client);
        QCOMPARE(client->connection().limits().maxDevicesPerUser, 2);
        const QString user = limited.freshUser();
        HEARTH_VERIFY_OK(client->registerAndAddDevice(user, kPassword));
        HEARTH_VERIFY_OK(client->addDevice(user, kPassword));
        const auto third = client->addDevice(user, kPassword);
        QVERIFY(!third);
        QCOMPARE(third.error().code, protocol::ErrorCode::TooManyDevices);
    }

    void registrationModes_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("invite");
        QTest::addColumn<QString>("code");
        QTest::newRow("closed") << u"closed"_s << QString() << u"registration_closed"_s;
        QTest::newRow("invite, none given") << u"invite"_s << QString() << u"invalid_invite"_s;
        QTest::newRow("invite, unknown")
            << u"invite"_s << u"not-an-invite"_s << u"invalid_invite"_s;
    }
    void registrationModes() {
        QFETCH(QString, mode);
        QFETCH(QString, invite);
        QFETCH(QString, code);
        RelayFixture restricted({u"--registration"_s, mode});
        QVERIFY(restricted.start());
        RawSocket socket;
        QVERIFY(socket.open(restricted.relay().wsUrl()));
        const auto hello = socket.request(protocol::type::kHello, 1, helloFields(1));
        QVERIFY(hello);
        QCOMPARE(hello->text("registration"_L1), mode);
        QCborMap fields = credentialsFields(restricted.freshUser(), kPassword);
        if (!invite.isEmpty())
            fields.insert("invite"_L1, invite);
        const auto reply = socket.request(protocol::type::kRegister, 2, fields);
        QVERIFY(reply);
        QCOMPARE(reply->text("code"_L1), code);
    }

private:
    RelayFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestRelayAccounts)
#include "tst_relay_accounts.moc"
