// SPDX-License-Identifier: GPL-3.0-or-later
// Phase 4: stalled readers in a busy group. A few members stop reading; the relay should drop
// them once their unsent bytes pass max_send_buffer_bytes, without the others noticing.
//
// The stalled members run in a child process (this binary re-executed with --stalled-clients)
// that connects them with the real client and then does nothing else. SIGSTOP freezes it, so
// nothing is read from their sockets any more: the kernel buffers fill and the relay's send
// queue for them grows. SIGCONT lets it read what is left and report how each connection ended.
#include "sync/engine/relay_connection.h"
#include "tests/bench/bench.h"
#include "tests/bench/traffic_rig.h"

#include <QCoreApplication>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTextStream>
#include <csignal>
#include <memory>
#include <sys/prctl.h>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

namespace {

QString closeReasons(const QHash<QString, double> &before, const QHash<QString, double> &after) {
    QStringList parts;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!it.key().startsWith(u"hearth_closed_connections_total"_s))
            continue;
        const double delta = it.value() - before.value(it.key());
        if (delta > 0)
            parts.append(u"%1 +%2"_s.arg(it.key().mid(31)).arg(delta));
    }
    return parts.isEmpty() ? u"none"_s : parts.join(u", "_s);
}

//! The child process holding the stalled readers, seen from the benchmark. It reports on its
//! stdout, one line each: "ready <authenticated> <failed>" once every client has finished
//! authenticating, then "closed <index> <close code> <bytes received> <details>" per connection.
class StalledProcess final {
public:
    explicit StalledProcess(const QUrl &relay) {
        m_process.setProgram(QCoreApplication::applicationFilePath());
        m_process.setArguments({u"--stalled-clients"_s, relay.toString()});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { readLines(); });
    }
    ~StalledProcess() { kill(); }

    bool start(const std::vector<Account> &accounts) {
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        QByteArray lines;
        for (const Account &a : accounts)
            lines += a.user.toUtf8() + ' ' + QByteArray::number(a.device) + ' ' +
                     a.signingSeed.toHex() + '\n';
        m_process.write(lines);
        m_process.closeWriteChannel();
        return true;
    }
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] bool hasExited() const { return m_process.state() == QProcess::NotRunning; }
    [[nodiscard]] int authenticated() const { return m_authenticated; }
    [[nodiscard]] int failed() const { return m_failed; }
    [[nodiscard]] const QStringList &endings() const { return m_endings; }
    void signal(int signo) const {
        if (pid() > 0)
            (void)::kill(static_cast<pid_t>(pid()), signo);
    }
    void kill() {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill(); // SIGKILL: also ends a stopped process
        (void)m_process.waitForFinished(5000);
    }

private:
    void readLines() {
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            const QStringList f = line.split(u' ');
            if (f.value(0) == u"ready"_s) {
                m_authenticated = f.value(1).toInt();
                m_failed = f.value(2).toInt();
                m_ready = true;
            } else if (f.value(0) == u"closed"_s) {
                // why: QWebSocket reports 1000 (its default) when the connection ends without a
                // close frame, so the code alone cannot tell an abort from a normal close; the
                // socket error says how the TCP connection ended.
                const QString detail = f.mid(4).join(u' ');
                const QString ending = u"close code %1%2"_s.arg(f.value(2))
                                           .arg(detail.isEmpty() ? QString() : u", "_s + detail);
                m_endings.append(ending);
                progress(u"stalled client %1: %2 after reading %3 bytes in all"_s.arg(
                    f.value(1), ending, f.value(3)));
            }
        }
    }

    QProcess m_process;
    bool m_ready = false;
    int m_authenticated = 0;
    int m_failed = 0;
    QStringList m_endings;
};

} // namespace

int runStalledClients(const QUrl &relay) {
    // why: a benchmark that dies (or is killed) must not leave its frozen child behind.
    (void)::prctl(PR_SET_PDEATHSIG, SIGKILL);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    std::vector<Account> accounts;
    for (const QByteArray &line : in.readAll().split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() != 3)
            continue;
        accounts.push_back(
            Account{QString::fromUtf8(f[0]), f[1].toULongLong(), QByteArray::fromHex(f[2])});
    }
    QTextStream out(stdout);
    std::vector<std::unique_ptr<engine::RelayConnection>> conns;
    std::vector<qint64> received(accounts.size(), 0);
    std::vector<QString> socketErrors(accounts.size());
    int authenticated = 0;
    int failed = 0;
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        auto conn = std::make_unique<engine::RelayConnection>();
        engine::RelayConnection *raw = conn.get();
        QObject::connect(raw, &engine::RelayConnection::ready, raw, [&, raw, i] {
            raw->authenticate(accounts[i].credentials(),
                              [&](const protocol::ProtocolResult<protocol::Frame> &reply) {
                                  ++(reply ? authenticated : failed);
                              });
        });
        QObject::connect(
            &raw->socket(), &QWebSocket::binaryMessageReceived, raw,
            [&received, i](const QByteArray &message) { received[i] += message.size(); });
        QObject::connect(&raw->socket(),
                         qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), raw,
                         [&socketErrors, raw, i](QAbstractSocket::SocketError) {
                             if (socketErrors[i].isEmpty())
                                 socketErrors[i] = raw->socket().errorString();
                         });
        QObject::connect(raw, &engine::RelayConnection::closed, raw,
                         [&, i](int code, const QString &reason) {
                             QStringList detail;
                             if (!reason.isEmpty())
                                 detail.append(u"reason \"%1\""_s.arg(reason));
                             if (!socketErrors[i].isEmpty())
                                 detail.append(u"socket: "_s + socketErrors[i]);
                             out << "closed " << i << ' ' << code << ' ' << received[i] << ' '
                                 << detail.join(u"; "_s).replace(u'\n', u' ') << Qt::endl;
                         });
        raw->open(relay);
        conns.push_back(std::move(conn));
    }
    const auto total = static_cast<int>(accounts.size());
    (void)waitFor([&] { return authenticated + failed >= total; }, 30000);
    out << "ready " << authenticated << ' ' << total - authenticated << Qt::endl;
    // from here on the process only reads (and decodes) what the relay pushes, until the
    // benchmark stops it (SIGSTOP) and, at the end, kills it
    return QCoreApplication::exec();
}

void runStallPhase(Context &context) {
    const Options &o = context.options;
    const QString phase = u"4 stalled readers"_s;
    Report &report = context.report;
    constexpr int kMembers = 100;
    const int senders = o.sendersPerGroup;
    const int stalled = qBound(1, o.stallReaders, kMembers - senders - 1);
    progress(u"phase 4: group of %1, %2 senders at %3 events/s, %4-byte bodies, %5 stalled "
             "readers"_s.arg(kMembers)
                 .arg(senders)
                 .arg(o.stallRate)
                 .arg(o.stallBodyBytes)
                 .arg(stalled));
    TrafficRig rig(context.ws, context.take(kMembers), 1, kMembers, senders);
    // the last members of the group (never senders) are connected by the child process
    std::vector<Account> stalledAccounts;
    auto &members = rig.members();
    for (int k = 0; k < stalled; ++k) {
        auto &m = members[members.size() - 1 - static_cast<std::size_t>(k)];
        m.external = true;
        stalledAccounts.push_back(m.account);
    }
    QString error;
    if (!rig.setUp(error)) {
        progress(u"setup failed: "_s + error);
        report.add(phase, u"setup"_s, u"FAILED: "_s + error, {}, verdict(false));
        return;
    }
    StalledProcess child(context.ws);
    if (!child.start(stalledAccounts) || !waitFor([&] { return child.isReady(); }, 60000) ||
        child.authenticated() < stalled) {
        const QString why =
            u"stalled-reader process: %1 of %2 authenticated"_s.arg(child.authenticated())
                .arg(stalled);
        progress(u"setup failed: "_s + why);
        report.add(phase, u"setup"_s, u"FAILED: "_s + why, {}, verdict(false));
        return;
    }
    progress(u"stalled-reader process pid %1: %2 clients authenticated"_s.arg(child.pid())
                 .arg(child.authenticated()));
    spinFor(300);

    RunSpec spec;
    spec.rate = o.stallRate;
    spec.window = o.window;
    spec.bodyBytes = o.stallBodyBytes;
    spec.warmup = 1;
    spec.duration = o.stallBaseline;
    RunResult baseline = rig.run(spec, context.relayPid);
    const double baseP99 = baseline.deliveryLatency[0].percentileMs(99);
    progress(u"baseline: %1 deliveries/s to the others, p99 %2, relay RSS peak %3"_s.arg(
        formatCount(baseline.deliveriesPerSecond()), formatMs(baseP99),
        formatMiB(baseline.rssPeakKiB)));

    const QHash<QString, double> metricsBefore = fetchMetrics(context.http);
    const double connectionsBefore = metricsBefore.value(u"hearth_connections"_s, -1);
    const qint64 rssBefore = rssKiB(context.relayPid);
    const qint64 stallStart = nowNs();
    child.signal(SIGSTOP);

    std::vector<double> closedAfter; // seconds from the stall to each close seen in /metrics
    qint64 allClosedAt = 0;
    qint64 lastPoll = 0;
    QHash<QString, double> metricsAfter = metricsBefore;
    spec.duration = o.stallMax;
    spec.warmup = 0;
    spec.sample = [&] {
        const qint64 now = nowNs();
        if (now - lastPoll < 250'000'000)
            return;
        lastPoll = now;
        metricsAfter = fetchMetrics(context.http);
        if (metricsAfter.isEmpty() || connectionsBefore < 0)
            return;
        const double gone = connectionsBefore - metricsAfter.value(u"hearth_connections"_s);
        while (static_cast<double>(closedAfter.size()) < qMin<double>(gone, stalled))
            closedAfter.push_back(secondsBetween(stallStart, now));
        if (allClosedAt == 0 && static_cast<int>(closedAfter.size()) >= stalled)
            allClosedAt = now;
    };
    // after the last close, keep going for a short while to see the others' latency recover
    spec.stopEarly = [&] { return allClosedAt != 0 && nowNs() - allClosedAt > 2'000'000'000; };
    spec.bucket = [&](qint64 recvNs) { return allClosedAt == 0 || recvNs < allClosedAt ? 0 : 1; };
    RunResult during = rig.run(spec, context.relayPid);
    metricsAfter = fetchMetrics(context.http);

    // let the child read what it was sent, to see how its connections ended; then kill it
    child.signal(SIGCONT);
    (void)waitFor(
        [&] { return static_cast<int>(child.endings().size()) >= stalled || child.hasExited(); },
        10000);
    // how each stalled connection ended, as the client saw it, grouped
    QMap<QString, int> endingCounts;
    for (const QString &ending : child.endings())
        endingCounts[ending] += 1;
    const int stillOpen = stalled - static_cast<int>(child.endings().size());
    if (stillOpen > 0)
        endingCounts[u"still open 10 s after SIGCONT"_s] += stillOpen;
    child.kill();
    QStringList endings;
    for (auto it = endingCounts.cbegin(); it != endingCounts.cend(); ++it)
        endings.append(u"%1x %2"_s.arg(it.value()).arg(it.key()));
    const double duringP99 = during.deliveryLatency[0].percentileMs(99);
    const double afterP99 = during.deliveryLatency[1].percentileMs(99);
    const qint64 costKiB = (during.rssPeakKiB - qMax(baseline.rssPeakKiB, rssBefore)) / stalled;
    const QString reasons = closeReasons(metricsBefore, metricsAfter);
    progress(u"stalled: closed after %1 s; endings: %2; reasons: %3"_s.arg(
        [&] {
            QStringList s;
            for (double t : closedAfter)
                s.append(QString::number(t, 'f', 1));
            return s.isEmpty() ? u"(not closed)"_s : s.join(u", "_s);
        }(),
        endings.join(u", "_s), reasons));
    progress(u"cpu relay/bench/other: baseline %1/%2/%3%, stalled run %4/%5/%6%"_s
                 .arg(baseline.relayCpuPercent, 0, 'f', 0)
                 .arg(baseline.benchCpuPercent, 0, 'f', 0)
                 .arg(baseline.otherCpuPercent, 0, 'f', 0)
                 .arg(during.relayCpuPercent, 0, 'f', 0)
                 .arg(during.benchCpuPercent, 0, 'f', 0)
                 .arg(during.otherCpuPercent, 0, 'f', 0));
    report.add(
        phase, u"relay / bench / other CPU: baseline; stalled run"_s,
        u"%1% / %2% / %3%; %4% / %5% / %6% of a core"_s.arg(baseline.relayCpuPercent, 0, 'f', 0)
            .arg(baseline.benchCpuPercent, 0, 'f', 0)
            .arg(baseline.otherCpuPercent, 0, 'f', 0)
            .arg(during.relayCpuPercent, 0, 'f', 0)
            .arg(during.benchCpuPercent, 0, 'f', 0)
            .arg(during.otherCpuPercent, 0, 'f', 0));
    progress(u"others: p99 %1 while stalled readers connected, %2 after; relay RSS peak %3 "
             "(baseline peak %4)"_s.arg(formatMs(duringP99), formatMs(afterP99),
                                        formatMiB(during.rssPeakKiB),
                                        formatMiB(baseline.rssPeakKiB)));

    const bool allClosed = static_cast<int>(closedAfter.size()) >= stalled;
    report.add(phase, u"workload"_s,
               u"group of %1, %2 events/s x %3 B bodies (%4 deliveries/s offered, %5 to the %6 "
               "measured members), %7 stalled in a SIGSTOPped process"_s.arg(kMembers)
                   .arg(o.stallRate)
                   .arg(o.stallBodyBytes)
                   .arg(formatCount(o.stallRate * (kMembers - 1)))
                   .arg(formatCount(baseline.deliveriesPerSecond()))
                   .arg(kMembers - stalled)
                   .arg(stalled));
    report.add(phase, u"stalled readers closed by the relay"_s,
               u"%1 of %2; %3"_s.arg(closedAfter.size()).arg(stalled).arg(endings.join(u", "_s)),
               u"dropped (send buffer full)"_s, verdict(allClosed));
    report.add(phase, u"time from stall to close"_s, [&] {
        QStringList s;
        for (double t : closedAfter)
            s.append(QString::number(t, 'f', 1) + u" s"_s);
        return s.isEmpty() ? u"not closed within %1 s"_s.arg(o.stallMax) : s.join(u", "_s);
    }());
    report.add(phase, u"close reasons in /metrics"_s, reasons);
    report.add(phase, u"relay RSS cost per stalled reader (peak delta)"_s,
               QString::number(static_cast<double>(costKiB) / 1024.0, 'f', 2) + u" MiB"_s,
               u"<= 1 MiB"_s, verdict(costKiB <= 1024));
    report.add(phase, u"others' p99: baseline / while stalled / after close"_s,
               formatMs(baseP99) + u" / "_s + formatMs(duringP99) + u" / "_s + formatMs(afterP99),
               u"not slowed"_s, verdict(allClosed && duringP99 <= qMax(2 * baseP99, baseP99 + 5)));
    if (!during.drained || during.errors > 0)
        report.add(
            phase, u"problems"_s,
            u"%1 errors, %2 of %3 deliveries to the others missing"_s.arg(during.errors)
                .arg(during.expectedDeliveries - qMin(during.deliveries, during.expectedDeliveries))
                .arg(during.expectedDeliveries),
            u"none"_s, verdict(false));
}

} // namespace hearth::bench
