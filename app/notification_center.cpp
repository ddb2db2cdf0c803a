// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/notification_center.h"

#include "app/conversation_list_model.h"
#include "app/engine_host.h"
#include "app/markdown/markdown_renderer.h"
#include "app/notifications/notification_policy.h"
#include "app/settings_controller.h"

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! At most this many new messages of one conversation are looked at per change.
constexpr int kMaxPerRead = 100;

using Latest = QHash<quint64, quint64>;

store::StoreResult<Latest> latestSeqs(store::Store &store) {
    auto conversations = store.conversations().conversations();
    if (!conversations)
        return conversations.error();
    Latest latest;
    for (const store::Conversation &c : *conversations) {
        auto newest = store.timeline().latest(c.id, 1);
        if (!newest)
            return newest.error();
        latest.insert(c.id.value, newest->isEmpty() ? 0 : newest->last().seq);
    }
    return latest;
}

} // namespace

NotificationCenter::NotificationCenter(EngineHost &host, ConversationListModel &conversations,
                                       SettingsController &settings, FocusProbe focus,
                                       QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_conversations(conversations)
    , m_settings(settings)
    , m_focus(std::move(focus)) {
    m_notifier.setAppName(u"Hearth"_s);
    m_notifier.setDesktopEntry(u"org.hearth.Hearth"_s);
    m_notifier.setAppIcon(u"mail-message-new"_s);
    connect(&m_batcher, &NotificationBatcher::ready, this,
            [this](const DesktopNotification &notification) {
                m_notifier.show(notification);
                Q_EMIT shown(notification);
            });
    connect(&m_notifier, &DesktopNotifier::activated, this,
            [this](hearth::ConversationId conversation) { Q_EMIT activated(conversation.value); });
}

void NotificationCenter::start() {
    m_host.read(this, latestSeqs, [this](const store::StoreResult<Latest> &r) {
        if (r)
            m_seen.insert(r.value());
        m_started = true;
    });
}

void NotificationCenter::onEventsChanged(quint64 conversation) {
    if (m_started)
        collect(conversation);
}

void NotificationCenter::collect(quint64 conversation) {
    const quint64 after = m_seen.value(conversation, 0);
    const hearth::ConversationId id{conversation};
    m_host.read(
        this,
        [id, after](store::Store &store) { return store.timeline().after(id, after, kMaxPerRead); },
        [this, conversation](const store::StoreResult<QList<store::TimelineEvent>> &events) {
            if (!events || events->isEmpty())
                return;
            quint64 &seen = m_seen[conversation];
            const auto row = m_conversations.find(conversation);
            const auto [windowActive, shownConversation] = m_focus();
            const MarkdownRenderer renderer(MarkdownStyle::light(), m_host.userName());
            for (const store::TimelineEvent &event : *events) {
                if (event.seq <= seen)
                    continue;
                seen = event.seq;
                if (!row || event.kind != store::EventKind::Message || event.deleted)
                    continue;
                const bool readable = event.decryption == store::DecryptionState::Ok;
                NotificationContext context;
                context.level = notificationLevelFrom(row->notificationLevel)
                                    .value_or(store::NotificationLevel::All);
                context.muted = row->muted;
                context.notificationsEnabled = m_settings.notificationsEnabled();
                context.windowActive = windowActive;
                context.conversationShown = shownConversation == conversation;
                context.ownMessage = event.own;
                context.mentionsMember = readable && renderer.mentions(event.text);
                if (!NotificationPolicy::shouldNotify(context))
                    continue;
                m_batcher.setHidePreviews(!m_settings.notificationPreviews());
                m_batcher.add(NotifiableMessage{hearth::ConversationId{conversation}, row->title,
                                                row->kind == u"dm"_s, event.sender.user.name,
                                                readable ? renderer.toPreview(event.text)
                                                         : u"Encrypted message"_s});
            }
        });
}

} // namespace hearth::app
