// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/timeline_change.h"

#include <algorithm>

namespace hearth::engine {

std::optional<TimelineChange> relationChange(hearth::ConversationId conversation,
                                             const store::MessageContent &content) {
    if (content.relation == store::Relation::None || !content.target)
        return std::nullopt;
    TimelineChange change;
    change.conversation = conversation.value;
    switch (content.relation) {
    case store::Relation::Edit:
        change.kind = TimelineChange::Kind::Edited;
        break;
    case store::Relation::Delete:
        change.kind = TimelineChange::Kind::Removed;
        break;
    case store::Relation::React:
    case store::Relation::Unreact:
    case store::Relation::None:
        change.kind = TimelineChange::Kind::Reacted;
        break;
    }
    change.targets.append(*content.target);
    return change;
}

void addChanges(QList<TimelineChange> &changes, std::span<const store::IncomingEvent> events) {
    if (events.empty())
        return;
    auto appended = std::find_if(changes.begin(), changes.end(), [](const auto &c) {
        return c.kind == TimelineChange::Kind::Appended;
    });
    if (appended == changes.end()) {
        TimelineChange first;
        first.conversation = events.front().conversation.value;
        first.firstSeq = events.front().seq;
        changes.prepend(first);
        appended = changes.begin();
    }
    for (const store::IncomingEvent &event : events) {
        appended->firstSeq = std::min(appended->firstSeq, event.seq);
        appended->lastSeq = std::max(appended->lastSeq, event.seq);
    }
    for (const store::IncomingEvent &event : events) {
        if (event.kind != store::EventKind::Message ||
            event.decryption != store::DecryptionState::Ok)
            continue;
        auto change = relationChange(event.conversation, event.content);
        if (!change)
            continue;
        // why: a page of reactions to one message is one change, not one per reaction.
        const auto same = std::find_if(changes.begin(), changes.end(),
                                       [&](const auto &c) { return c.kind == change->kind; });
        if (same == changes.end())
            changes.append(*change);
        else if (!same->targets.contains(change->targets.constFirst()))
            same->targets.append(change->targets.constFirst());
    }
}

} // namespace hearth::engine
