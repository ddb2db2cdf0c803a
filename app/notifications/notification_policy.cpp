// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/notifications/notification_policy.h"

namespace hearth::app {

NotificationVerdict NotificationPolicy::decide(const NotificationContext &context) {
    if (context.ownMessage)
        return NotificationVerdict::OwnMessage;
    if (!context.notificationsEnabled)
        return NotificationVerdict::Disabled;
    // why both: a conversation on screen in a window in the background is not being read.
    if (context.windowActive && context.conversationShown)
        return NotificationVerdict::AlreadyVisible;
    if (context.muted)
        return NotificationVerdict::Muted;
    switch (context.level) {
    case store::NotificationLevel::None:
        return NotificationVerdict::LevelNone;
    case store::NotificationLevel::Mentions:
        return context.mentionsMember ? NotificationVerdict::Notify
                                      : NotificationVerdict::NotMentioned;
    case store::NotificationLevel::All:
        break;
    }
    return NotificationVerdict::Notify;
}

} // namespace hearth::app
