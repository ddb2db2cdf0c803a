// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-cli end to end against the real relay: init, register, create, send (argument and
// stdin), export (JSON and HTML, date ranges) from both members' profiles, export-account, and
// the exit codes of errors.
#include "tests/support/relay_process.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QString &profile, const QStringList &arguments, const QByteArray &input = {},
        const QString &passphrase = u"cli passphrase"_s) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HEARTH_PASSPHRASE"_s, passphrase);
    env.insert(u"HEARTH_PASSWORD"_s, u"cli-password-123"_s);
    process.setProcessEnvironment(env);
    process.start(QString::fromUtf8(HEARTH_CLI_BINARY),
                  QStringList{u"--profile"_s, profile, u"--timeout"_s, u"20"_s} + arguments);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QJsonArray messagesOf(const QByteArray &json) {
    QJsonArray messages;
    for (const QJsonValue &event : QJsonDocument::fromJson(json).object()[u"events"_s].toArray()) {
        if (event[u"kind"_s].toString() == u"message"_s)
            messages.append(event);
    }
    return messages;
}

//! export's options and export-account, once the conversation holds two messages from alice.
void checkExports(const QString &alice, const QString &bob, const QString &conv,
                  const QString &dir) {
    const QJsonArray received = messagesOf(cli(bob, {u"export"_s, conv}).out);
    QCOMPARE(received.size(), 2);
    QCOMPARE(received[0][u"signature"_s].toString(), u"verified"_s);
    QCOMPARE(messagesOf(cli(alice, {u"export"_s, conv}).out)[0][u"signature"_s].toString(),
             u"this_device"_s);

    const QString html = dir + u"/ops.html"_s;
    Run written = cli(bob, {u"export"_s, conv, u"--format"_s, u"html"_s, u"--output"_s, html});
    QVERIFY2(written.exitCode == 0, written.err.constData());
    QVERIFY(written.out.isEmpty());
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QByteArray body = page.readAll();
    QVERIFY(body.startsWith("<!DOCTYPE html>"));
    QVERIFY(body.contains("hello from the command line"));
    QVERIFY(body.contains("and this came from stdin"));

    // why: a day on either side, so a run across midnight passes too.
    const QString from = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
    const QString to = QDate::currentDate().addDays(1).toString(Qt::ISODate);
    QCOMPARE(messagesOf(cli(bob, {u"export"_s, conv, u"--from"_s, from, u"--to"_s, to}).out).size(),
             2);
    QCOMPARE(messagesOf(cli(bob, {u"export"_s, conv, u"--from"_s, u"2999-01-01"_s}).out).size(), 0);
    QCOMPARE(cli(bob, {u"export"_s, conv, u"--from"_s, u"yesterday"_s}).exitCode, 1);
    QCOMPARE(cli(bob, {u"export"_s, conv, u"--format"_s, u"pdf"_s}).exitCode, 1);
    QCOMPARE(cli(bob, {u"export"_s, u"999"_s}).exitCode, 1);

    Run account = cli(bob, {u"export-account"_s});
    QVERIFY2(account.exitCode == 0, account.err.constData());
    const QJsonObject archive = QJsonDocument::fromJson(account.out).object();
    QCOMPARE(archive[u"account"_s][u"user"_s].toString(), u"bob"_s);
    QVERIFY(!archive[u"devices"_s].toArray().isEmpty());
    const QJsonArray conversations = archive[u"conversations"_s].toArray();
    QCOMPARE(conversations.size(), 1);
    QCOMPARE(conversations[0][u"conv"_s].toInteger(), conv.toLongLong());
    QCOMPARE(conversations[0][u"title"_s].toString(), u"Ops"_s);
}

} // namespace

class TstCli final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void endToEnd() {
        hearth::test::RelayProcess relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        const QString url = relay.wsUrl().toString();
        QTemporaryDir dir;
        const QString alice = dir.path() + u"/alice"_s;
        const QString bob = dir.path() + u"/bob"_s;

        QCOMPARE(cli(alice, {u"init"_s, u"--kdf-cost"_s, u"minimum"_s}).exitCode, 0);
        QCOMPARE(cli(alice, {u"init"_s, u"--kdf-cost"_s, u"minimum"_s}).exitCode, 2); // exists
        QCOMPARE(cli(bob, {u"init"_s, u"--kdf-cost"_s, u"minimum"_s}).exitCode, 0);
        Run reg = cli(alice, {u"register"_s, u"alice"_s, u"--relay"_s, url});
        QVERIFY2(reg.exitCode == 0, reg.err.constData());
        QCOMPARE(cli(bob, {u"register"_s, u"bob"_s, u"--relay"_s, url}).exitCode, 0);
        Run taken = cli(dir.path() + u"/x"_s, {u"register"_s, u"bob"_s, u"--relay"_s, url});
        QCOMPARE(taken.exitCode, 2); // no profile there

        Run created = cli(alice, {u"create"_s, u"group"_s, u"--title"_s, u"Ops"_s, u"bob"_s});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QString conv = QString::fromUtf8(created.out).trimmed();
        QVERIFY(conv.toULongLong() > 0);

        Run sent = cli(alice, {u"send"_s, conv, u"hello from the command line"_s});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        QVERIFY(QString::fromUtf8(sent.out).trimmed().toULongLong() > 0);
        Run piped = cli(alice, {u"send"_s, conv}, "and this came from stdin\n");
        QVERIFY2(piped.exitCode == 0, piped.err.constData());

        Run exported = cli(bob, {u"export"_s, conv});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(exported.out).object();
        QCOMPARE(json.value(u"title"_s).toString(), u"Ops"_s);
        QCOMPARE(json.value(u"kind"_s).toString(), u"group"_s);
        QStringList texts;
        for (const QJsonValue &event : json.value(u"events"_s).toArray()) {
            if (event.toObject().value(u"kind"_s).toString() == u"message"_s)
                texts.append(event.toObject().value(u"text"_s).toString());
        }
        QCOMPARE(texts,
                 (QStringList{u"hello from the command line"_s, u"and this came from stdin"_s}));
        checkExports(alice, bob, conv, dir.path());

        Run unread = cli(bob, {u"unread"_s});
        QCOMPARE(unread.exitCode, 0);
        QVERIFY(unread.out.contains(conv.toUtf8() + "\t2"));
        QCOMPARE(cli(bob, {u"read"_s, conv}).exitCode, 0);
        QVERIFY(cli(bob, {u"unread"_s}).out.contains(conv.toUtf8() + "\t0"));

        // Errors.
        Run wrong = cli(alice, {u"convs"_s}, {}, u"not the passphrase"_s);
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY(wrong.err.contains("wrong passphrase"));
        QCOMPARE(cli(alice, {u"frobnicate"_s}).exitCode, 1);
        Run help = cli(alice, {u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("usage: hearth-cli"));
        QCOMPARE(cli(alice, {u"--version"_s}).exitCode, 0);
        QCOMPARE(cli(alice, {u"send"_s, u"not-a-number"_s, u"x"_s}).exitCode, 1);
        Run refused = cli(alice, {u"add-member"_s, conv, u"nobody-here"_s});
        QCOMPARE(refused.exitCode, 5);
        QVERIFY(refused.err.contains("no_such_user"));

        const QString carol = dir.path() + u"/carol"_s;
        QCOMPARE(cli(carol, {u"init"_s, u"--kdf-cost"_s, u"minimum"_s}).exitCode, 0);
        Run nowhere = cli(carol, {u"register"_s, u"carol"_s, u"--relay"_s, u"ws://127.0.0.1:1"_s});
        QCOMPARE(nowhere.exitCode, 4);
        relay.kill();
        Run offline = cli(alice, {u"--timeout"_s, u"2"_s, u"send"_s, conv, u"later"_s});
        QCOMPARE(offline.exitCode, 4);
        QVERIFY(offline.err.contains("queued"));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
