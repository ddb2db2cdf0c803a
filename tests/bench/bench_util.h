// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QUrl>
#include <chrono>
#include <functional>
#include <vector>

//! Small helpers shared by the relay benchmark phases: clocks, percentiles, /proc readings,
//! the relay's /metrics and bounded waits on the event loop.
namespace hearth::bench {

//! Steady-clock nanoseconds (CLOCK_MONOTONIC); comparable across every client in the process.
[[nodiscard]] inline qint64 nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

[[nodiscard]] inline double secondsBetween(qint64 fromNs, qint64 toNs) {
    return static_cast<double>(toNs - fromNs) / 1e9;
}

//! A sample of latencies in nanoseconds; percentiles are exact (sorted on demand).
class LatencySamples final {
public:
    void add(qint64 ns) {
        m_values.push_back(ns);
        m_sorted = false;
    }
    [[nodiscard]] std::size_t count() const { return m_values.size(); }
    //! Percentile in milliseconds (p in [0, 100]); NaN when empty.
    [[nodiscard]] double percentileMs(double p);
    [[nodiscard]] double maxMs();
    void clear() {
        m_values.clear();
        m_sorted = false;
    }

private:
    std::vector<qint64> m_values;
    bool m_sorted = false;
};

//! Resident set size of a process in KiB (VmRSS), or -1.
[[nodiscard]] qint64 rssKiB(qint64 pid);
//! Peak resident set size of a process in KiB (VmHWM), or -1.
[[nodiscard]] qint64 peakRssKiB(qint64 pid);
//! User + system CPU time of a process in seconds (all threads), or -1.
[[nodiscard]] double cpuSeconds(qint64 pid);
//! Busy CPU time of the whole machine in seconds (all cores, /proc/stat).
[[nodiscard]] double machineBusySeconds();
//! The machine's load average, "1-min / 5-min / 15-min" from /proc/loadavg (empty on failure).
[[nodiscard]] QString loadAverage();

//! CPU usage of the relay and of this process between two points in time.
class CpuMeter final {
public:
    explicit CpuMeter(qint64 relayPid)
        : m_relayPid(relayPid) {}
    void start();
    void stop();
    //! Percent of one core over the interval.
    [[nodiscard]] double relayPercent() const;
    [[nodiscard]] double benchPercent() const;
    //! CPU used by everything else on the machine (other jobs sharing it), percent of a core.
    [[nodiscard]] double otherPercent() const;

private:
    qint64 m_relayPid;
    qint64 m_t0 = 0, m_t1 = 0;
    double m_relay0 = 0, m_relay1 = 0, m_self0 = 0, m_self1 = 0, m_all0 = 0, m_all1 = 0;
};

//! Kernel TCP counters (TcpExt in /proc/net/netstat), e.g. ListenOverflows, ListenDrops.
[[nodiscard]] QHash<QString, qint64> tcpExtCounters();

//! Runs the event loop until `done` returns true or `timeoutMs` passes; true when done.
bool waitFor(const std::function<bool()> &done, qint64 timeoutMs);
//! Runs the event loop for `ms` milliseconds.
void spinFor(qint64 ms);

//! GET http://.../metrics from the relay and parse the Prometheus text into name{labels} ->
//! value. Empty on failure.
[[nodiscard]] QHash<QString, double> fetchMetrics(const QUrl &httpUrl);

//! Polls /metrics every 200 ms until `done(metrics)` or `timeoutMs`; true when done.
bool waitForMetrics(const QUrl &httpUrl,
                    const std::function<bool(const QHash<QString, double> &)> &done,
                    qint64 timeoutMs);

//! Prints an indented progress line on stdout, at once.
void progress(const QString &text);

[[nodiscard]] QString formatCount(double value);
[[nodiscard]] QString formatMs(double ms);
[[nodiscard]] QString formatMiB(qint64 kib);

} // namespace hearth::bench
