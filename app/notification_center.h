// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/notifications/desktop_notifier.h"
#include "app/notifications/notification_batcher.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace hearth::app {

class ConversationListModel;
class EngineHost;
class SettingsController;

//! Turns arriving messages into desktop notifications: reads what is new in a conversation
//! (on the reader), asks NotificationPolicy about each message, batches them and shows the
//! result. Messages already stored when the app opened never notify.
class NotificationCenter final : public QObject {
    Q_OBJECT

public:
    //! What the app shows right now: whether its window is active and which conversation.
    using FocusProbe = std::function<std::pair<bool, quint64>()>;

    NotificationCenter(EngineHost &host, ConversationListModel &conversations,
                       SettingsController &settings, FocusProbe focus, QObject *parent = nullptr);

    //! Marks everything stored now as seen (call once the conversation list first loaded).
    void start();
    //! New events may have arrived in `conversation`.
    void onEventsChanged(quint64 conversation);
    [[nodiscard]] DesktopNotifier &notifier() { return m_notifier; }

Q_SIGNALS:
    //! The member clicked a notification.
    void activated(quint64 conversation);
    //! A notification was handed to the desktop (tests observe it).
    void shown(const hearth::app::DesktopNotification &notification);

private:
    void collect(quint64 conversation);

    EngineHost &m_host;
    ConversationListModel &m_conversations;
    SettingsController &m_settings;
    FocusProbe m_focus;
    DesktopNotifier m_notifier;
    NotificationBatcher m_batcher;
    QHash<quint64, quint64> m_seen; // per conversation: the newest seq already considered
    bool m_started = false;
};

} // namespace hearth::app
