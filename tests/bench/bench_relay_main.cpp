// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-bench-relay: a load generator for hearth-relay. Starts the real relay binary on
// loopback with generous limits and measures idle-connection memory, connect rate, a reconnect
// storm, throughput and latency in 1:1 and group conversations, stalled readers and catch-up
// drain. See docs/benchmarks.md.
#include "tests/bench/bench.h"
#include "tests/bench/bench_client.h"
#include "tests/bench/bench_util.h"
#include "tests/support/relay_process.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <sys/resource.h>
#include <type_traits>
#include <unistd.h>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

QString verdict(bool pass) {
    return pass ? u"PASS"_s : u"MISS"_s;
}

void Context::notePeakRss() {
    peakRssKiB = qMax(peakRssKiB, hearth::bench::peakRssKiB(relayPid));
}

std::vector<Account> Context::take(std::size_t count) {
    std::vector<Account> slice;
    for (std::size_t i = 0; i < count && cursor < accounts.size(); ++i)
        slice.push_back(accounts[cursor++]);
    return slice;
}

void Report::add(const QString &phase, const QString &metric, const QString &measured,
                 const QString &target, const QString &verdictText) {
    m_rows.push_back(Row{phase, metric, measured, target, verdictText});
}

bool Report::hasFailures() const {
    for (const Row &row : m_rows)
        if (row.verdict == u"MISS"_s)
            return true;
    return false;
}

void Report::print(bool markdown) const {
    QTextStream out(stdout);
    if (markdown) {
        out << "\n| Phase | Metric | Measured | Target | Result |\n|---|---|---|---|---|\n";
        for (const Row &row : m_rows)
            out << "| " << row.phase << " | " << row.metric << " | " << row.measured << " | "
                << row.target << " | " << row.verdict << " |\n";
    } else {
        qsizetype w[4] = {5, 6, 8, 6};
        for (const Row &row : m_rows) {
            w[0] = qMax(w[0], row.phase.size());
            w[1] = qMax(w[1], row.metric.size());
            w[2] = qMax(w[2], row.measured.size());
            w[3] = qMax(w[3], row.target.size());
        }
        const QString rule = QString(w[0] + w[1] + w[2] + w[3] + 18, u'-');
        out << "\n" << rule << "\n";
        out << u"Phase"_s.leftJustified(w[0]) << " | " << u"Metric"_s.leftJustified(w[1]) << " | "
            << u"Measured"_s.leftJustified(w[2]) << " | " << u"Target"_s.leftJustified(w[3])
            << " | Result\n"
            << rule << "\n";
        QString lastPhase;
        for (const Row &row : m_rows) {
            out << (row.phase == lastPhase ? QString() : row.phase).leftJustified(w[0]) << " | "
                << row.metric.leftJustified(w[1]) << " | " << row.measured.leftJustified(w[2])
                << " | " << row.target.leftJustified(w[3]) << " | " << row.verdict << "\n";
            lastPhase = row.phase;
        }
        out << rule << "\n";
    }
    for (const QString &note : m_notes)
        out << "note: " << note << "\n";
    out.flush();
}

std::size_t accountsNeeded(const Options &o) {
    std::size_t n = 0;
    if (o.phases.contains(u"connections"_s))
        n += static_cast<std::size_t>(o.connections);
    if (o.phases.contains(u"throughput"_s)) {
        if (o.scenarios.contains(u"dm"_s))
            n += 2 * static_cast<std::size_t>(o.dmPairs);
        if (o.scenarios.contains(u"group10"_s))
            n += 10 * static_cast<std::size_t>(o.group10Count);
        if (o.scenarios.contains(u"group100"_s))
            n += 100 * static_cast<std::size_t>(o.group100Count);
    }
    if (o.phases.contains(u"stall"_s))
        n += 100;
    if (o.phases.contains(u"drain"_s))
        n += 2;
    return n;
}

namespace {

int g_suppressedWrites = 0;
QtMessageHandler g_defaultHandler = nullptr;

//! Qt warns once per write to a socket that a storm already closed; thousands of those lines
//! would bury the figures, so they are counted instead.
void filterMessages(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (message.contains(u"device not open"_s)) {
        ++g_suppressedWrites;
        return;
    }
    g_defaultHandler(type, context, message);
}

void say(const QString &text) {
    QTextStream(stdout) << text << Qt::endl;
}

//! Raises the soft open-files limit to the hard limit; the relay (a child) inherits it.
rlim_t raiseFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    limit.rlim_cur = limit.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &limit);
    (void)getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

bool parse(QCoreApplication &app, Options &o) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load generator for hearth-relay: starts the real relay on loopback and measures "
        "connections, throughput, latency, stalled readers and catch-up drain."_s);
    parser.addHelpOption();
    const QCommandLineOption quick(u"quick"_s, u"A run of about a minute (counts scaled down)."_s);
    const QCommandLineOption phases(u"phases"_s,
                                    u"Comma-separated: connections,throughput,stall,drain."_s,
                                    u"list"_s, u"connections,throughput,stall,drain"_s);
    const QCommandLineOption scenarios(u"scenarios"_s,
                                       u"Throughput scenarios: dm,group10,group100."_s, u"list"_s,
                                       u"dm,group10,group100"_s);
    const QCommandLineOption noMax(u"no-max"_s, u"Skip the window-bound (max) runs."_s);
    const QCommandLineOption connections(u"connections"_s, u"Idle connections (phase 1-2)."_s,
                                         u"n"_s);
    const QCommandLineOption connectWindow(u"connect-window"_s,
                                           u"Connection attempts in flight (phase 1)."_s, u"n"_s);
    const QCommandLineOption stormWindow(u"storm-window"_s,
                                         u"Attempts in flight in the storm (0: all)."_s, u"n"_s);
    const QCommandLineOption duration(u"duration"_s, u"Seconds measured per throughput run."_s,
                                      u"s"_s);
    const QCommandLineOption body(u"body-bytes"_s, u"Event body size (phase 3, 5)."_s, u"n"_s);
    const QCommandLineOption window(u"window"_s, u"In-flight sends per sender."_s, u"n"_s);
    const QCommandLineOption dmRate(u"dm-rate"_s, u"1:1 events/s, all pairs."_s, u"n"_s);
    const QCommandLineOption g10Rate(u"group10-rate"_s, u"Group-of-10 events/s, all groups."_s,
                                     u"n"_s);
    const QCommandLineOption g100Rate(u"group100-rate"_s, u"Group-of-100 events/s, all groups."_s,
                                      u"n"_s);
    const QCommandLineOption g100Count(u"group100-count"_s, u"Groups of 100."_s, u"n"_s);
    const QCommandLineOption senders(u"senders"_s, u"Senders per group of 100."_s, u"n"_s);
    const QCommandLineOption stallReaders(u"stall-readers"_s, u"Stalled readers (phase 4)."_s,
                                          u"n"_s);
    const QCommandLineOption stallRate(u"stall-rate"_s, u"Events/s in the busy group."_s, u"n"_s);
    const QCommandLineOption stallBody(u"stall-body-bytes"_s, u"Body size in phase 4."_s, u"n"_s);
    const QCommandLineOption drainEvents(u"drain-events"_s, u"Events to drain (phase 5)."_s,
                                         u"n"_s);
    const QCommandLineOption drainPage(u"drain-page"_s, u"sync limit (0: relay maximum)."_s,
                                       u"n"_s);
    const QCommandLineOption relay(u"relay"_s, u"hearth-relay binary to run."_s, u"path"_s);
    const QCommandLineOption relayArg(u"relay-arg"_s, u"Extra relay argument (repeatable)."_s,
                                      u"arg"_s);
    const QCommandLineOption markdown(u"markdown"_s, u"Print the table as Markdown."_s);
    const QCommandLineOption relayLog(u"relay-log"_s, u"Print the end of the relay's log."_s);
    const QCommandLineOption dmPairs(u"dm-pairs"_s, u"1:1 conversations (phase 3)."_s, u"n"_s);
    parser.addOptions({quick,         phases,      scenarios, noMax,       connections,
                       connectWindow, stormWindow, duration,  body,        window,
                       dmRate,        g10Rate,     g100Rate,  g100Count,   senders,
                       stallReaders,  stallRate,   stallBody, drainEvents, drainPage,
                       relay,         relayArg,    markdown,  relayLog,    dmPairs});
    parser.process(app);

    if (parser.isSet(quick)) {
        o.connections = 2000;
        o.duration = 3;
        o.dmPairs = 20;
        o.group10Count = 5;
        o.group100Count = 1;
        o.group100Rate = 1020;
        o.stallBaseline = 3;
        o.stallMax = 15;
        o.drainEvents = 10000;
    }
    o.phases = parser.value(phases).split(u',', Qt::SkipEmptyParts);
    o.scenarios = parser.value(scenarios).split(u',', Qt::SkipEmptyParts);
    o.saturate = !parser.isSet(noMax);
    bool ok = true;
    // Reads `option` into `target` (an int or a double) when it is given.
    const auto number = [&](const QCommandLineOption &option, auto &target) {
        if (!parser.isSet(option))
            return;
        bool good = false;
        if constexpr (std::is_same_v<std::remove_reference_t<decltype(target)>, int>)
            target = parser.value(option).toInt(&good);
        else
            target = parser.value(option).toDouble(&good);
        ok = ok && good;
    };
    number(connections, o.connections);
    number(connectWindow, o.connectWindow);
    number(stormWindow, o.stormWindow);
    number(duration, o.duration);
    number(body, o.bodyBytes);
    number(window, o.window);
    number(dmRate, o.dmRate);
    number(g10Rate, o.group10Rate);
    number(g100Rate, o.group100Rate);
    number(g100Count, o.group100Count);
    number(senders, o.sendersPerGroup);
    number(stallReaders, o.stallReaders);
    number(stallRate, o.stallRate);
    number(stallBody, o.stallBodyBytes);
    number(drainEvents, o.drainEvents);
    number(drainPage, o.drainPage);
    number(dmPairs, o.dmPairs);
    o.markdown = parser.isSet(markdown);
    o.relayLog = parser.isSet(relayLog);
    if (parser.isSet(relay))
        qputenv("HEARTH_RELAY", parser.value(relay).toLocal8Bit());
    o.relayArgs = parser.values(relayArg);
    if (!ok)
        say(u"bad numeric option"_s);
    return ok;
}

} // namespace

} // namespace hearth::bench

int main(int argc, char *argv[]) {
    using namespace hearth::bench;
    using namespace Qt::Literals::StringLiterals;
    const rlim_t files = raiseFileLimit();
    QCoreApplication app(argc, argv);
    // phase 4 re-executes this binary to hold its stalled readers in a process of their own
    if (argc == 3 && qstrcmp(argv[1], "--stalled-clients") == 0)
        return runStalledClients(QUrl(QString::fromLocal8Bit(argv[2])));
    g_defaultHandler = qInstallMessageHandler(filterMessages);
    QCoreApplication::setApplicationName(u"hearth-bench-relay"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    Context context;
    Options &o = context.options;
    if (!parse(app, o))
        return 2;
    const qint64 needFiles = o.phases.contains(u"connections"_s) ? o.connections + 200 : 1000;
    if (static_cast<qint64>(files) < needFiles) {
        say(u"open-files limit %1 is below the %2 needed; raise the hard limit (ulimit -Hn)"_s
                .arg(files)
                .arg(needFiles));
        return 2;
    }

    QStringList args = {u"--registration"_s,
                        u"open"_s,
                        u"--max-connections"_s,
                        QString::number(o.connections * 2 + 1000),
                        u"--max-connections-per-ip"_s,
                        QString::number(o.connections * 2 + 1000),
                        u"--limit"_s,
                        u"rate_per_second=1000000"_s,
                        u"--limit"_s,
                        u"rate_burst=1000000"_s};
    args += o.relayArgs;
    say(u"hearth-bench-relay: relay %1"_s.arg(hearth::test::RelayProcess::binaryPath()));
    say(u"relay args: "_s + args.join(u' '));
    say(u"open-files limit %1"_s.arg(files));

    // why: every phase gets a fresh relay (and data dir), so one phase's heap, caches and
    // sockets do not colour the next one's figures.
    const QStringList order = {u"connections"_s, u"throughput"_s, u"stall"_s, u"drain"_s};
    int exitStatus = 0;
    for (const QString &phase : order) {
        if (!o.phases.contains(phase))
            continue;
        hearth::test::RelayProcess relay(args);
        if (!relay.start()) {
            say(u"relay failed to start: "_s + relay.errorString());
            return 1;
        }
        context.relay = &relay;
        context.ws = relay.wsUrl();
        context.http = relay.httpUrl();
        context.relayPid = relay.pid();
        context.accounts.clear();
        context.cursor = 0;
        say(u"\n== %1: relay pid %2 at %3 (%4), data dir %5"_s.arg(phase)
                .arg(context.relayPid)
                .arg(context.ws.toString(), context.http.toString(), relay.dataDir()));

        Options only = o;
        only.phases = QStringList{phase};
        const std::size_t needed = accountsNeeded(only);
        const qint64 regStart = nowNs();
        QString error;
        // chunks on fresh connections: registration connections never authenticate, and the
        // relay closes those after its auth timeout
        constexpr std::size_t kChunk = 1000;
        bool registered = true;
        for (std::size_t first = 0; first < needed && registered; first += kChunk) {
            const auto count = static_cast<int>(qMin(kChunk, needed - first));
            registered =
                registerAccounts(context.ws, static_cast<int>(first), count, o.registerConnections,
                                 o.registerWindow, 120000, context.accounts, error);
        }
        const double regSeconds = secondsBetween(regStart, nowNs());
        if (!registered) {
            say(u"account registration failed: "_s + error);
            context.report.add(u"0 setup"_s, u"registration for "_s + phase, u"FAILED: "_s + error,
                               {}, verdict(false));
            exitStatus = 1;
            continue;
        }
        say(u"  registered %1 accounts (register + add_device) in %2 s: %3 accounts/s"_s.arg(needed)
                .arg(regSeconds, 0, 'f', 2)
                .arg(needed / regSeconds, 0, 'f', 0));
        if (needed >= 1000)
            context.report.add(u"0 setup"_s, u"register + add_device (password cost minimum)"_s,
                               u"%1 accounts/s (%2 in %3 s)"_s.arg(formatCount(needed / regSeconds))
                                   .arg(needed)
                                   .arg(regSeconds, 0, 'f', 1));

        if (phase == u"connections"_s)
            runConnectionsPhase(context);
        else if (phase == u"throughput"_s)
            runThroughputPhase(context);
        else if (phase == u"stall"_s)
            runStallPhase(context);
        else
            runDrainPhase(context);

        context.notePeakRss();
        context.report.add(u"-"_s, u"relay peak RSS (VmHWM) in phase "_s + phase,
                           formatMiB(context.peakRssKiB));
        context.peakRssKiB = 0;
        // other jobs share the machine; the load average says how much (1 / 5 / 15 min)
        context.report.add(u"-"_s, u"machine load average at the end of phase "_s + phase,
                           loadAverage());
        const int exitCode = relay.terminate();
        if (exitCode != 0)
            context.report.add(u"-"_s, u"relay exit after SIGTERM ("_s + phase + u")"_s,
                               QString::number(exitCode), u"0"_s, verdict(false));
        context.relayLogs += relay.stderrLog();
        context.relay = nullptr;
    }

    if (BenchClient::lowDelayMisses() > 0)
        context.report.note(u"TCP_NODELAY could not be set on %1 load-generator connections"_s.arg(
            BenchClient::lowDelayMisses()));
    context.report.print(o.markdown);
    if (g_suppressedWrites > 0)
        say(u"(%1 Qt warnings \"write: device not open\" from the load generator's sockets "
            "were suppressed)"_s.arg(g_suppressedWrites));
    if (o.relayLog || context.report.hasFailures()) {
        const QList<QByteArray> lines = context.relayLogs.split('\n');
        say(u"relay stderr (last 40 lines):"_s);
        for (qsizetype i = qMax<qsizetype>(0, lines.size() - 41); i < lines.size(); ++i)
            say(u"  | "_s + QString::fromUtf8(lines[i]));
    }
    return exitStatus;
}
