// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/conversation_rows.h"

#include "app/markdown/markdown_renderer.h"
#include "sync/engine/conversation_info.h"
#include "sync/engine/payload_codec.h"
#include "sync/protocol/names.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hearth::app {

QString previewText(const store::TimelineEvent &event) {
    if (event.kind == store::EventKind::Membership)
        return {};
    if (event.deleted)
        return u"Message deleted"_s;
    if (event.decryption != store::DecryptionState::Ok)
        return u"Encrypted message"_s;
    return MarkdownRenderer().toPreview(event.text);
}

namespace {

//! The sidebar row of `summary`; `newestUnsent`: the conversation's newest unsent item, if any.
store::StoreResult<ConversationRow> rowOf(store::Store &store, const QString &self,
                                          const store::ConversationSummary &summary,
                                          const store::OutboxItem *newestUnsent) {
    const store::Conversation &c = summary.conversation;
    ConversationRow row;
    row.id = c.id.value;
    row.kind = protocol::kindName(c.kind.value_or(hearth::ConversationKind::Group));
    row.title = c.title;
    if (c.kind == hearth::ConversationKind::Dm) {
        auto members = store.conversations().members(c.id);
        if (!members)
            return members.error();
        for (const store::Member &m : *members) {
            if (m.user.name != self)
                row.peer = m.user.name;
        }
        row.title = row.peer.isEmpty() ? c.title : row.peer;
    }
    if (row.title.isEmpty())
        row.title = u"Untitled conversation"_s;
    row.unreadCount = summary.unreadCount;
    if (summary.lastMessage) {
        row.lastMessageText = previewText(*summary.lastMessage);
        row.lastMessageSender =
            summary.lastMessage->own ? u"You"_s : summary.lastMessage->sender.user.name;
        row.lastMessageTime = QDateTime::fromMSecsSinceEpoch(summary.lastMessage->ts);
    } else if (c.lastActivityTs > 0) {
        row.lastMessageTime = QDateTime::fromMSecsSinceEpoch(c.lastActivityTs);
    }
    if (newestUnsent && newestUnsent->createdTs >= row.lastMessageTime.toMSecsSinceEpoch()) {
        if (auto payload = engine::readPayload(newestUnsent->payload);
            payload && payload->content.relation == store::Relation::None) {
            row.lastMessageText = MarkdownRenderer().toPreview(payload->content.text);
            row.lastMessageSender = u"You"_s;
            row.lastMessageTime = QDateTime::fromMSecsSinceEpoch(newestUnsent->createdTs);
        }
    }
    row.muted = c.muted;
    row.notificationLevel = notificationLevelName(c.notificationLevel);
    row.draft = c.draft;
    row.member = !c.leftSeq.has_value();
    row.membershipAlert = c.membershipAlert == store::MembershipAlert::Fork ? u"fork"_s
                          : c.membershipAlert == store::MembershipAlert::RefusedChange
                              ? u"refused"_s
                              : QString();
    return row;
}

} // namespace

bool newerFirst(const ConversationRow &a, const ConversationRow &b) {
    return a.lastMessageTime > b.lastMessageTime;
}

store::StoreResult<QList<ConversationRow>> loadConversationRows(store::Store &store,
                                                                const QString &self) {
    auto summaries = store.timeline().summaries();
    if (!summaries)
        return summaries.error();
    // The newest unsent message of each conversation: written offline, it is the newest news.
    auto unsent = store.outbox().unsent();
    if (!unsent)
        return unsent.error();
    QHash<quint64, const store::OutboxItem *> newestUnsent;
    for (const store::OutboxItem &item : *unsent)
        newestUnsent.insert(item.conversation.value, &item);
    QList<ConversationRow> rows;
    rows.reserve(summaries->size());
    for (const store::ConversationSummary &summary : *summaries) {
        auto row = rowOf(store, self, summary, newestUnsent.value(summary.conversation.id.value));
        if (!row)
            return row.error();
        rows.append(row.value());
    }
    // A message written offline moves its conversation up, as a sent one would.
    std::stable_sort(rows.begin(), rows.end(), newerFirst);
    return rows;
}

store::StoreResult<std::optional<ConversationRow>>
loadConversationRow(store::Store &store, const QString &self, hearth::ConversationId id) {
    auto summary = store.timeline().summary(id);
    if (!summary)
        return summary.error();
    if (!*summary)
        return std::optional<ConversationRow>();
    auto unsent = store.outbox().unsent(id);
    if (!unsent)
        return unsent.error();
    auto row = rowOf(store, self, **summary, unsent->isEmpty() ? nullptr : &unsent->constLast());
    if (!row)
        return row.error();
    return std::optional(row.value());
}

} // namespace hearth::app
