// SPDX-License-Identifier: GPL-3.0-or-later
// Phases 1 and 2: idle authenticated connections (relay memory), connect rate with auth, and a
// reconnect storm. Uses the real client, engine::RelayConnection.
#include "sync/engine/relay_connection.h"
#include "tests/bench/bench.h"
#include "tests/bench/bench_util.h"

#include <QMap>
#include <memory>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

namespace {

enum class State : quint8 { Idle, Connecting, Authed, Failed };

//! Opens and authenticates connections for a slice of accounts with a bounded number of
//! connection attempts in flight.
class ConnectionSet final {
public:
    ConnectionSet(const QUrl &url, const std::vector<Account> &accounts)
        : m_url(url)
        , m_accounts(accounts)
        , m_conns(accounts.size())
        , m_states(accounts.size(), State::Idle)
        , m_started(accounts.size(), 0) {}
    ~ConnectionSet() { dropAll(); }

    //! Connects every account, `window` at a time (0: all at once); returns when all are
    //! authenticated or failed, or at `timeoutMs`.
    bool connectAll(int window, qint64 timeoutMs) {
        m_window = window <= 0 ? static_cast<int>(m_accounts.size()) : window;
        m_next = 0;
        m_authed = 0;
        m_failed = 0;
        m_inFlight = 0;
        m_latency.clear();
        m_failures.clear();
        m_begin = nowNs();
        pump();
        const bool done = waitFor([this] { return m_authed + m_failed >= total(); }, timeoutMs);
        m_end = m_lastAuth;
        return done;
    }

    //! Abrupt drop: every socket is aborted at once (no close handshake).
    void dropAll() {
        for (auto &conn : m_conns) {
            if (!conn)
                continue;
            QObject::disconnect(conn.get(), nullptr, nullptr, nullptr);
            conn->socket().abort();
            conn.reset();
        }
        std::fill(m_states.begin(), m_states.end(), State::Idle);
    }

    [[nodiscard]] int total() const { return static_cast<int>(m_accounts.size()); }
    [[nodiscard]] int authed() const { return m_authed; }
    [[nodiscard]] int failed() const { return m_failed; }
    [[nodiscard]] int droppedAfterAuth() const { return m_droppedAfterAuth; }
    [[nodiscard]] double seconds() const { return secondsBetween(m_begin, m_end); }
    [[nodiscard]] LatencySamples &latency() { return m_latency; }
    [[nodiscard]] QString failureSummary() const {
        QStringList parts;
        for (auto it = m_failures.cbegin(); it != m_failures.cend(); ++it)
            parts.append(u"%1 x%2"_s.arg(it.key()).arg(it.value()));
        return parts.join(u", "_s);
    }

private:
    void pump() {
        while (m_inFlight < m_window && m_next < total())
            start(static_cast<std::size_t>(m_next++));
    }

    void settle(std::size_t i, bool ok, const QString &why) {
        if (m_states[i] != State::Connecting)
            return;
        --m_inFlight;
        if (ok) {
            m_states[i] = State::Authed;
            ++m_authed;
            m_lastAuth = nowNs();
            m_latency.add(m_lastAuth - m_started[i]);
        } else {
            m_states[i] = State::Failed;
            ++m_failed;
            m_lastAuth = nowNs();
            m_failures[why] += 1;
        }
        pump();
    }

    void start(std::size_t i) {
        ++m_inFlight;
        m_states[i] = State::Connecting;
        m_started[i] = nowNs();
        auto conn = std::make_unique<engine::RelayConnection>();
        engine::RelayConnection *raw = conn.get();
        QObject::connect(raw, &engine::RelayConnection::ready, raw, [this, raw, i] {
            raw->authenticate(m_accounts[i].credentials(),
                              [this, i](const protocol::ProtocolResult<protocol::Frame> &reply) {
                                  settle(i, reply.ok(),
                                         reply ? QString() : u"auth: "_s + reply.error().message);
                              });
        });
        QObject::connect(raw, &engine::RelayConnection::closed, raw,
                         [this, i](int code, const QString &reason) {
                             if (m_states[i] == State::Authed) {
                                 m_states[i] = State::Failed;
                                 ++m_droppedAfterAuth;
                                 return;
                             }
                             settle(i, false, u"closed %1 %2"_s.arg(code).arg(reason));
                         });
        m_conns[i] = std::move(conn);
        raw->open(m_url);
    }

    QUrl m_url;
    const std::vector<Account> &m_accounts;
    std::vector<std::unique_ptr<engine::RelayConnection>> m_conns;
    std::vector<State> m_states;
    std::vector<qint64> m_started;
    QMap<QString, int> m_failures;
    LatencySamples m_latency;
    int m_window = 1;
    int m_next = 0;
    int m_inFlight = 0;
    int m_authed = 0;
    int m_failed = 0;
    int m_droppedAfterAuth = 0;
    qint64 m_begin = 0;
    qint64 m_end = 0;
    qint64 m_lastAuth = 0;
};

qint64 counterDelta(const QHash<QString, qint64> &before, const QHash<QString, qint64> &after,
                    const QString &name) {
    return after.value(name) - before.value(name);
}

} // namespace

void runConnectionsPhase(Context &context) {
    const Options &o = context.options;
    const std::vector<Account> accounts = context.take(static_cast<std::size_t>(o.connections));
    const int n = static_cast<int>(accounts.size());
    const QString phase = u"1-2 connections"_s;
    progress(
        u"phase 1: %1 idle authenticated connections (window %2)"_s.arg(n).arg(o.connectWindow));

    spinFor(500);
    const qint64 rssBefore = rssKiB(context.relayPid);
    auto tcpBefore = tcpExtCounters();
    ConnectionSet set(context.ws, accounts);
    CpuMeter cpu(context.relayPid);
    cpu.start();
    const bool done = set.connectAll(o.connectWindow, 120000);
    cpu.stop();
    auto tcpAfter = tcpExtCounters();
    const double rate = set.seconds() > 0 ? set.authed() / set.seconds() : 0;
    progress(u"%1 authenticated, %2 failed in %3 s (%4/s); relay cpu %5%, bench cpu %6%"_s
                 .arg(set.authed())
                 .arg(set.failed())
                 .arg(set.seconds(), 0, 'f', 2)
                 .arg(rate, 0, 'f', 0)
                 .arg(cpu.relayPercent(), 0, 'f', 0)
                 .arg(cpu.benchPercent(), 0, 'f', 0));
    if (set.failed() > 0 || !done)
        progress(u"failures: "_s + set.failureSummary() + (done ? QString() : u" (timeout)"_s));

    // idle: let the relay settle, then read its memory
    spinFor(2000);
    const qint64 rssIdle = rssKiB(context.relayPid);
    const auto metrics = fetchMetrics(context.http);
    const double perConnKiB =
        set.authed() > 0 ? static_cast<double>(rssIdle - rssBefore) / set.authed() : 0;
    const qint64 extrapolated10k = rssBefore + static_cast<qint64>(perConnKiB * 10000.0);
    progress(u"relay RSS %1 -> %2 (%3 KiB per connection); relay reports %4 authenticated"_s
                 .arg(formatMiB(rssBefore), formatMiB(rssIdle))
                 .arg(perConnKiB, 0, 'f', 1)
                 .arg(metrics.value(u"hearth_authenticated_connections"_s, -1)));

    Report &r = context.report;
    r.add(phase, u"idle authenticated connections"_s,
          u"%1 of %2 (%3 failed)"_s.arg(set.authed()).arg(n).arg(set.failed()), u"10,000"_s,
          n >= 10000 ? verdict(set.authed() == n) : QString());
    r.add(phase, u"relay RSS before -> with idle connections"_s,
          formatMiB(rssBefore) + u" -> "_s + formatMiB(rssIdle));
    r.add(phase, u"relay RSS per idle connection"_s,
          QString::number(perConnKiB, 'f', 1) + u" KiB"_s);
    r.add(phase, u"relay RSS at 10,000 idle connections"_s,
          formatMiB(n >= 10000 ? rssIdle : extrapolated10k) +
              (n >= 10000 ? QString() : u" (extrapolated)"_s),
          u"<= 150 MiB"_s, verdict((n >= 10000 ? rssIdle : extrapolated10k) <= 150 * 1024));
    r.add(phase, u"connect + hello + auth rate"_s,
          formatCount(rate) + u"/s (window %1)"_s.arg(o.connectWindow), u">= 1,000/s"_s,
          verdict(rate >= 1000));
    r.add(phase, u"connect latency p50 / p99"_s,
          formatMs(set.latency().percentileMs(50)) + u" / "_s +
              formatMs(set.latency().percentileMs(99)));
    r.add(phase, u"relay / bench / other CPU during connects"_s,
          u"%1% / %2% / %3% of a core"_s.arg(cpu.relayPercent(), 0, 'f', 0)
              .arg(cpu.benchPercent(), 0, 'f', 0)
              .arg(cpu.otherPercent(), 0, 'f', 0));
    const qint64 overflows = counterDelta(tcpBefore, tcpAfter, u"ListenOverflows"_s);
    if (overflows > 0)
        r.note(
            u"connect ramp: kernel listen-queue overflows %1 (SYNs dropped, client retries)"_s.arg(
                overflows));

    // phase 2b: reconnect storm
    progress(u"phase 2: reconnect storm: drop all %1, reconnect at once"_s.arg(set.authed()));
    set.dropAll();
    tcpBefore = tcpExtCounters();
    cpu.start();
    const bool stormDone = set.connectAll(o.stormWindow, 120000);
    cpu.stop();
    tcpAfter = tcpExtCounters();
    const QString stormCpu = u"%1% / %2% / %3% of a core"_s.arg(cpu.relayPercent(), 0, 'f', 0)
                                 .arg(cpu.benchPercent(), 0, 'f', 0)
                                 .arg(cpu.otherPercent(), 0, 'f', 0);
    progress(
        u"%1 re-authenticated, %2 failed in %3 s; relay / bench / other CPU %4"_s.arg(set.authed())
            .arg(set.failed())
            .arg(set.seconds(), 0, 'f', 2)
            .arg(stormCpu));
    if (set.failed() > 0 || !stormDone)
        progress(u"failures: "_s + set.failureSummary() +
                 (stormDone ? QString() : u" (timeout)"_s));
    const double stormSeconds = set.seconds();
    const bool stormPass = stormDone && set.failed() == 0 && stormSeconds <= 15.0;
    r.add(phase, u"reconnect storm: all %1 re-authenticated"_s.arg(n),
          stormDone && set.failed() == 0
              ? QString::number(stormSeconds, 'f', 2) + u" s"_s
              : u"%1 of %2 in %3 s"_s.arg(set.authed()).arg(n).arg(stormSeconds, 0, 'f', 1),
          u"10,000 within 15 s"_s, n >= 10000 ? verdict(stormPass) : QString());
    r.add(phase, u"storm latency p50 / p99 / max"_s,
          formatMs(set.latency().percentileMs(50)) + u" / "_s +
              formatMs(set.latency().percentileMs(99)) + u" / "_s +
              formatMs(set.latency().maxMs()));
    r.add(phase, u"relay / bench / other CPU during storm"_s, stormCpu);
    if (set.failed() > 0)
        r.add(phase, u"storm failures"_s, set.failureSummary());
    const qint64 stormOverflows = counterDelta(tcpBefore, tcpAfter, u"ListenOverflows"_s);
    if (stormOverflows > 0)
        r.note(u"reconnect storm: kernel listen-queue overflows %1, drops %2 (SYN or final ACK "
               "dropped; clients retransmit after 1 s, 3 s, ...)"_s.arg(stormOverflows)
                   .arg(counterDelta(tcpBefore, tcpAfter, u"ListenDrops"_s)));
    spinFor(1000);
    r.add(phase, u"relay RSS after storm (peak)"_s,
          formatMiB(rssKiB(context.relayPid)) + u" ("_s + formatMiB(peakRssKiB(context.relayPid)) +
              u")"_s);

    set.dropAll();
    // the relay must have let go of them before the next phase measures anything
    (void)waitForMetrics(
        context.http,
        [](const QHash<QString, double> &m) { return m.value(u"hearth_connections"_s, 0) <= 0; },
        20000);
}

} // namespace hearth::bench
