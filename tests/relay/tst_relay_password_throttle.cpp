// SPDX-License-Identifier: GPL-3.0-or-later
// Password guessing against the real relay: failed checks are budgeted per account and per
// client address, a refused attempt is answered rate_limited without running Argon2id (the
// /metrics counter of checks does not move), right passwords cost nothing, and enrolled
// devices keep signing in.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

constexpr int kAccountBurst = 3; // --password-account-burst
constexpr int kAddressBurst = 5; // --password-ip-burst
constexpr auto kWrong = "not the password"_L1;

QStringList throttleArgs() {
    // why: a day per token, so no budget refills while a test runs.
    return {u"--password-account-burst"_s,     QString::number(kAccountBurst),
            u"--password-account-refill-ms"_s, u"86400000"_s,
            u"--password-ip-burst"_s,          QString::number(kAddressBurst),
            u"--password-ip-refill-ms"_s,      u"86400000"_s};
}

//! The value of Prometheus sample `sample` (name with labels, as printed), or -1.
qint64 metric(const QUrl &httpUrl, const QString &sample) {
    QNetworkAccessManager manager;
    std::unique_ptr<QNetworkReply> reply(
        manager.get(QNetworkRequest(httpUrl.resolved(QUrl(u"/metrics"_s)))));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kWaitMs))
        return -1;
    const QRegularExpression line(u"^"_s + QRegularExpression::escape(sample) + u" (\\d+)$"_s,
                                  QRegularExpression::MultilineOption);
    const auto match = line.match(QString::fromUtf8(reply->readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

const QString kChecks = u"hearth_password_checks_total"_s;
QString refusals(QLatin1StringView limit) {
    return u"hearth_limit_refusals_total{limit=\"%1\"}"_s.arg(limit);
}

ProtocolResult<engine::DeviceCredentials> addDevice(RelayFixture &fixture, const QString &user,
                                                    QLatin1StringView password) {
    auto client = fixture.connect();
    if (!client)
        return protocol::ProtocolError{protocol::ErrorCode::Unavailable, u"no connection"_s, {}};
    return client->addDevice(user, password);
}

QCborMap removeFields(quint64 device, QLatin1StringView password) {
    QCborMap fields;
    fields.insert("device"_L1, static_cast<qint64>(device));
    fields.insert("password"_L1, password);
    return fields;
}

} // namespace

class TestRelayPasswordThrottle final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rightPasswordsAreNotCounted() {
        RelayFixture fixture(throttleArgs());
        QVERIFY(fixture.start());
        auto alice = fixture.signUp();
        QVERIFY(alice);
        for (int i = 0; i < kAddressBurst + 1; ++i)
            HEARTH_VERIFY_OK(addDevice(fixture, alice->user(), kPassword));
        QCOMPARE(metric(fixture.relay().httpUrl(), refusals("password_account"_L1)), 0);
    }

    void failuresPerAccountAreRefusedWithoutHashing() {
        RelayFixture fixture(throttleArgs());
        QVERIFY(fixture.start());
        auto alice = fixture.signUp();
        auto bob = fixture.signUp();
        QVERIFY(alice && bob);
        for (int i = 0; i < kAccountBurst; ++i)
            HEARTH_COMPARE_CODE(addDevice(fixture, alice->user(), kWrong), "auth_failed"_L1);

        const QUrl http = fixture.relay().httpUrl();
        const qint64 checks = metric(http, kChecks);
        QVERIFY(checks >= kAccountBurst);
        // Now even the right password is refused, unchecked, with a wait to honour.
        auto client = fixture.connect();
        QVERIFY(client);
        QCborMap request = credentialsFields(alice->user(), kPassword);
        request.insert("t"_L1, type::kAddDevice);
        request.insert("sign_key"_L1, randomBytes(32));
        request.insert("dh_key"_L1, randomBytes(32));
        const auto refused = client->waitForRawReply(client->sendRawFrame(request));
        QVERIFY(refused);
        QCOMPARE(refused->text("code"_L1), u"rate_limited"_s);
        QVERIFY(refused->uint("retry_after_ms"_L1) > 0);
        HEARTH_COMPARE_CODE(addDevice(fixture, alice->user(), kPassword), "rate_limited"_L1);
        QCOMPARE(metric(http, kChecks), checks);
        QVERIFY(metric(http, refusals("password_account"_L1)) >= 1);

        // Another account is not affected; nor is alice's enrolled device.
        HEARTH_VERIFY_OK(addDevice(fixture, bob->user(), kPassword));
        QVERIFY(fixture.reconnect(alice->credentials));
    }

    void failuresPerAddressAreRefused() {
        RelayFixture fixture(throttleArgs());
        QVERIFY(fixture.start());
        QStringList users;
        for (int i = 0; i < 3; ++i) {
            auto user = fixture.signUp();
            QVERIFY(user);
            users.append(user->user());
        }
        // Spread over accounts (and unknown names), so no account budget runs out first.
        const QStringList guesses = {users[0], users[1], u"nobody"_s, users[2], users[0]};
        QCOMPARE(guesses.size(), kAddressBurst);
        for (const QString &user : guesses)
            HEARTH_COMPARE_CODE(addDevice(fixture, user, kWrong), "auth_failed"_L1);
        const QUrl http = fixture.relay().httpUrl();
        const qint64 checks = metric(http, kChecks);
        HEARTH_COMPARE_CODE(addDevice(fixture, users[1], kPassword), "rate_limited"_L1);
        HEARTH_COMPARE_CODE(addDevice(fixture, u"someone"_s, kWrong), "rate_limited"_L1);
        QCOMPARE(metric(http, kChecks), checks);
        QCOMPARE(metric(http, refusals("password_address"_L1)), 2);
    }

    void removeDeviceIsThrottledButSignaturesAreNot() {
        RelayFixture fixture(throttleArgs());
        QVERIFY(fixture.start());
        auto phone = fixture.signUp();
        QVERIFY(phone);
        auto laptop = fixture.addDevice(phone->user());
        QVERIFY(laptop);
        for (int i = 0; i < kAccountBurst; ++i)
            HEARTH_COMPARE_CODE(
                laptop->client->call(type::kRemoveDevice, removeFields(phone->id(), kWrong)),
                "auth_failed"_L1);
        const ProtocolResult<Frame> refused =
            laptop->client->call(type::kRemoveDevice, removeFields(phone->id(), kPassword));
        HEARTH_COMPARE_CODE(refused, "rate_limited"_L1);
        // Nothing was removed, and both devices still authenticate by signature.
        QVERIFY(fixture.reconnect(phone->credentials));
        QVERIFY(fixture.reconnect(laptop->credentials));
    }
};

QTEST_GUILESS_MAIN(TestRelayPasswordThrottle)
#include "tst_relay_password_throttle.moc"
