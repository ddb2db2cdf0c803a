// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/notifications/notification_batcher.h"

namespace hearth::app {

NotificationBatcher::NotificationBatcher(QObject *parent)
    : QObject(parent) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &NotificationBatcher::flush);
}

void NotificationBatcher::setWindow(std::chrono::milliseconds window) {
    m_window = window;
    if (m_window.count() <= 0)
        m_timer.stop();
}

void NotificationBatcher::add(NotifiableMessage message) {
    m_pending.push_back(std::move(message));
    // why not restarted by later messages: a steady stream still notifies once per window.
    if (m_window.count() > 0 && !m_timer.isActive())
        m_timer.start(m_window);
}

void NotificationBatcher::discard(hearth::ConversationId conversation) {
    m_pending.removeIf(
        [&](const NotifiableMessage &message) { return message.conversation == conversation; });
    if (m_pending.isEmpty())
        m_timer.stop();
}

void NotificationBatcher::flush() {
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<NotifiableMessage> batch = std::exchange(m_pending, {});
    Q_EMIT ready(summarizeMessages(batch, m_hidePreviews));
}

} // namespace hearth::app
