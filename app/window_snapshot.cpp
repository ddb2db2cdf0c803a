// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window_snapshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hearth::app {

void WindowSnapshot::installIfRequested(QQmlApplicationEngine &engine) {
    const QString directory = qEnvironmentVariable("HEARTH_SNAPSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    new WindowSnapshot(engine, directory);
}

WindowSnapshot::WindowSnapshot(QQmlApplicationEngine &engine, QString directory)
    : QObject(&engine)
    , m_engine(engine)
    , m_directory(std::move(directory)) {
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &WindowSnapshot::poll);
    timer->start(100);
}

void WindowSnapshot::poll() {
    QFile request(m_directory + u"/request"_s);
    if (!request.exists() || !request.open(QIODevice::ReadOnly))
        return;
    const QStringList names = QString::fromUtf8(request.readAll()).split(u'\n', Qt::SkipEmptyParts);
    request.close();
    request.remove();
    const auto roots = m_engine.rootObjects();
    auto *window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        if (name == u"quit"_s) {
            QCoreApplication::quit();
            return;
        }
        if (window && !name.contains(u'/'))
            window->grabWindow().save(m_directory + u'/' + name + u".png"_s);
    }
}

} // namespace hearth::app
