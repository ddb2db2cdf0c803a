// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/account_export.h"

#include "crypto/fingerprint.h"
#include "sync/engine/awareness.h"
#include "sync/engine/read_state.h"
#include "sync/engine/setting_names.h"
#include "sync/engine/transcript_event_json.h"
#include "sync/engine/transcript_json_writer.h"
#include "sync/protocol/names.h"
#include "sync/store/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {

QString trustName(store::Trust trust) {
    switch (trust) {
    case store::Trust::Verified:
        return u"verified"_s;
    case store::Trust::Blocked:
        return u"blocked"_s;
    case store::Trust::Unverified:
        break;
    }
    return u"unverified"_s;
}

//! The account, its devices and settings: everything before the conversations.
Result<QJsonObject, ExportError> accountFields(store::Store &store, const store::Account &account,
                                               qint64 exportedTs) {
    QJsonObject fields{{u"format"_s, u"hearth-account"_s},
                       {u"schema_version"_s, kExportSchemaVersion},
                       {u"exported_ts"_s, exportedTs}};
    QJsonObject accountJson{{u"user"_s, account.user.name},
                            {u"device"_s, qint64(account.device.value)},
                            {u"relay"_s, account.relayUrl},
                            {u"created_ts"_s, account.createdTs}};
    auto known = store.contacts().user(account.user);
    if (!known)
        return storeExportError(known.error().message);
    if (*known && (*known)->accountKey)
        accountJson.insert(u"fingerprint"_s,
                           crypto::accountFingerprint(account.user, *(*known)->accountKey));
    fields.insert(u"account"_s, accountJson);

    auto devices = store.contacts().devices(account.user);
    if (!devices)
        return storeExportError(devices.error().message);
    QJsonArray devicesJson;
    for (const store::KnownDevice &device : *devices) {
        devicesJson.append(QJsonObject{
            {u"device"_s, qint64(device.keys.id.value)},
            {u"this_device"_s, device.keys.id == account.device},
            {u"signing_key"_s, QString::fromLatin1(device.keys.signingKey.bytes().toHex())},
            {u"dh_key"_s, QString::fromLatin1(device.keys.dhKey.bytes().toHex())},
            {u"trust"_s, trustName(device.trust)},
            {u"on_signed_list"_s, device.onSignedList},
            {u"first_seen_ts"_s, device.firstSeenTs}});
    }
    fields.insert(u"devices"_s, devicesJson);

    QJsonObject settings;
    auto receipts = store.account().setting(QString::fromLatin1(ReadState::kReceiptsSetting));
    if (!receipts)
        return storeExportError(receipts.error().message);
    settings.insert(u"read_receipts"_s, !*receipts || **receipts != "0");
    auto policy = store.account().setting(QString::fromLatin1(Awareness::kPolicySetting));
    if (!policy)
        return storeExportError(policy.error().message);
    if (*policy)
        settings.insert(u"message_policy"_s, QString::fromLatin1(**policy));
    fields.insert(u"settings"_s, settings);
    return fields;
}

//! A conversation's metadata and members: everything before its events.
Result<QJsonObject, ExportError> conversationFields(store::Store &store,
                                                    const store::Conversation &conversation) {
    QJsonObject fields = conversationJson(conversation);
    if (conversation.ownRole)
        fields.insert(u"role"_s, QString(protocol::roleName(*conversation.ownRole)));
    fields.insert(u"joined_seq"_s, qint64(conversation.joinedSeq));
    if (conversation.leftSeq)
        fields.insert(u"left_seq"_s, qint64(*conversation.leftSeq));
    fields.insert(u"notifications"_s, notificationLevelName(conversation.notificationLevel));
    fields.insert(u"muted"_s, conversation.muted);
    if (!conversation.draft.isEmpty())
        fields.insert(u"draft"_s, conversation.draft);
    auto members = store.conversations().members(conversation.id);
    if (!members)
        return storeExportError(members.error().message);
    QJsonArray membersJson;
    for (const store::Member &member : *members) {
        membersJson.append(QJsonObject{{u"user"_s, member.user.name},
                                       {u"role"_s, QString(protocol::roleName(member.role))},
                                       {u"joined_seq"_s, qint64(member.joinedSeq)}});
    }
    fields.insert(u"members"_s, membersJson);
    return fields;
}

bool put(QIODevice &out, const QByteArray &bytes) {
    return out.write(bytes) == bytes.size();
}

} // namespace

ExportStatus exportAccount(store::Store &store, QIODevice &out, const ExportControl &control,
                           qint64 exportedTs) {
    auto account = store.account().account();
    if (!account)
        return storeExportError(account.error().message);
    if (!*account)
        return ExportError{ExportErrorCode::NotFound, u"this profile has no account yet"_s};
    const DeviceAddress thisDevice{(*account)->user, (*account)->device};
    auto fields = accountFields(store, **account,
                                exportedTs ? exportedTs : QDateTime::currentMSecsSinceEpoch());
    if (!fields)
        return fields.error();
    auto conversations = store.conversations().conversations();
    if (!conversations)
        return storeExportError(conversations.error().message);

    ExportCounter counter(control);
    QList<store::TimelineSpan> spans; // one per conversation: the total is known up front
    for (const store::Conversation &conversation : std::as_const(*conversations)) {
        auto span = timelineSpan(store, conversation.id, {});
        if (!span)
            return span.error();
        counter.expect(span->count);
        spans.append(*span);
    }
    if (!put(out, openJsonArrayField(*fields, "conversations"_L1)))
        return writeExportError(out.errorString());
    bool firstConversation = true;
    for (qsizetype i = 0; i < conversations->size(); ++i) {
        const store::Conversation &conversation = conversations->at(i);
        if (counter.cancelled())
            return ExportError{ExportErrorCode::Cancelled, u"export cancelled"_s};
        auto head = conversationFields(store, conversation);
        if (!head)
            return head.error();
        QByteArray opening = firstConversation ? QByteArray() : ",\n"_ba;
        firstConversation = false;
        if (!put(out, opening + openJsonArrayField(*head, "events"_L1)))
            return writeExportError(out.errorString());
        bool firstEvent = true;
        auto streamed = streamTimeline(store, conversation.id, {}, spans.at(i), counter,
                                       [&](const store::TimelineEvent &event) -> ExportStatus {
                                           QByteArray line = firstEvent ? QByteArray() : ",\n"_ba;
                                           firstEvent = false;
                                           line +=
                                               QJsonDocument(transcriptEventJson(event, thisDevice))
                                                   .toJson(QJsonDocument::Compact);
                                           if (!put(out, line))
                                               return writeExportError(out.errorString());
                                           return {};
                                       });
        if (!streamed)
            return streamed;
        if (!put(out, firstEvent ? "]}"_ba : "\n]}"_ba))
            return writeExportError(out.errorString());
    }
    if (!put(out, firstConversation ? "]}\n"_ba : "\n]}\n"_ba))
        return writeExportError(out.errorString());
    counter.report(true);
    return {};
}

} // namespace hearth::engine
