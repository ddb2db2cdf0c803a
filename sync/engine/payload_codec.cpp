// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/payload_codec.h"

#include <QCborMap>
#include <QCborValue>
#include <array>

namespace hearth::sync {

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

QCborValue encodeRef(const EventRef &ref) {
    if (ref.cmid)
        return QCborValue(ref.cmid->bytes());
    return QCborValue(static_cast<qint64>(ref.seq.value_or(0)));
}

std::optional<EventRef> decodeRef(const QCborValue &value) {
    if (value.isByteArray()) {
        if (auto cmid = store::ClientMessageId::fromBytes(value.toByteArray()))
            return EventRef::byCmid(*cmid);
        return std::nullopt;
    }
    if (value.isInteger() && value.toInteger() > 0)
        return EventRef::bySeq(static_cast<quint64>(value.toInteger()));
    return std::nullopt;
}

} // namespace

QByteArray encodePayload(const store::MessageContent &content) {
    QCborMap map;
    for (const auto &entry : kRelations) {
        if (entry.relation == content.relation)
            map.insert("type"_L1, entry.name);
    }
    if (!content.text.isEmpty())
        map.insert("body"_L1, content.text);
    if (content.target)
        map.insert("target"_L1, encodeRef(*content.target));
    if (content.replyTo)
        map.insert("reply_to"_L1, encodeRef(*content.replyTo));
    if (content.threadRoot)
        map.insert("thread_root"_L1, encodeRef(*content.threadRoot));
    if (!content.membershipHead.isEmpty())
        map.insert("mh"_L1, content.membershipHead);
    return map.toCborValue().toCbor();
}

std::optional<store::MessageContent> decodePayload(const QByteArray &bytes) {
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isMap())
        return std::nullopt;
    const QCborMap map = value.toMap();
    store::MessageContent content;
    const QString type = map.value("type"_L1).toString();
    bool known = false;
    for (const auto &entry : kRelations) {
        if (type == entry.name) {
            content.relation = entry.relation;
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    content.contentType = u"text"_s;
    content.text = map.value("body"_L1).toString();
    content.target = decodeRef(map.value("target"_L1));
    content.replyTo = decodeRef(map.value("reply_to"_L1));
    content.threadRoot = decodeRef(map.value("thread_root"_L1));
    content.membershipHead = map.value("mh"_L1).toByteArray();
    if (content.relation != Relation::None && !content.target)
        return std::nullopt;
    if (content.relation == Relation::None)
        content.target.reset();
    return content;
}

} // namespace hearth::sync
