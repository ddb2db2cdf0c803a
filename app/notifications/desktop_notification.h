// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"

#include <QList>
#include <QString>

namespace hearth::app {

//! One message that passed NotificationPolicy, as NotificationBatcher collects it.
struct NotifiableMessage final {
    hearth::ConversationId conversation;
    QString conversationTitle; //!< "Garden club"; for a DM, the other member's name
    bool directMessage = false;
    QString senderName;
    QString text; //!< one plain line (MarkdownRenderer::toPreview)
};

//! One desktop notification, as DesktopNotifier shows it. Texts are plain (not markup).
struct DesktopNotification final {
    hearth::ConversationId conversation;         //!< what activating it opens: the latest message's
    QList<hearth::ConversationId> conversations; //!< every conversation it covers, latest first
    int messageCount = 0;
    QString summary; //!< "alice in Garden club", "3 new messages in Garden club"…
    QString body;    //!< the message, the latest one, or the conversations; empty: no preview

    friend bool operator==(const DesktopNotification &, const DesktopNotification &) = default;
};

//! The notification for `messages` (oldest first, at least one). With `hidePreviews` it shows
//! no message text, and no sender or title of a DM.
[[nodiscard]] DesktopNotification summarizeMessages(const QList<NotifiableMessage> &messages,
                                                    bool hidePreviews);

} // namespace hearth::app
