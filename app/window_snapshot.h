// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QQmlApplicationEngine;
class QQuickWindow;

namespace hearth::app {

//! Saves the app window to files on request, for the end-to-end UI test, the documented
//! screenshots and the start-up benchmark. Driven by the environment, so members never see it:
//! HEARTH_SNAPSHOT_DIR=<dir> enables it; each line written to the file <dir>/request is one
//! request (polled every 100 ms):
//! - `<name>` saves the window as <dir>/<name>.png;
//! - `texts:<name>` saves <dir>/<name>.txt: what the window shows as text, one item per line
//!   (visibleTexts()) — in test builds only (HEARTH_TEST_HOOKS); elsewhere it is ignored;
//! - `quit` quits.
//! Files appear complete (written aside, then renamed), so a poller never reads half a file.
class WindowSnapshot final : public QObject {
    Q_OBJECT

public:
    //! Watches `engine`'s first window; does nothing unless HEARTH_SNAPSHOT_DIR is set.
    static void installIfRequested(QQmlApplicationEngine &engine);

    //! The text of every Text, TextEdit and TextInput item (so Label, TextField, TextArea) a
    //! member can see in `window`, in item-tree order: visible, not fully transparent, inside
    //! the window and inside every clipping ancestor (a scrolled-away list row is left out).
    //! Rich text is given as plain text, password fields as their mask; line breaks inside an
    //! item become spaces, so each line is one item. An item covered by another (under a popup)
    //! is still listed.
#ifdef HEARTH_TEST_HOOKS
    [[nodiscard]] static QStringList visibleTexts(QQuickWindow &window);
#endif

private:
    WindowSnapshot(QQmlApplicationEngine &engine, QString directory);
    void poll();

    QQmlApplicationEngine &m_engine;
    QString m_directory;
};

} // namespace hearth::app
