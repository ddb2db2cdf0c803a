// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QMetaObject>
#include <QObject>

class QQmlApplicationEngine;
class QQuickWindow;

namespace hearth::app {

class AppController;

//! Start-up milestones for the desktop app benchmark (tests/bench/bench_app*.cpp,
//! docs/benchmarks.md "Desktop app"). Driven by the environment, so members never see it:
//! HEARTH_TRACE_STARTUP=1 prints one line per milestone to stderr, as
//! `hearth-trace: <name>_ms=<milliseconds since the process started>` (and `rss_mib=`,
//! `hwm_mib=` about 2 s after the opened conversation was painted, then `switch_open_ms=` for
//! opening another conversation at rest); HEARTH_TRACE_STARTUP=quit also quits then. For the
//! benchmark only, HEARTH_BENCH_PASSPHRASE (read only while tracing) unlocks the profile at start,
//! as the demo profiles do.
class StartupTrace final : public QObject {
    Q_OBJECT

public:
    //! Notes the time main() was entered; call first thing in main(). Cheap and silent.
    static void markMain();
    //! Watches `engine`'s window and `app`; does nothing unless HEARTH_TRACE_STARTUP is set.
    static void installIfRequested(QQmlApplicationEngine &engine, AppController &app);

private:
    StartupTrace(QQuickWindow &window, AppController &app, bool quitAtEnd);
    //! On the UI thread; `at`: when the render loop swapped the frame.
    void onFrameSwapped(double at);
    void onStageChanged();
    void onListLoaded();
    void onCurrentChanged();
    void sampleMemory();
    //! Prints `name=` for now and returns now.
    double mark(const char *name);

    QQuickWindow &m_window;
    AppController &m_app;
    bool m_quitAtEnd = false;
    bool m_firstFrame = false;
    bool m_ready = false;
    bool m_listLoaded = false;
    bool m_listPainted = false;
    int m_opens = 0; //!< conversations opened: the start-up one, then one switched to
    bool m_openLoaded = false;
    bool m_openPainted = false;
    double m_listLoadedMs = 0;
    double m_openStartMs = 0;
    double m_openLoadedMs = 0;
    QMetaObject::Connection m_timelineConnection;
};

} // namespace hearth::app
