// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-relay's settings: config file first, then the command line; bad values are refused.
#include "relay/relay_config.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hearth::relay;
using namespace Qt::Literals::StringLiterals;

namespace {
std::optional<RelayConfig> parse(const QStringList &args, int *exitCode = nullptr) {
    int code = -1;
    auto config = parseRelayConfig(QStringList{u"hearth-relay"_s} + args, code);
    if (exitCode != nullptr)
        *exitCode = code;
    return config;
}
} // namespace

class TestRelayConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults() {
        const auto config = parse({});
        QVERIFY(config);
        QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config->port, 7300);
        QCOMPARE(config->httpPort, 7301);
        QVERIFY(config->dataDir.endsWith(u"/hearth-relay"_s));
        QCOMPARE(config->registrationName(), u"open"_s);
        QCOMPARE(config->limits, hearth::protocol::Limits{});
    }

    void fileThenCommandLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"relay.conf"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("port=9000\nregistration=invite\nmax_db_bytes=4096\n"
                   "[limits]\nmax_members=50\nrate_burst=7\n");
        file.close();
        const auto config = parse({u"--config"_s, path, u"--port"_s, u"9001"_s, u"--limit"_s,
                                   u"max_members=60"_s, u"--synchronous"_s, u"normal"_s});
        QVERIFY(config);
        QCOMPARE(config->port, 9001); // the command line wins
        QCOMPARE(config->registration, Registration::Invite);
        QCOMPARE(config->maxDatabaseBytes, 4096);
        QCOMPARE(config->limits.maxMembers, 60);
        QCOMPARE(config->limits.rateBurst, 7);
        QCOMPARE(config->durability, Durability::Normal);
    }

    void badValuesAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("port too big") << QStringList{u"--port"_s, u"70000"_s};
        QTest::newRow("negative") << QStringList{u"--max-connections"_s, u"-1"_s};
        QTest::newRow("not an address") << QStringList{u"--listen"_s, u"example"_s};
        QTest::newRow("registration") << QStringList{u"--registration"_s, u"maybe"_s};
        QTest::newRow("unknown limit") << QStringList{u"--limit"_s, u"max_fun=1"_s};
        QTest::newRow("zero limit") << QStringList{u"--limit"_s, u"max_members=0"_s};
        QTest::newRow("limit syntax") << QStringList{u"--limit"_s, u"max_members"_s};
        QTest::newRow("cert without key") << QStringList{u"--tls-cert"_s, u"c.pem"_s};
        QTest::newRow("unknown option") << QStringList{u"--bogus"_s};
    }
    void badValuesAreRefused() {
        QFETCH(QStringList, args);
        int exitCode = 0;
        QVERIFY(!parse(args, &exitCode));
        QCOMPARE(exitCode, 2);
    }

    void unknownFileKeysAreRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"relay.conf"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("prot=9000\n");
        file.close();
        int exitCode = 0;
        QVERIFY(!parse({u"--config"_s, path}, &exitCode));
        QCOMPARE(exitCode, 2);
    }

    void abuseLimits() {
        const auto defaults = parse({});
        QVERIFY(defaults);
        QCOMPARE(defaults->passwordAccountBurst, 10);
        QCOMPARE(defaults->passwordAddressBurst, 30);
        QCOMPARE(defaults->firstContactBurst, 20);
        QCOMPARE(defaults->maxInboxMessages, 10000);

        QTemporaryDir dir;
        const QString path = dir.filePath(u"relay.conf"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("password_account_burst=4\npassword_ip_refill_ms=500\nmax_inbox_messages=9\n");
        file.close();
        const auto config = parse({u"--config"_s, path, u"--first-contact-burst"_s, u"0"_s,
                                   u"--password-ip-burst"_s, u"7"_s});
        QVERIFY(config);
        QCOMPARE(config->passwordAccountBurst, 4);
        QCOMPARE(config->passwordAddressRefillMs, 500);
        QCOMPARE(config->passwordAddressBurst, 7);
        QCOMPARE(config->maxInboxMessages, 9);
        QCOMPARE(config->firstContactBurst, 0); // no first contact at all

        // A password budget of 0 would lock every account out of add_device: refused.
        for (const QString &option : {u"--password-account-burst"_s, u"--password-ip-burst"_s,
                                      u"--max-inbox-messages"_s, u"--first-contact-refill-ms"_s}) {
            int exitCode = 0;
            QVERIFY2(!parse({option, u"0"_s}, &exitCode), qPrintable(option));
            QCOMPARE(exitCode, 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestRelayConfig)
#include "tst_relay_config.moc"
