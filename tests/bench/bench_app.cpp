// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-bench-app: the desktop app's start-up. Makes (once, then reuses) a real profile with N
// messages, starts the real `hearth` binary on it R times with the start-up trace on
// (HEARTH_TRACE_STARTUP, app/startup_trace.h) and reports the median and p90 of each milestone:
// first frame, unlock, interactive conversation list, conversation opened, resident memory.
// Not a test: it reports figures (stdout, and Markdown with --out).
//
//   hearth-bench-app [--messages 1000000] [--runs 11] [--dir DIR] [--hearth PATH]
//                    [--platform offscreen] [--out FILE.md]
#include "app/conversation_rows.h"
#include "app/timeline_model.h"
#include "app/timeline_rows.h"
#include "crypto/store_key.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"
#include "tests/bench/bench_app_profile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kPassphrase = "correct horse battery staple";
constexpr int kRunTimeoutMs = 120'000;

//! Milestones in the order the app reaches them, with the targets where it sets one.
struct Milestone final {
    const char *key;
    const char *what;
    const char *target;
};
constexpr Milestone kMilestones[] = {
    {"main_ms", "main() entered (exec, dynamic linking)", ""},
    {"qml_loaded_ms", "QML loaded (window created)", ""},
    {"unlock_start_ms", "Unlock started", ""},
    {"first_frame_ms", "First frame swapped", "< 400 ms"},
    {"unlock_done_ms", "Unlocked (stage \"ready\")", ""},
    {"list_loaded_ms", "Conversation list rows arrived on the UI thread", ""},
    {"list_interactive_ms", "Conversation list painted (interactive)", "< 800 ms"},
    {"open_start_ms", "Last conversation reopened (`App.current` set, views reacted)", ""},
    {"open_loaded_ms", "Its last page loaded into the model", ""},
    {"open_painted_ms", "Its last page painted", ""},
    {"conversation_open_ms", "Open at start: rows arrived to last page painted", "< 50 ms"},
    {"rss_mib", "Resident memory 2 s later (MiB)", "< 250 MiB"},
    {"hwm_mib", "Peak resident memory so far (MiB)", ""},
    {"switch_current_ms", "At rest, open another: to `App.current` set, views reacted", ""},
    {"switch_loaded_ms", "At rest, open another: to last page in the model", ""},
    {"switch_open_ms", "At rest, open another: click to last page painted", "< 50 ms"},
};

QString loadAverage() {
    QFile load(u"/proc/loadavg"_s);
    if (!load.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(load.readAll().trimmed());
}

//! Drops the page cache so the first run reads the profile from disk; false if not permitted.
bool dropCaches() {
    ::sync();
    QFile drop(u"/proc/sys/vm/drop_caches"_s);
    return drop.open(QIODevice::WriteOnly) && drop.write("3\n") == 2 && drop.flush();
}

//! One run of `hearth`: the trace's `name=value` pairs (empty on failure).
QMap<QString, double> runOnce(const QString &binary, const QString &platform,
                              const QString &directory) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, platform);
    env.insert(u"HEARTH_TRACE_STARTUP"_s, u"quit"_s);
    env.insert(u"HEARTH_BENCH_PASSPHRASE"_s, QString::fromLatin1(kPassphrase));
    // why: the app remembers the last conversation in QSettings; keep that out of $HOME.
    env.insert(u"XDG_CONFIG_HOME"_s, directory + u"/config"_s);
    QProcess hearth;
    hearth.setProcessEnvironment(env);
    hearth.start(binary, {u"--profile"_s, directory + u"/profile"_s});
    if (!hearth.waitForFinished(kRunTimeoutMs)) {
        hearth.kill();
        hearth.waitForFinished();
    }
    QMap<QString, double> values;
    const QByteArray err = hearth.readAllStandardError();
    for (const QByteArray &line : err.split('\n')) {
        if (!line.startsWith("hearth-trace: "))
            continue;
        const QList<QByteArray> pair = line.mid(14).split('=');
        if (pair.size() == 2)
            values.insert(QString::fromLatin1(pair.at(0)), pair.at(1).toDouble());
    }
    if (!values.contains(u"rss_mib"_s))
        QTextStream(stderr) << "hearth did not finish its trace (exit " << hearth.exitCode()
                            << "):\n"
                            << err.right(4000) << Qt::endl;
    return values;
}

//! Nearest-rank percentile of a non-empty list.
double percentile(QList<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

template <class F> double timeMs(F &&work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{u"messages"_s, u"Messages in the profile."_s, u"n"_s, u"1000000"_s},
         {u"runs"_s, u"Starts of the app."_s, u"n"_s, u"11"_s},
         {u"dir"_s, u"Directory for the cached profile."_s, u"dir"_s, u"/tmp/hearth-bench-app"_s},
         {u"hearth"_s, u"The hearth binary."_s, u"path"_s, QStringLiteral(HEARTH_APP_BINARY)},
         {u"platform"_s, u"QT_QPA_PLATFORM for the app."_s, u"name"_s, u"offscreen"_s},
         {u"out"_s, u"Also write the figures as Markdown to this file."_s, u"file"_s}});
    parser.process(app);
    QTextStream out(stdout);
    const QString directory = parser.value(u"dir"_s);
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());
    const QString binary = parser.value(u"hearth"_s);

    hearth::bench::ensureAppProfile({directory + u"/profile"_s, QByteArray(kPassphrase),
                                     parser.value(u"messages"_s).toULongLong()});
    QDir(directory + u"/config"_s).removeRecursively(); // no remembered conversation

    const QString loadBefore = loadAverage();
    QMap<QString, QList<double>> figures;
    bool cold = false;
    for (int run = 0; run < runs; ++run) {
        if (run == 0)
            cold = dropCaches();
        const QMap<QString, double> values =
            runOnce(binary, parser.value(u"platform"_s), directory);
        out << "run " << (run + 1) << (run == 0 ? (cold ? " (cold cache)" : " (warm cache)") : "")
            << ":";
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            figures[it.key()].append(*it);
            out << ' ' << it.key() << '=' << *it;
        }
        out << Qt::endl;
    }
    const QString loadAfter = loadAverage();

    // The parts the app's trace cannot split, measured here on the same profile and with the
    // app's own reader functions (warm cache; the first call on a fresh reader, then a median).
    const QString profileDir = directory + u"/profile"_s;
    const double argonMs = timeMs([] {
        (void)hearth::crypto::deriveStoreKey(kPassphrase, hearth::crypto::StoreSalt::generate(),
                                             hearth::crypto::PasswordHashCost::Interactive);
    });
    std::optional<hearth::store::Profile> profile;
    const double unlockMs = timeMs([&] {
        if (auto unlocked = hearth::store::Profile::unlock(profileDir, kPassphrase))
            profile = unlocked.value();
    });
    QStringList readerFigures;
    if (profile) {
        if (auto store = profile->openStore(hearth::store::Access::ReadOnly)) {
            hearth::store::Store &reader = *store.value();
            const hearth::app::MarkdownRenderer renderer(hearth::app::MarkdownStyle::light(),
                                                         u"me"_s);
            auto figure = [&](const QString &what, auto &&work) {
                const double first = timeMs(work);
                QList<double> again;
                for (int i = 0; i < 20; ++i)
                    again.append(timeMs(work));
                readerFigures.append(u"%1: %2 ms first, %3 ms median after"_s.arg(what)
                                         .arg(first, 0, 'f', 1)
                                         .arg(percentile(again, 0.5), 0, 'f', 1));
            };
            figure(u"sidebar rows (`loadConversationRows`)"_s,
                   [&] { (void)hearth::app::loadConversationRows(reader, u"me"_s); });
            for (const quint64 id : {1u, 2u}) {
                figure(u"last page of conversation %1 (`loadLatest`, %2 rows, markdown rendered)"_s
                           .arg(id)
                           .arg(hearth::app::TimelineModel::kPageSize),
                       [&] {
                           (void)hearth::app::loadLatest(reader, hearth::ConversationId{id},
                                                         hearth::app::TimelineModel::kPageSize,
                                                         renderer);
                       });
            }
        }
    }

    // Run 1 alone (the cold one when the cache could be dropped), then the others.
    QStringList rows{u"| milestone | run 1 (%1) | median, runs 2–%2 | p90, runs 2–%2 | max, runs "
                     "2–%2 | target |"_s.arg(cold ? u"cold cache"_s : u"warm"_s)
                         .arg(runs),
                     u"| --- | ---: | ---: | ---: | ---: | --- |"_s};
    for (const Milestone &milestone : kMilestones) {
        const QList<double> values = figures.value(QString::fromLatin1(milestone.key));
        if (values.isEmpty())
            continue;
        const QList<double> rest = values.size() > 1 ? values.mid(1) : values;
        rows.append(u"| %1 (`%2`) | %3 | %4 | %5 | %6 | %7 |"_s.arg(
            QString::fromUtf8(milestone.what), QString::fromLatin1(milestone.key),
            QString::number(values.first(), 'f', 1), QString::number(percentile(rest, 0.5), 'f', 1),
            QString::number(percentile(rest, 0.9), 'f', 1),
            QString::number(*std::max_element(rest.begin(), rest.end()), 'f', 1),
            QString::fromUtf8(milestone.target)));
    }
    rows.append(u""_s);
    rows.append(u"In-process, same profile, warm cache: Argon2id (interactive cost) %1 ms; "
                "Profile::unlock (Argon2id + open + schema check) %2 ms; on a fresh reader, "
                "%3."_s.arg(argonMs, 0, 'f', 0)
                    .arg(unlockMs, 0, 'f', 0)
                    .arg(readerFigures.join(u"; "_s)));
    rows.append(
        u"Runs: %1 (first %2); QT_QPA_PLATFORM=%3; load average before: %4; after: %5."_s.arg(runs)
            .arg(cold ? u"after dropping the page cache"_s
                      : u"warm: dropping the page cache was not permitted"_s,
                 parser.value(u"platform"_s), loadBefore, loadAfter));
    out << Qt::endl << rows.join(u'\n') << Qt::endl;
    if (parser.isSet(u"out"_s)) {
        QFile file(parser.value(u"out"_s));
        if (file.open(QIODevice::WriteOnly))
            file.write((rows.join(u'\n') + u'\n').toUtf8());
    }
    return figures.value(u"rss_mib"_s).size() == runs ? 0 : 1;
}
