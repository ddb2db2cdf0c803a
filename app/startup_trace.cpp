// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/startup_trace.h"

#include "app/app_controller.h"

#include <QCoreApplication>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! Time from the process start to markMain(), and a timer started there.
double s_mainOffsetMs = -1;
QElapsedTimer s_sinceMain;

//! How long ago the kernel started this process (exec included), from /proc/self/stat's
//! starttime: clock ticks after boot, so 10 ms granularity. -1 when unreadable.
double msSinceProcessStart() {
    QFile stat(u"/proc/self/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command name (which may hold spaces), from field 3 on; starttime is 22.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startMs = fields.at(19).toDouble() * 1000.0 / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
}

double nowMs() {
    if (s_mainOffsetMs < 0)
        StartupTrace::markMain();
    return s_mainOffsetMs + double(s_sinceMain.nsecsElapsed()) / 1e6;
}

void print(const char *name, double value, int decimals) {
    std::fprintf(stderr, "hearth-trace: %s=%.*f\n", name, decimals, value);
    std::fflush(stderr);
}

//! A "VmRSS:   123456 kB" line of /proc/self/status, in MiB (-1 when missing).
double statusMiB(const QByteArray &status, const QByteArray &key) {
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

void StartupTrace::markMain() {
    s_sinceMain.start();
    s_mainOffsetMs = std::max(0.0, msSinceProcessStart());
}

void StartupTrace::installIfRequested(QQmlApplicationEngine &engine, AppController &app) {
    const QByteArray mode = qgetenv("HEARTH_TRACE_STARTUP");
    if (mode.isEmpty())
        return;
    const auto roots = engine.rootObjects();
    auto *window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    if (!window) {
        std::fprintf(stderr, "hearth-trace: error=no window\n");
        return;
    }
    print("main_ms", s_mainOffsetMs, 0);
    auto *trace = new StartupTrace(*window, app, mode == "quit");
    trace->mark("qml_loaded_ms");
    // why: the benchmark must unlock without typing; read only while tracing, never for members.
    const QByteArray passphrase = qgetenv("HEARTH_BENCH_PASSPHRASE");
    if (!passphrase.isEmpty() && app.stage() == u"unlock"_s) {
        QTimer::singleShot(0, trace, [trace, passphrase] {
            trace->mark("unlock_start_ms");
            trace->m_app.unlock(QString::fromUtf8(passphrase));
        });
    }
}

StartupTrace::StartupTrace(QQuickWindow &window, AppController &app, bool quitAtEnd)
    : QObject(&window)
    , m_window(window)
    , m_app(app)
    , m_quitAtEnd(quitAtEnd) {
    // why: with the threaded render loop frameSwapped comes from the render thread; take the
    // time there, not when the (possibly busy) UI thread gets round to it.
    connect(
        &window, &QQuickWindow::frameSwapped, this,
        [this] {
            const double at = nowMs();
            QMetaObject::invokeMethod(this, [this, at] { onFrameSwapped(at); });
        },
        Qt::DirectConnection);
    connect(&app, &AppController::stageChanged, this, &StartupTrace::onStageChanged);
    // why: the app reacts to the rows first (it opens the last conversation before `loaded`
    // reaches this object), so their arrival is taken from the first insertion.
    connect(app.conversations(), &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        if (m_ready && m_listLoadedMs == 0)
            m_listLoadedMs = mark("list_loaded_ms");
    });
    connect(app.conversations(), &ConversationListModel::loaded, this, &StartupTrace::onListLoaded);
    connect(&app, &AppController::currentChanged, this, &StartupTrace::onCurrentChanged);
}

double StartupTrace::mark(const char *name) {
    const double at = nowMs();
    print(name, at, 0);
    return at;
}

void StartupTrace::onFrameSwapped(double at) {
    if (!std::exchange(m_firstFrame, true))
        print("first_frame_ms", at, 0);
    // A frame swapped before the rows arrived (but reported after) does not show them.
    if (m_listLoaded && at >= m_listLoadedMs && !std::exchange(m_listPainted, true))
        print("list_interactive_ms", at, 0);
    if (m_openLoaded && at >= m_openLoadedMs && !std::exchange(m_openPainted, true)) {
        if (m_opens == 1) {
            print("open_painted_ms", at, 0);
            // Opened in the same call as the rows arrived: count from there.
            print("conversation_open_ms", at - m_listLoadedMs, 1);
            QTimer::singleShot(2000, this, &StartupTrace::sampleMemory);
        } else {
            print("switch_loaded_ms", m_openLoadedMs - m_openStartMs, 1);
            print("switch_open_ms", at - m_openStartMs, 1);
            if (m_quitAtEnd)
                QCoreApplication::quit();
        }
    }
}

void StartupTrace::onStageChanged() {
    if (m_app.stage() == u"ready"_s && !std::exchange(m_ready, true))
        mark("unlock_done_ms");
}

void StartupTrace::onListLoaded() {
    if (!m_ready || m_listLoaded || m_app.conversations()->count() == 0)
        return;
    m_listLoaded = true;
    print("list_rows", m_app.conversations()->count(), 0);
    m_window.update(); // why: the frame that shows the rows; normally already scheduled
}

void StartupTrace::onCurrentChanged() {
    ConversationController *current = m_app.current();
    if (!current || m_opens == 2)
        return;
    m_openLoaded = m_openPainted = false;
    // App.current is set and the views have reacted to it (they are connected first).
    if (++m_opens == 1)
        mark("open_start_ms");
    else
        print("switch_current_ms", nowMs() - m_openStartMs, 1);
    m_timelineConnection =
        connect(current->timeline(), &TimelineModel::loaded, this, [this, current] {
            disconnect(m_timelineConnection);
            m_openLoaded = true;
            m_openLoadedMs = m_opens == 1 ? mark("open_loaded_ms") : nowMs();
            print(m_opens == 1 ? "timeline_rows" : "switch_timeline_rows",
                  current->timeline()->count(), 0);
            m_window.update();
        });
}

void StartupTrace::sampleMemory() {
    QFile status(u"/proc/self/status"_s);
    const QByteArray text = status.open(QIODevice::ReadOnly) ? status.readAll() : QByteArray();
    print("rss_mib", statusMiB(text, "VmRSS:"), 1);
    print("hwm_mib", statusMiB(text, "VmHWM:"), 1);
    // Then, at rest, switch to another conversation: the usual way one is opened.
    ConversationListModel &list = *m_app.conversations();
    const ConversationController *current = m_app.current();
    const int currentId = current ? current->conversationId() : 0;
    for (int row = 0; row < list.rowCount(); ++row) {
        const int id = list.index(row).data(ConversationListModel::ConversationIdRole).toInt();
        if (id != currentId) {
            m_openStartMs = nowMs(); // as a click on the sidebar would
            m_app.openConversation(id);
            return;
        }
    }
    if (m_quitAtEnd)
        QCoreApplication::quit();
}

} // namespace hearth::app
