// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/notifications/desktop_notification.h"

#include <QObject>
#include <QTimer>
#include <chrono>

namespace hearth::app {

//! Gathers the messages that arrive close together into one notification: the first message
//! opens a window (kDefaultWindow), and when it ends — or at flush() — everything gathered
//! becomes one DesktopNotification (summarizeMessages). Lives on the UI thread.
class NotificationBatcher final : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultWindow{1500};

    explicit NotificationBatcher(QObject *parent = nullptr);

    //! How long a batch stays open. Zero: never by itself, only at flush() (tests).
    void setWindow(std::chrono::milliseconds window);
    [[nodiscard]] std::chrono::milliseconds window() const { return m_window; }

    //! The member's "hide previews" setting: no text, and no sender for DMs. Applies to the
    //! next flush.
    void setHidePreviews(bool hide) { m_hidePreviews = hide; }
    [[nodiscard]] bool hidePreviews() const { return m_hidePreviews; }

    //! Adds a message (one that NotificationPolicy let through) to the open batch.
    void add(NotifiableMessage message);
    //! Drops what waits for `conversation` (the member just opened it).
    void discard(hearth::ConversationId conversation);
    //! Messages in the open batch.
    [[nodiscard]] qsizetype pendingCount() const { return m_pending.size(); }

public Q_SLOTS:
    //! Ends the batch now: emits ready() when it holds any message.
    void flush();

Q_SIGNALS:
    void ready(const hearth::app::DesktopNotification &notification);

private:
    QList<NotifiableMessage> m_pending;
    QTimer m_timer;
    std::chrono::milliseconds m_window = kDefaultWindow;
    bool m_hidePreviews = false;
};

} // namespace hearth::app
