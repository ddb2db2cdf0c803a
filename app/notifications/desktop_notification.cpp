// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/notifications/desktop_notification.h"

#include <QStringList>

namespace hearth::app {

using namespace Qt::StringLiterals;

namespace {

DesktopNotification oneMessage(const NotifiableMessage &message, bool hidePreviews) {
    DesktopNotification out;
    if (message.directMessage)
        out.summary = hidePreviews ? u"New message"_s : message.senderName;
    else
        out.summary = u"%1 in %2"_s.arg(message.senderName, message.conversationTitle);
    if (!hidePreviews)
        out.body = message.text;
    return out;
}

DesktopNotification oneConversation(const QList<NotifiableMessage> &messages, bool hidePreviews) {
    const NotifiableMessage &latest = messages.last();
    const QString count = QString::number(messages.size());
    DesktopNotification out;
    if (latest.directMessage) {
        out.summary = hidePreviews
                          ? u"%1 new messages"_s.arg(count)
                          : u"%1 new messages from %2"_s.arg(count, latest.conversationTitle);
        if (!hidePreviews)
            out.body = latest.text;
    } else {
        out.summary = u"%1 new messages in %2"_s.arg(count, latest.conversationTitle);
        if (!hidePreviews)
            out.body = u"%1: %2"_s.arg(latest.senderName, latest.text);
    }
    return out;
}

} // namespace

DesktopNotification summarizeMessages(const QList<NotifiableMessage> &messages, bool hidePreviews) {
    if (messages.isEmpty())
        return {};
    QList<hearth::ConversationId> conversations;
    QStringList titles;
    for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
        if (!conversations.contains(it->conversation)) {
            conversations.push_back(it->conversation);
            titles.push_back(it->conversationTitle);
        }
    }

    DesktopNotification out;
    if (conversations.size() > 1) {
        out.summary = u"%1 new messages in %2 conversations"_s.arg(
            QString::number(messages.size()), QString::number(conversations.size()));
        if (!hidePreviews)
            out.body = titles.join(u", "_s);
    } else if (messages.size() == 1) {
        out = oneMessage(messages.first(), hidePreviews);
    } else {
        out = oneConversation(messages, hidePreviews);
    }
    out.conversation = messages.last().conversation;
    out.conversations = std::move(conversations);
    out.messageCount = static_cast<int>(messages.size());
    return out;
}

} // namespace hearth::app
