// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/types.h"

namespace hearth::app {

//! What the app knows when a message arrives, for NotificationPolicy.
struct NotificationContext final {
    store::NotificationLevel level = store::NotificationLevel::All; //!< the conversation's level
    bool muted = false;               //!< the member muted the conversation
    bool notificationsEnabled = true; //!< the member's global setting
    bool windowActive = false;        //!< the app window has the focus…
    bool conversationShown = false;   //!< …and shows this conversation
    bool ownMessage = false;          //!< sent by the member (from any of their devices)
    bool mentionsMember = false;      //!< mentions the member (MarkdownRenderer::mentions)
};

//! Why a message does or does not make a desktop notification.
enum class NotificationVerdict {
    Notify,         //!< show it
    OwnMessage,     //!< the member wrote it
    Disabled,       //!< notifications are off in the settings
    AlreadyVisible, //!< the member is looking at that conversation
    Muted,          //!< the conversation is muted (mentions included)
    LevelNone,      //!< the conversation's level is "none"
    NotMentioned,   //!< the level is "mentions" and the message does not mention the member
};

//! The rule for notifying one incoming message. Pure: no state, no clock.
class NotificationPolicy final {
public:
    //! The first reason (in the order of NotificationVerdict) not to notify, or Notify.
    [[nodiscard]] static NotificationVerdict decide(const NotificationContext &context);
    [[nodiscard]] static bool shouldNotify(const NotificationContext &context) {
        return decide(context) == NotificationVerdict::Notify;
    }
};

} // namespace hearth::app
