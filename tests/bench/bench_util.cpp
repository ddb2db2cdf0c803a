// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/bench_util.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <limits>
#include <unistd.h>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

double LatencySamples::percentileMs(double p) {
    if (m_values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    if (!m_sorted) {
        std::sort(m_values.begin(), m_values.end());
        m_sorted = true;
    }
    const double rank = p / 100.0 * static_cast<double>(m_values.size() - 1);
    const auto index = static_cast<std::size_t>(std::llround(rank));
    return static_cast<double>(m_values[std::min(index, m_values.size() - 1)]) / 1e6;
}

double LatencySamples::maxMs() {
    if (m_values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(*std::max_element(m_values.begin(), m_values.end())) / 1e6;
}

namespace {

QByteArray readProcFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0; readAll reads until EOF
}

qint64 statusField(qint64 pid, QByteArrayView name) {
    const QByteArray status = readProcFile(u"/proc/%1/status"_s.arg(pid));
    for (const QByteArray &line : status.split('\n')) {
        if (!line.startsWith(name) || line.size() <= name.size() || line[name.size()] != ':')
            continue;
        const QByteArray value = line.mid(name.size() + 1).trimmed();
        const qsizetype space = value.indexOf(' ');
        bool ok = false;
        const qint64 number = (space < 0 ? value : value.left(space)).toLongLong(&ok);
        return ok ? number : -1;
    }
    return -1;
}

} // namespace

qint64 rssKiB(qint64 pid) {
    return statusField(pid, "VmRSS");
}
qint64 peakRssKiB(qint64 pid) {
    return statusField(pid, "VmHWM");
}

double cpuSeconds(qint64 pid) {
    const QByteArray stat = readProcFile(u"/proc/%1/stat"_s.arg(pid));
    // why: the command name (field 2) may contain spaces; fields are counted after its ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    if (fields.size() < 13)
        return -1;
    const double ticks = static_cast<double>(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

QString loadAverage() {
    const QList<QByteArray> fields = readProcFile(u"/proc/loadavg"_s).split(' ');
    if (fields.size() < 3)
        return {};
    return QString::fromLatin1(fields[0] + " / " + fields[1] + " / " + fields[2]);
}

double machineBusySeconds() {
    const QByteArray stat = readProcFile(u"/proc/stat"_s);
    const QList<QByteArray> fields = stat.left(stat.indexOf('\n')).simplified().split(' ');
    // cpu user nice system idle iowait irq softirq steal ...
    if (fields.size() < 9)
        return -1;
    qint64 busy = 0;
    for (int i : {1, 2, 3, 6, 7, 8})
        busy += fields[i].toLongLong();
    return static_cast<double>(busy) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void CpuMeter::start() {
    m_t0 = nowNs();
    m_all0 = machineBusySeconds();
    m_relay0 = cpuSeconds(m_relayPid);
    m_self0 = cpuSeconds(getpid());
}

void CpuMeter::stop() {
    m_t1 = nowNs();
    m_all1 = machineBusySeconds();
    m_relay1 = cpuSeconds(m_relayPid);
    m_self1 = cpuSeconds(getpid());
}

double CpuMeter::relayPercent() const {
    const double wall = secondsBetween(m_t0, m_t1);
    return wall > 0 ? 100.0 * (m_relay1 - m_relay0) / wall : 0;
}

double CpuMeter::benchPercent() const {
    const double wall = secondsBetween(m_t0, m_t1);
    return wall > 0 ? 100.0 * (m_self1 - m_self0) / wall : 0;
}

double CpuMeter::otherPercent() const {
    const double wall = secondsBetween(m_t0, m_t1);
    const double other = (m_all1 - m_all0) - (m_relay1 - m_relay0) - (m_self1 - m_self0);
    return wall > 0 ? qMax(0.0, 100.0 * other / wall) : 0;
}

QHash<QString, qint64> tcpExtCounters() {
    QHash<QString, qint64> counters;
    const QList<QByteArray> lines = readProcFile(u"/proc/net/netstat"_s).split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); i += 2) {
        if (!lines[i].startsWith("TcpExt:"))
            continue;
        const QList<QByteArray> names = lines[i].split(' ');
        const QList<QByteArray> values = lines[i + 1].split(' ');
        for (qsizetype k = 1; k < names.size() && k < values.size(); ++k)
            counters.insert(QString::fromLatin1(names[k]), values[k].toLongLong());
    }
    return counters;
}

bool waitFor(const std::function<bool()> &done, qint64 timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    // why: a heartbeat wakes the blocking event loop so the deadline is noticed even when
    // nothing else happens.
    QTimer heartbeat;
    heartbeat.setInterval(20);
    heartbeat.start();
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void spinFor(qint64 ms) {
    const QDeadlineTimer deadline(ms);
    (void)waitFor([&] { return deadline.hasExpired(); }, ms + 1000);
}

QHash<QString, double> fetchMetrics(const QUrl &httpUrl) {
    static QNetworkAccessManager *manager = new QNetworkAccessManager(QCoreApplication::instance());
    QUrl url = httpUrl;
    url.setPath(u"/metrics"_s);
    QNetworkReply *reply = manager->get(QNetworkRequest(url));
    const bool finished = waitFor([reply] { return reply->isFinished(); }, 5000);
    QHash<QString, double> metrics;
    if (finished && reply->error() == QNetworkReply::NoError) {
        const QList<QByteArray> lines = reply->readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype space = line.lastIndexOf(' ');
            if (space <= 0)
                continue;
            bool ok = false;
            const double value = line.mid(space + 1).toDouble(&ok);
            if (ok)
                metrics.insert(QString::fromUtf8(line.left(space)), value);
        }
    }
    if (!finished)
        reply->abort();
    reply->deleteLater();
    return metrics;
}

bool waitForMetrics(const QUrl &httpUrl,
                    const std::function<bool(const QHash<QString, double> &)> &done,
                    qint64 timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done(fetchMetrics(httpUrl))) {
        if (deadline.hasExpired())
            return false;
        spinFor(200);
    }
    return true;
}

void progress(const QString &text) {
    QTextStream(stdout) << "  " << text << Qt::endl;
}

QString formatCount(double value) {
    if (std::isnan(value))
        return u"n/a"_s;
    // thousands separators keep the big figures readable
    QString digits = QString::number(std::llround(value));
    for (qsizetype i = digits.size() - 3; i > (digits.startsWith(u'-') ? 1 : 0); i -= 3)
        digits.insert(i, u',');
    return digits;
}

QString formatMs(double ms) {
    if (std::isnan(ms))
        return u"n/a"_s;
    return QString::number(ms, 'f', ms < 10 ? 2 : 1) + u" ms"_s;
}

QString formatMiB(qint64 kib) {
    if (kib < 0)
        return u"n/a"_s;
    return QString::number(static_cast<double>(kib) / 1024.0, 'f', 1) + u" MiB"_s;
}

} // namespace hearth::bench
