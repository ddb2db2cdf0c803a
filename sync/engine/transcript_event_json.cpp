// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/transcript_event_json.h"

#include "sync/protocol/names.h"

#include <QJsonArray>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject membershipJson(const store::TimelineEvent &event, QJsonObject json) {
    json.insert(u"kind"_s, u"membership"_s);
    json.insert(u"action"_s, QString(protocol::actionName(event.membership->action)));
    json.insert(u"user"_s, event.membership->user.name);
    if (event.membership->trust) {
        // why: a script must be able to tell a verified change from the relay's claim.
        json.insert(u"trust"_s, *event.membership->trust == store::MemberTrust::Signed ? u"signed"_s
                                : *event.membership->trust == store::MemberTrust::ByRelay
                                    ? u"relay"_s
                                    : u"refused"_s);
    }
    return json;
}

} // namespace

SignatureMark signatureMark(const store::TimelineEvent &event, const DeviceAddress &thisDevice) {
    if (event.decryption != store::DecryptionState::Ok)
        return SignatureMark::Unverified;
    // why: the outbox stores this device's own messages when the relay acknowledges them; they
    // never go through PageDecryptor, so their signature was made here, not checked here.
    return event.sender == thisDevice ? SignatureMark::ThisDevice : SignatureMark::Verified;
}

QLatin1StringView signatureName(SignatureMark mark) {
    switch (mark) {
    case SignatureMark::Verified:
        return "verified"_L1;
    case SignatureMark::ThisDevice:
        return "this_device"_L1;
    case SignatureMark::Unverified:
        break;
    }
    return "unverified"_L1;
}

QJsonObject transcriptEventJson(const store::TimelineEvent &event,
                                const DeviceAddress &thisDevice) {
    QJsonObject json{{u"seq"_s, qint64(event.seq)},
                     {u"ts"_s, event.ts},
                     {u"sender"_s, event.sender.user.name},
                     {u"device"_s, qint64(event.sender.device.value)}};
    if (event.membership)
        return membershipJson(event, std::move(json));
    json.insert(u"kind"_s, u"message"_s);
    switch (event.decryption) {
    case store::DecryptionState::Ok:
        json.insert(u"text"_s, event.text);
        break;
    case store::DecryptionState::Pending:
        json.insert(u"undecrypted"_s, u"waiting for key"_s);
        break;
    case store::DecryptionState::Failed:
        json.insert(u"undecrypted"_s, u"cannot decrypt"_s);
        break;
    }
    json.insert(u"signature"_s, QString(signatureName(signatureMark(event, thisDevice))));
    if (event.cmid)
        json.insert(u"cmid"_s, QString::fromLatin1(event.cmid->bytes().toHex()));
    if (event.editedTs)
        json.insert(u"edited_ts"_s, *event.editedTs);
    if (event.deleted)
        json.insert(u"deleted"_s, true);
    QJsonArray reactions;
    for (const store::ReactionGroup &group : event.reactions) {
        QJsonArray users;
        for (const hearth::UserId &user : group.users)
            users.append(user.name);
        reactions.append(QJsonObject{{u"emoji"_s, group.emoji}, {u"users"_s, users}});
    }
    if (!reactions.isEmpty())
        json.insert(u"reactions"_s, reactions);
    return json;
}

QJsonObject conversationJson(const store::Conversation &conversation) {
    QJsonObject json{{u"conv"_s, qint64(conversation.id.value)}, {u"title"_s, conversation.title}};
    if (conversation.kind)
        json.insert(u"kind"_s, QString(protocol::kindName(*conversation.kind)));
    return json;
}

} // namespace hearth::engine
