// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-demo-seed: seeds the demo community on a relay (idempotently) and, with --live, keeps
// it alive around sam until Ctrl+C / SIGTERM.
#include "app/demo/demo_cast.h"
#include "app/demo/demo_community.h"
#include "app/demo/demo_live.h"
#include "app/demo/demo_seeder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTextStream>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace hearth::demo;

namespace {

constexpr int kTimeoutMs = 60000;
int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char byte = 1;
    // why: the only async-signal-safe way back into the event loop is a write to a pipe.
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

//! Quits the event loop on SIGINT or SIGTERM (the engines then close their connections).
void quitOnSignals(QCoreApplication &app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void say(const QString &line) {
    QTextStream(stdout) << u"hearth-demo-seed: "_s << line << Qt::endl;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"hearth-demo-seed"_s);
    // why: the engines' progress notes would bury what this tool says ($QT_LOGGING_RULES wins).
    QLoggingCategory::setFilterRules(u"hearth.*.debug=false\nhearth.*.info=false"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Seeds the Hearth demo community on a relay: members with their own profiles under "
        "$XDG_DATA_HOME/hearth/demo, groups, a channel and DMs with history. Does nothing when "
        "the relay already has it. The demo is not private: its passphrase is \"demo\".\n\n"_s +
        demoCast());
    parser.addHelpOption();
    const QCommandLineOption relayOption(
        u"relay"_s, u"Relay address (default %1)."_s.arg(u"ws://127.0.0.1:7300"_s), u"url"_s,
        u"ws://127.0.0.1:7300"_s);
    const QCommandLineOption liveOption(
        u"live"_s, u"After seeding, keep the community alive around sam until stopped."_s);
    const QCommandLineOption historyOption(
        u"history"_s, u"Messages in the busy group (default: its whole script)."_s, u"n"_s, u"0"_s);
    parser.addOptions({relayOption, liveOption, historyOption});
    parser.process(app);

    SeedOptions options;
    options.relay = QUrl(parser.value(relayOption));
    bool numeric = false;
    options.historySize = parser.value(historyOption).toInt(&numeric);
    if (!options.relay.isValid() || !numeric || options.historySize < 0) {
        QTextStream(stderr) << parser.helpText();
        return kExitUsage;
    }

    DemoCast cast(options.relay, kTimeoutMs);
    DemoSeeder seeder(cast, options);
    const auto outcome = seeder.run();
    if (const auto *failure = std::get_if<DemoFailure>(&outcome)) {
        QTextStream(stderr) << u"hearth-demo-seed: "_s << failure->message << Qt::endl;
        return failure->exitCode;
    }
    say(std::get<SeedOutcome>(outcome) == SeedOutcome::Seeded
            ? u"the demo community is ready on %1"_s.arg(options.relay.toString())
            : u"the demo community was already there on %1"_s.arg(options.relay.toString()));
    if (!parser.isSet(liveOption))
        return 0;

    LiveCommunity live(cast);
    live.start();
    quitOnSignals(app);
    say(u"live: the others chat and answer sam's DMs (Ctrl+C stops)"_s);
    const int code = QCoreApplication::exec();
    say(u"stopped"_s);
    return code;
}
