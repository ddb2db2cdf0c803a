// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/idle_watcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>

namespace hearth::app {

IdleWatcher::IdleWatcher(QObject *parent)
    : QObject(parent) {
    m_timer.setInterval(15000);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatcher::check);
}

IdleWatcher::~IdleWatcher() {
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleWatcher::start() {
    m_lastInputMs = QDateTime::currentMSecsSinceEpoch();
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event) {
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        m_lastInputMs = QDateTime::currentMSecsSinceEpoch();
        if (m_away)
            check();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void IdleWatcher::check() {
    const bool idle = QDateTime::currentMSecsSinceEpoch() - m_lastInputMs > kAwayAfterMs;
    if (idle == m_away)
        return;
    m_away = idle;
    Q_EMIT awayChanged(idle);
}

} // namespace hearth::app
