// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QQmlApplicationEngine;

namespace hearth::app {

//! Saves the app window to PNG files on request, for the end-to-end UI test, the documented
//! screenshots and the start-up benchmark. Driven by the environment, so members never see it:
//! HEARTH_SNAPSHOT_DIR=<dir> enables it; each line "<name>" written to the file
//! <dir>/request saves <dir>/<name>.png (polled every 100 ms); the name "quit" quits.
class WindowSnapshot final : public QObject {
    Q_OBJECT

public:
    //! Watches `engine`'s first window; does nothing unless HEARTH_SNAPSHOT_DIR is set.
    static void installIfRequested(QQmlApplicationEngine &engine);

private:
    WindowSnapshot(QQmlApplicationEngine &engine, QString directory);
    void poll();

    QQmlApplicationEngine &m_engine;
    QString m_directory;
};

} // namespace hearth::app
