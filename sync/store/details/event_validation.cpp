// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/event_validation.h"

namespace hearth::store::details {

using namespace Qt::Literals::StringLiterals;

namespace {

StoreFailure invalid(const QString &why) {
    return storeFailure(StoreError::InvalidArgument, u"(%1)"_s.arg(why));
}

bool validRef(const std::optional<EventRef> &ref) {
    return !ref || ref->isValid();
}

} // namespace

StoreStatus validateContent(const MessageContent &content) {
    if (!validRef(content.target) || !validRef(content.replyTo) || !validRef(content.threadRoot))
        return invalid(
            u"an event reference needs exactly one of seq and cmid, and a cmid its sender"_s);
    const bool isRelation = content.relation != Relation::None;
    if (isRelation != content.target.has_value())
        return invalid(u"relations, and only relations, name a target"_s);
    if (content.byModerator && content.relation != Relation::Delete)
        return invalid(u"only deletions are made by moderators"_s);
    return {};
}

StoreStatus validateEvent(const IncomingEvent &event) {
    if (event.seq == 0)
        return invalid(u"seq starts at 1"_s);
    if (event.sender.user.name.isEmpty())
        return invalid(u"an event needs its sender"_s);
    if ((event.kind == EventKind::Membership) != event.membership.has_value())
        return invalid(u"membership events, and only they, carry a membership change"_s);
    if (event.kind == EventKind::Membership) {
        if (event.membership->user.name.isEmpty())
            return invalid(u"a membership change names its member"_s);
        if (event.cmid)
            return invalid(u"membership events have no cmid"_s);
        return {};
    }
    if (event.decryption == DecryptionState::Ok)
        return validateContent(event.content);
    return {};
}

} // namespace hearth::store::details
