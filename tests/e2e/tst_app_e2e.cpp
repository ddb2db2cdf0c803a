// SPDX-License-Identifier: GPL-3.0-or-later
// The real app, end to end: `hearth` under Xvfb against the real relay (behind a proxy that
// keeps its address across restarts), driven with xdotool like a member would, while bob is
// played by hearth-cli. alice creates her account on the setup page, sees bob's message, answers
// from the composer, goes offline, sends a message that waits, and bob gets it once after the
// relay returns; then she searches for a message of another group and opens it from the hit.
// What the app shows is read back through HEARTH_SNAPSHOT_DIR text dumps
// (app/window_snapshot.h); screenshots of each step are kept in HEARTH_E2E_ARTIFACTS.
#include "tests/engine/evil_proxy.h"
#include "tests/support/relay_process.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kStepTimeoutMs = 60000; // generous: a loaded 2-core machine

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

//! Runs a program to its end while the event loop keeps turning (the proxy lives in this
//! process, so a blocking wait would cut the relay off from every client).
Run runProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &env,
               int timeoutMs = kStepTimeoutMs) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {-1, {}, program.toUtf8() + " did not start"};
    process.closeWriteChannel();
    const QDeadlineTimer deadline(timeoutMs);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(50);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return {-1, {}, program.toUtf8() + " timed out"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

//! Polls `condition` until it holds or `timeoutMs` passes. Not QTRY_*: the conditions here ask
//! the app or the relay for a fresh answer each time, and QTRY evaluates its expression again
//! after success, which a flickering banner could answer differently.
[[nodiscard]] bool waitFor(const std::function<bool()> &condition, int timeoutMs = kStepTimeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(200);
    }
    return true;
}

//! Stops a child process at the end of a test, whatever happened.
void stop(QProcess &process) {
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished();
    }
}

} // namespace

class TstAppE2e final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_artifacts = QStringLiteral(HEARTH_E2E_ARTIFACTS);
    QString m_display;
    QProcess m_xvfb;
    QProcess m_app;
    int m_dumps = 0;

    [[nodiscard]] QProcessEnvironment desktopEnv() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, m_home.path() + u"/data"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.path() + u"/config"_s);
        env.insert(u"XDG_RUNTIME_DIR"_s, m_home.path() + u"/runtime"_s);
        env.insert(u"HEARTH_SNAPSHOT_DIR"_s, m_artifacts);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        env.insert(u"DISPLAY"_s, m_display);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // why: never the developer's keychain
        return env;
    }

    Run cli(const QString &profile, const QStringList &arguments) {
        QProcessEnvironment env = desktopEnv();
        env.insert(u"HEARTH_PASSPHRASE"_s, u"bob passphrase"_s);
        env.insert(u"HEARTH_PASSWORD"_s, u"bob-password-123"_s);
        return runProcess(QStringLiteral(HEARTH_CLI_BINARY),
                          QStringList{u"--profile"_s, profile, u"--timeout"_s, u"30"_s} + arguments,
                          env);
    }

    Run xdotool(const QStringList &arguments) {
        return runProcess(u"xdotool"_s, arguments, desktopEnv());
    }

    //! Writes `line` to the app's request file and waits for `file` (none: no wait).
    [[nodiscard]] bool request(const QString &line, const QString &file) {
        QFile::remove(file);
        const QString path = m_artifacts + u"/request"_s;
        // why: the app reads then removes the file; wait for it to be gone so no line is lost.
        const QDeadlineTimer deadline(kStepTimeoutMs / 2);
        while (QFile::exists(path) && !deadline.hasExpired())
            QTest::qWait(50);
        QFile out(path);
        if (!out.open(QIODevice::Append))
            return false;
        out.write(line.toUtf8() + '\n');
        out.close();
        if (file.isEmpty())
            return true;
        while (!QFile::exists(file) && !deadline.hasExpired())
            QTest::qWait(50);
        return QFile::exists(file);
    }

    [[nodiscard]] bool screenshot(const QString &name) {
        return request(name, m_artifacts + u'/' + name + u".png"_s);
    }

    //! The texts the window shows now, one item per line (empty when the app did not answer).
    [[nodiscard]] QStringList texts() {
        const QString name = u"texts-%1"_s.arg(++m_dumps, 3, 10, QLatin1Char('0'));
        const QString file = m_artifacts + u'/' + name + u".txt"_s;
        if (!request(u"texts:"_s + name, file))
            return {};
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(in.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

    //! Whether the window shows any of `needles` now (false when the app did not answer).
    [[nodiscard]] bool shows(const QStringList &needles) {
        const QStringList lines = texts();
        return std::any_of(lines.cbegin(), lines.cend(), [&](const QString &line) {
            return std::any_of(needles.cbegin(), needles.cend(),
                               [&](const QString &needle) { return line.contains(needle); });
        });
    }
    [[nodiscard]] bool shows(const QString &needle) { return shows(QStringList{needle}); }

    //! Whether the app answered with a window that shows none of `needles`.
    [[nodiscard]] bool showsNone(const QStringList &needles) {
        const QStringList lines = texts();
        return !lines.isEmpty() &&
               std::none_of(lines.cbegin(), lines.cend(), [&](const QString &line) {
                   return std::any_of(needles.cbegin(), needles.cend(),
                                      [&](const QString &needle) { return line.contains(needle); });
               });
    }

    //! The app's window id, once it is mapped.
    [[nodiscard]] QString window() {
        const Run found = xdotool({u"search"_s, u"--onlyvisible"_s, u"--name"_s, u"Hearth"_s});
        return found.exitCode == 0 ? QString::fromUtf8(found.out).split(u'\n').value(0).trimmed()
                                   : QString();
    }

    [[nodiscard]] bool type(const QString &text) {
        return xdotool({u"type"_s, u"--delay"_s, u"20"_s, text}).exitCode == 0 &&
               xdotool({u"key"_s, u"Return"_s}).exitCode == 0;
    }

    //! Clicks into the composer: the bottom of the middle column (its place in every layout).
    [[nodiscard]] bool focusComposer(const QString &windowId) {
        const Run geometry = xdotool({u"getwindowgeometry"_s, u"--shell"_s, windowId});
        int width = 0;
        int height = 0;
        for (const QByteArray &line : geometry.out.split('\n')) {
            if (line.startsWith("WIDTH="))
                width = line.mid(6).toInt();
            else if (line.startsWith("HEIGHT="))
                height = line.mid(7).toInt();
        }
        if (width == 0 || height == 0)
            return false;
        return xdotool({u"mousemove"_s, u"--window"_s, windowId, QString::number(width / 2),
                        QString::number(height - 38), u"click"_s, u"1"_s})
                   .exitCode == 0;
    }

    //! How many of bob's copies of the conversation's messages have exactly `text`.
    int bobCount(const QString &bob, const QString &conv, const QString &text) {
        const Run exported = cli(bob, {u"export"_s, conv});
        if (exported.exitCode != 0)
            return -1;
        int count = 0;
        const QJsonArray events =
            QJsonDocument::fromJson(exported.out).object().value(u"events"_s).toArray();
        for (const QJsonValue &event : events)
            count += event.toObject().value(u"text"_s).toString() == text ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(!QStandardPaths::findExecutable(u"Xvfb"_s).isEmpty(), "Xvfb is not installed");
        QVERIFY2(!QStandardPaths::findExecutable(u"xdotool"_s).isEmpty(),
                 "xdotool is not installed");
        QVERIFY(m_home.isValid());
        for (const char *dir : {"data", "config", "runtime"})
            QVERIFY(QDir(m_home.path()).mkpath(QString::fromLatin1(dir)));
        QFile::setPermissions(m_home.path() + u"/runtime"_s, QFileDevice::ReadOwner |
                                                                 QFileDevice::WriteOwner |
                                                                 QFileDevice::ExeOwner);
        QDir(m_artifacts).removeRecursively();
        QVERIFY(QDir().mkpath(m_artifacts));
        qInfo("screenshots and text dumps: %s", qPrintable(m_artifacts));

        int number = 90 + int(QCoreApplication::applicationPid() % 100);
        while (QFile::exists(u"/tmp/.X11-unix/X%1"_s.arg(number)) ||
               QFile::exists(u"/tmp/.X%1-lock"_s.arg(number)))
            ++number;
        m_display = u":%1"_s.arg(number);
        m_xvfb.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_xvfb.start(u"Xvfb"_s,
                     {m_display, u"-screen"_s, u"0"_s, u"1280x800x24"_s, u"-nolisten"_s, u"tcp"_s});
        QVERIFY2(m_xvfb.waitForStarted(), "Xvfb did not start");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(u"/tmp/.X11-unix/X%1"_s.arg(number)), 30000);
    }

    void cleanupTestCase() {
        stop(m_app);
        stop(m_xvfb);
    }

    void memberSeesSendsAndSendsOffline() {
        hearth::test::RelayProcess relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        hearth::test::EvilProxy proxy(relay.wsUrl());
        QVERIFY(proxy.listen());
        const QString url = proxy.url().toString();

        // alice creates her account on the app's setup page, typing like a member.
        m_app.setProcessEnvironment(desktopEnv());
        m_app.setProcessChannelMode(QProcess::ForwardedChannels);
        m_app.start(QStringLiteral(HEARTH_APP_BINARY),
                    {u"--relay"_s, url, u"--profile"_s, m_home.path() + u"/alice"_s});
        QVERIFY2(m_app.waitForStarted(), "hearth did not start");
        QVERIFY2(waitFor([&] { return shows(u"Welcome to Hearth"_s); }),
                 "the setup page never showed");
        QString windowId;
        QVERIFY2(waitFor([&] { return !(windowId = window()).isEmpty(); }), "no window");
        QVERIFY(screenshot(u"01-setup"_s));
        // The user name field has the focus; Return moves to the next field, the last submits.
        xdotool({u"windowfocus"_s, windowId});
        QVERIFY(type(u"alice"_s));
        QVERIFY(type(u"alice-password-123"_s));
        QVERIFY(xdotool({u"key"_s, u"Return"_s}).exitCode == 0); // keeps the offered relay
        QVERIFY(type(u"alice passphrase"_s));
        QVERIFY(type(u"alice passphrase"_s));
        QVERIFY2(waitFor([&] { return shows(u"Search conversations"_s); }),
                 "the account was not created");
        QVERIFY(screenshot(u"02-signed-in"_s));

        // bob (hearth-cli) starts a group with alice and writes to it.
        const QString bob = m_home.path() + u"/bob"_s;
        QCOMPARE(cli(bob, {u"init"_s, u"--kdf-cost"_s, u"minimum"_s}).exitCode, 0);
        const Run registered = cli(bob, {u"register"_s, u"bob"_s, u"--relay"_s, url});
        QVERIFY2(registered.exitCode == 0, registered.err.constData());
        const Run created =
            cli(bob, {u"create"_s, u"group"_s, u"--title"_s, u"Porch"_s, u"alice"_s});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QString conv = QString::fromUtf8(created.out).trimmed();
        const QString fromBob = u"bob says hi %1"_s.arg(QCoreApplication::applicationPid());
        QCOMPARE(cli(bob, {u"send"_s, conv, fromBob}).exitCode, 0);
        QVERIFY2(waitFor([&] { return shows(fromBob); }),
                 "bob's message never showed in the sidebar");

        // alice opens it with Ctrl+K and sees the message in the timeline.
        QVERIFY(xdotool({u"key"_s, u"ctrl+k"_s}).exitCode == 0);
        QVERIFY2(waitFor([&] { return shows(u"Jump to a conversation"_s); }),
                 "Ctrl+K did not open the switcher");
        QVERIFY(type(u"Porch"_s));
        QVERIFY2(waitFor([&] { return shows(u"Message Porch"_s); }), "the group did not open");
        // In the timeline: a line of its own (the sidebar says "bob: …").
        QVERIFY2(waitFor([&] { return texts().contains(fromBob); }),
                 "bob's message never showed in the timeline");
        QVERIFY(screenshot(u"03-received"_s));

        // alice answers from the composer; bob receives it.
        const QString fromAlice = u"alice answers %1"_s.arg(QCoreApplication::applicationPid());
        QVERIFY(focusComposer(windowId));
        QVERIFY(type(fromAlice));
        QVERIFY2(waitFor([&] { return bobCount(bob, conv, fromAlice) == 1; }),
                 "bob never received alice's answer");
        QVERIFY(screenshot(u"04-sent"_s));

        // The relay goes away: the banner says so, and a message sent now waits.
        relay.kill();
        proxy.dropAll();
        const QStringList banner{u"You're offline"_s, u"Reconnecting"_s};
        QVERIFY2(waitFor([&] { return shows(banner); }), "the offline banner never showed");
        const QString offline = u"sent while offline %1"_s.arg(QCoreApplication::applicationPid());
        QVERIFY(focusComposer(windowId));
        QVERIFY(type(offline));
        QVERIFY2(waitFor([&] { return texts().contains(offline); }),
                 "the message sent offline was not shown");
        QVERIFY(screenshot(u"05-offline"_s));

        // The relay returns (on another port, behind the same address): bob gets it once.
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        proxy.setUpstream(relay.wsUrl());
        QVERIFY2(waitFor([&] { return bobCount(bob, conv, offline) >= 1; }, 2 * kStepTimeoutMs),
                 "bob never received the message sent offline");
        QVERIFY2(waitFor([&] { return showsNone(banner); }), "the offline banner stayed");
        QVERIFY(screenshot(u"06-back-online"_s));
        QCOMPARE(bobCount(bob, conv, offline), 1);
        QCOMPARE(bobCount(bob, conv, fromAlice), 1);

        // bob writes in another group; alice searches everywhere (Ctrl+Shift+F) for two of its
        // words and opens the hit with Enter: its conversation opens at that message.
        const Run attic = cli(bob, {u"create"_s, u"group"_s, u"--title"_s, u"Attic"_s, u"alice"_s});
        QVERIFY2(attic.exitCode == 0, attic.err.constData());
        const QString hidden =
            u"the spare key is in the blue pot %1"_s.arg(QCoreApplication::applicationPid());
        QCOMPARE(cli(bob, {u"send"_s, QString::fromUtf8(attic.out).trimmed(), hidden}).exitCode, 0);
        QVERIFY2(waitFor([&] { return shows(hidden); }), "bob's second group never showed");
        QVERIFY(xdotool({u"key"_s, u"ctrl+shift+f"_s}).exitCode == 0);
        QVERIFY2(waitFor([&] { return shows(u"everywhere"_s); }),
                 "Ctrl+Shift+F did not open the search");
        QVERIFY(xdotool({u"type"_s, u"--delay"_s, u"20"_s, u"blue pot"_s}).exitCode == 0);
        // The hit: under its conversation's heading, the words around the match.
        QVERIFY2(waitFor([&] { return shows(u"ATTIC"_s) && shows(u"the spare key is in the"_s); }),
                 "the search found nothing");
        QVERIFY(screenshot(u"07-search"_s));
        QVERIFY(xdotool({u"key"_s, u"Return"_s}).exitCode == 0);
        QVERIFY2(waitFor([&] { return shows(u"Message Attic"_s) && texts().contains(hidden); }),
                 "the hit did not open its conversation at the message");
        QVERIFY(screenshot(u"08-search-opened"_s));

        QVERIFY(request(u"quit"_s, QString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_app.state() == QProcess::NotRunning, kStepTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TstAppE2e)
#include "tst_app_e2e.moc"
