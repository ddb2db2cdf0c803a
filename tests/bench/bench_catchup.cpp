// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-bench-catchup: a device's catch-up after being offline, end to end (docs/benchmarks.md,
// "Sync engine"). A real hearth-relay on loopback; alice sends N messages (default 100,000) to
// a group while bob's app is closed; then bob's app opens and catches up (fetch, verify,
// decrypt, store, index). Reported: the catch-up time and events/s, the part spent processing
// the pages (the local insert rate of received messages), peak RSS, database size.
// Not a test and not timed: hearth-bench-catchup [--events N] [--threads N] [--relay-arg=ARG]
#include "tests/bench/bench_util.h"
#include "tests/engine/bulk_sender.h"
#include "tests/engine/engine_harness.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTest>
#include <QThreadPool>
#include <cstdio>
#include <unistd.h>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QString g_summary; // the engine's "caught up: …" line of the measured catch-up

void captureSummary(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (qstrcmp(context.category, "hearth.engine.catchup") == 0 &&
        message.startsWith(u"caught up:"_s)) {
        g_summary = message;
        return;
    }
    if (type >= QtWarningMsg)
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

void row(const QString &metric, const QString &value) {
    std::printf("%-58s %s\n", qPrintable(metric), qPrintable(value));
    std::fflush(stdout);
}

QString number(double value, int decimals = 0) {
    return QString::number(value, 'f', decimals);
}

//! Resets this process's peak RSS (VmHWM) to its current RSS (Linux 4.0+).
void resetPeakRss() {
    QFile clear(u"/proc/self/clear_refs"_s);
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

qint64 directoryBytes(const QString &path) {
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

[[noreturn]] void fail(const QString &what) {
    std::fprintf(stderr, "hearth-bench-catchup: %s\n", qPrintable(what));
    std::exit(1);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Catch-up of N events by a device that was offline."_s);
    parser.addHelpOption();
    QCommandLineOption events(u"events"_s, u"Events sent while offline (100000)."_s, u"N"_s,
                              u"100000"_s);
    QCommandLineOption threads(u"threads"_s, u"Signature-check threads (default: cores)."_s,
                               u"N"_s);
    QCommandLineOption relayArg(u"relay-arg"_s, u"An extra hearth-relay argument."_s, u"ARG"_s);
    parser.addOptions({events, threads, relayArg});
    parser.process(app);
    const int count = parser.value(events).toInt();
    if (count <= 0)
        fail(u"--events must be positive"_s);
    if (parser.isSet(threads))
        QThreadPool::globalInstance()->setMaxThreadCount(parser.value(threads).toInt());

    QLoggingCategory::setFilterRules(u"hearth.*.debug=false"_s);
    qInstallMessageHandler(captureSummary);

    RelayProcess relay(QStringList{u"--limit"_s, u"rate_per_second=100000000"_s, u"--limit"_s,
                                   u"rate_burst=100000000"_s} +
                       parser.values(relayArg));
    if (!relay.start())
        fail(u"relay: "_s + relay.errorString());

    TestDevice alice, bob;
    if (const QString error = alice.registerAccount(relay.wsUrl(), u"alice"_s); !error.isEmpty())
        fail(u"register alice: "_s + error);
    if (const QString error = bob.registerAccount(relay.wsUrl(), u"bob"_s); !error.isEmpty())
        fail(u"register bob: "_s + error);
    const auto group =
        createConversation(alice.engine(), hearth::ConversationKind::Group, {u"bob"_s}, u"bench"_s);
    if (!group)
        fail(u"could not create the group"_s);
    if (!alice->sendText(*group, u"first"_s) ||
        !QTest::qWaitFor([&] { return bob.unread(*group) == 1; }, kEngineWaitMs))
        fail(u"bob did not get the first message (and with it the session key)"_s);
    bob.close();

    // why: ~100 bytes of text, like a chat message; the index must hold every word.
    const auto text = [](int i) {
        return u"message %1 of the catch-up benchmark: the quick brown fox jumps over the lazy "
               "dog"_s.arg(i);
    };
    QElapsedTimer sendTimer;
    sendTimer.start();
    quint64 lastSeq = 0;
    if (const QString error =
            BulkSender::send(alice.engine(), relay.wsUrl(), *group, count, text, &lastSeq);
        !error.isEmpty())
        fail(u"bulk send: "_s + error);
    const double sendSeconds = double(sendTimer.nsecsElapsed()) / 1e9;

    const qint64 rssBefore = bench::rssKiB(getpid());
    resetPeakRss();
    QElapsedTimer timer;
    timer.start();
    if (!bob.reopen())
        fail(u"bob's profile did not open"_s);
    if (!bob.waitCaughtUp(30 * 60 * 1000))
        fail(u"no catch-up within 30 minutes"_s);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 peak = bench::peakRssKiB(getpid());

    // The figures count only if everything arrived, once, in order.
    const qint64 unread = bob.unread(*group);
    const quint64 cursor = *bob->store().conversations().cursor(*group);
    if (unread != count + 1 || cursor != lastSeq)
        fail(u"incomplete catch-up: unread %1 (want %2), cursor %3 (want %4)"_s.arg(unread)
                 .arg(count + 1)
                 .arg(cursor)
                 .arg(lastSeq));
    const auto newest = bob->store().timeline().latest(*group, 1);
    if (!newest || newest->isEmpty() || newest->constFirst().text != text(count - 1))
        fail(u"the newest message is not the last one sent"_s);

    static const QRegularExpression summaryPattern(
        u"caught up: (\\d+) events in (\\d+) pages, (\\d+) ms, processing (\\d+) ms"_s);
    const QRegularExpressionMatch summary = summaryPattern.match(g_summary);

    row(u"events sent while offline"_s, number(count));
    row(u"bulk send by alice (encrypt + relay ack), s"_s,
        number(sendSeconds, 2) + u" ("_s + number(count / sendSeconds) + u" events/s)"_s);
    row(u"catch-up, app open -> caught up, s"_s, number(seconds, 2));
    row(u"catch-up rate, events/s"_s, number(count / seconds));
    // why: an engine that does not log its summary (an older build) still gets the totals.
    if (summary.hasMatch()) {
        const double engineMs = summary.captured(3).toDouble();
        const double processingMs = summary.captured(4).toDouble();
        row(u"  engine catch-up (convs + %1 pages + inbox), ms"_s.arg(summary.captured(2)),
            number(engineMs));
        row(u"  processing pages (verify + decrypt + store + index), ms"_s, number(processingMs));
        row(u"  the rest (open, connect, fetch, decode), ms"_s,
            number(seconds * 1000 - processingMs));
        row(u"local insert rate of received messages, events/s"_s,
            number(count / (processingMs / 1000)));
    } else {
        row(u"engine catch-up summary"_s, u"not logged by this engine"_s);
    }
    row(u"signature-check threads"_s,
        QString::number(QThreadPool::globalInstance()->maxThreadCount()));
    row(u"bench process RSS before catch-up, MiB"_s, number(double(rssBefore) / 1024, 1));
    row(u"bench process peak RSS during catch-up (VmHWM), MiB"_s, number(double(peak) / 1024, 1));
    row(u"relay peak RSS (VmHWM), MiB"_s, number(double(bench::peakRssKiB(relay.pid())) / 1024, 1));
    row(u"bob's profile on disk, MiB"_s,
        number(double(directoryBytes(bob.directory())) / (1024 * 1024), 1));
    row(u"machine: nproc / kernel / load average"_s,
        u"%1 / %2 / %3"_s.arg(sysconf(_SC_NPROCESSORS_ONLN))
            .arg(QSysInfo::kernelVersion(), bench::loadAverage()));
    return 0;
}
