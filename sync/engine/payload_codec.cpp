// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/payload_codec.h"

#include "crypto/padding.h"

#include <QCborMap>
#include <QCborValue>
#include <array>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;
using store::EventRef;
using store::Relation;

namespace {

struct RelationName {
    Relation relation;
    QLatin1StringView name;
};
constexpr std::array kRelations{
    RelationName{Relation::None, "text"_L1},          RelationName{Relation::Edit, "edit"_L1},
    RelationName{Relation::Delete, "delete"_L1},      RelationName{Relation::React, "reaction"_L1},
    RelationName{Relation::Unreact, "unreaction"_L1},
};

constexpr auto kType = "type"_L1;
constexpr auto kCmid = "cmid"_L1;
constexpr auto kBody = "body"_L1;
constexpr auto kTarget = "target"_L1;
constexpr auto kReplyTo = "reply_to"_L1;
constexpr auto kThreadRoot = "thread_root"_L1;
constexpr auto kUser = "user"_L1;
constexpr auto kMembershipHead = "mh"_L1;

std::optional<Relation> relationNamed(const QString &name) {
    for (const auto &entry : kRelations) {
        if (name == entry.name)
            return entry.relation;
    }
    return std::nullopt;
}

//! Inserts `ref` under `key`; false for a reference that is not by (sender, cmid).
bool insertRef(QCborMap &map, QLatin1StringView key, const std::optional<EventRef> &ref) {
    if (!ref)
        return true;
    if (!ref->cmid || ref->seq || ref->sender.name.isEmpty())
        return false;
    QCborMap value;
    value.insert(kUser, ref->sender.name);
    value.insert(kCmid, ref->cmid->bytes());
    map.insert(key, value);
    return true;
}

//! The reference under `key`: absent is fine (nullopt inside), anything but {user, cmid} is not.
std::optional<std::optional<EventRef>> readRef(const QCborMap &map, QLatin1StringView key) {
    const QCborValue value = map.value(key);
    if (value.isUndefined())
        return std::optional<EventRef>();
    if (!value.isMap())
        return std::nullopt;
    const QCborMap ref = value.toMap();
    const QCborValue user = ref.value(kUser);
    auto cmid = store::ClientMessageId::fromBytes(ref.value(kCmid).toByteArray());
    if (!user.isString() || user.toString().isEmpty() || !cmid)
        return std::nullopt;
    return std::optional(EventRef::byCmid(UserId{user.toString()}, *cmid));
}

//! Whether `bytes` is an unpadded payload of the format before own cmids (a CBOR map with a
//! known "type" and no "cmid").
bool isLegacy(const QByteArray &bytes) {
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isMap())
        return false;
    const QCborMap map = value.toMap();
    return relationNamed(map.value(kType).toString()) && !map.contains(kCmid);
}

} // namespace

std::optional<QByteArray> encodePayload(const ClientMessageId &cmid,
                                        const store::MessageContent &content) {
    QCborMap map;
    for (const auto &entry : kRelations) {
        if (entry.relation == content.relation)
            map.insert(kType, entry.name);
    }
    map.insert(kCmid, cmid.bytes());
    if (!content.text.isEmpty())
        map.insert(kBody, content.text);
    if (!insertRef(map, kTarget, content.target) || !insertRef(map, kReplyTo, content.replyTo) ||
        !insertRef(map, kThreadRoot, content.threadRoot))
        return std::nullopt;
    if (!content.membershipHead.isEmpty())
        map.insert(kMembershipHead, content.membershipHead);
    auto padded = crypto::pad(map.toCborValue().toCbor());
    if (!padded)
        return std::nullopt;
    return std::move(padded).value();
}

std::variant<Payload, PayloadError> decodePayload(const QByteArray &plaintext) {
    auto unpadded = crypto::unpad(plaintext);
    if (!unpadded)
        return isLegacy(plaintext) ? PayloadError::Legacy : PayloadError::Malformed;
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(*unpadded, &error);
    if (error.error != QCborError::NoError || !value.isMap())
        return PayloadError::Malformed;
    const QCborMap map = value.toMap();
    const auto relation = relationNamed(map.value(kType).toString());
    auto cmid = store::ClientMessageId::fromBytes(map.value(kCmid).toByteArray());
    if (!relation || !cmid)
        return PayloadError::Malformed;
    Payload payload{*cmid, {}};
    store::MessageContent &content = payload.content;
    content.relation = *relation;
    content.contentType = u"text"_s;
    content.text = map.value(kBody).toString();
    const auto target = readRef(map, kTarget);
    const auto replyTo = readRef(map, kReplyTo);
    const auto threadRoot = readRef(map, kThreadRoot);
    if (!target || !replyTo || !threadRoot)
        return PayloadError::Malformed;
    if (content.relation != Relation::None) {
        if (!*target)
            return PayloadError::Malformed;
        content.target = *target;
    }
    content.replyTo = *replyTo;
    content.threadRoot = *threadRoot;
    content.membershipHead = map.value(kMembershipHead).toByteArray();
    return payload;
}

std::optional<store::MessageContent> decodeLegacyPayload(const QByteArray &bytes,
                                                         const UserId &author) {
    if (!isLegacy(bytes))
        return std::nullopt;
    const QCborMap map = QCborValue::fromCbor(bytes).toMap();
    const auto legacyRef = [&](QLatin1StringView key) -> std::optional<EventRef> {
        const QCborValue value = map.value(key);
        if (value.isByteArray()) {
            if (auto cmid = store::ClientMessageId::fromBytes(value.toByteArray()))
                return EventRef::byCmid(author, *cmid);
        } else if (value.isInteger() && value.toInteger() > 0) {
            return EventRef::bySeq(static_cast<quint64>(value.toInteger()));
        }
        return std::nullopt;
    };
    store::MessageContent content;
    content.relation = *relationNamed(map.value(kType).toString());
    content.contentType = u"text"_s;
    content.text = map.value(kBody).toString();
    if (content.relation != Relation::None) {
        content.target = legacyRef(kTarget);
        if (!content.target)
            return std::nullopt;
    }
    content.replyTo = legacyRef(kReplyTo);
    content.threadRoot = legacyRef(kThreadRoot);
    return content;
}

std::optional<Payload> readPayload(const QByteArray &plaintext) {
    auto decoded = decodePayload(plaintext);
    if (auto *payload = std::get_if<Payload>(&decoded))
        return std::move(*payload);
    return std::nullopt;
}

} // namespace hearth::engine
