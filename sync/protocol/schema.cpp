// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/schema.h"

#include "sync/protocol/protocol.h"

#include <QCborArray>

namespace hearth::protocol {

namespace {

bool isUInt(const QCborValue &v) {
    return v.isInteger() && v.toInteger() >= 0;
}

QString typeName(FieldType type) {
    switch (type) {
    case FieldType::UInt:
        return u"a non-negative integer"_s;
    case FieldType::Text:
        return u"a text string"_s;
    case FieldType::Bytes:
        return u"a byte string"_s;
    case FieldType::Bool:
        return u"a boolean"_s;
    case FieldType::Map:
        return u"a map"_s;
    case FieldType::TextArray:
        return u"an array of text strings"_s;
    case FieldType::UIntArray:
        return u"an array of non-negative integers"_s;
    case FieldType::MapArray:
        return u"an array of maps"_s;
    }
    return {};
}

std::optional<ProtocolError> fail(const QString &path, const QString &what) {
    return ProtocolError{ErrorCode::BadFrame, u"field \""_s + path + u"\" "_s + what, std::nullopt};
}

std::optional<ProtocolError> checkSize(const FieldSpec &spec, const QString &path, qint64 size) {
    if (size < spec.minSize)
        return fail(path, u"is shorter than %1"_s.arg(spec.minSize));
    if (spec.maxSize >= 0 && size > spec.maxSize)
        return fail(path, u"is longer than %1"_s.arg(spec.maxSize));
    return std::nullopt;
}

std::optional<ProtocolError> validateIn(const QCborMap &map, std::span<const FieldSpec> fields,
                                        const QString &prefix);

std::optional<ProtocolError> validateValue(const QCborValue &v, const FieldSpec &spec,
                                           const QString &path) {
    const auto wrongType = [&] { return fail(path, u"must be "_s + typeName(spec.type)); };
    switch (spec.type) {
    case FieldType::UInt:
        return isUInt(v) ? std::nullopt : wrongType();
    case FieldType::Bool:
        return v.isBool() ? std::nullopt : wrongType();
    case FieldType::Text:
        if (!v.isString())
            return wrongType();
        return checkSize(spec, path, v.toString().toUtf8().size());
    case FieldType::Bytes:
        if (!v.isByteArray())
            return wrongType();
        return checkSize(spec, path, v.toByteArray().size());
    case FieldType::Map:
        if (!v.isMap())
            return wrongType();
        return validateIn(v.toMap(), spec.nested, path + u'.');
    case FieldType::TextArray:
    case FieldType::UIntArray:
    case FieldType::MapArray: {
        if (!v.isArray())
            return wrongType();
        const QCborArray array = v.toArray();
        if (auto error = checkSize(spec, path, array.size()))
            return error;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QCborValue element = array.at(i);
            if (spec.type == FieldType::TextArray && !element.isString())
                return wrongType();
            if (spec.type == FieldType::UIntArray && !isUInt(element))
                return wrongType();
            if (spec.type == FieldType::MapArray) {
                if (!element.isMap())
                    return wrongType();
                // why: the path is built only here; arrays may hold 100,000 elements.
                if (auto error =
                        validateIn(element.toMap(), spec.nested, u"%1[%2]."_s.arg(path).arg(i)))
                    return error;
            }
        }
        return std::nullopt;
    }
    }
    return wrongType();
}

std::optional<ProtocolError> validateIn(const QCborMap &map, std::span<const FieldSpec> fields,
                                        const QString &prefix) {
    if (!hasUniqueTextKeys(map))
        return ProtocolError{ErrorCode::BadFrame,
                             u"map \""_s + prefix + u"\" keys must be text and none repeats"_s,
                             std::nullopt};
    for (const FieldSpec &spec : fields) {
        const QCborValue v = map.value(spec.name);
        const QString path = prefix + spec.name;
        if (v.isUndefined()) {
            if (spec.required)
                return fail(path, u"is missing"_s);
            continue;
        }
        if (auto error = validateValue(v, spec, path))
            return error;
    }
    return std::nullopt;
}

std::optional<ProtocolError> withId(std::optional<ProtocolError> error, std::optional<quint64> id) {
    if (error)
        error->requestId = id;
    return error;
}

} // namespace

std::optional<ProtocolError> validateFields(const QCborMap &map,
                                            std::span<const FieldSpec> fields) {
    return validateIn(map, fields, QString());
}

const RequestSpec *findRequestSpec(QAnyStringView type) {
    for (const RequestSpec &spec : requestSpecs())
        if (QAnyStringView::equal(spec.type, type))
            return &spec;
    return nullptr;
}

const PushSpec *findPushSpec(QAnyStringView type) {
    for (const PushSpec &spec : pushSpecs())
        if (QAnyStringView::equal(spec.type, type))
            return &spec;
    return nullptr;
}

ProtocolResult<const RequestSpec *> validateRequest(const Frame &frame) {
    const std::optional<quint64> id = frame.id();
    if (!id)
        return ProtocolError{ErrorCode::BadFrame, u"request without \"id\""_s, std::nullopt};
    const RequestSpec *spec = findRequestSpec(frame.type());
    if (spec == nullptr)
        return ProtocolError{ErrorCode::UnknownType,
                             u"unknown frame type \""_s + frame.type() + u'"', id};
    if (auto error = validateFields(frame.map(), spec->request)) {
        error->requestId = id;
        return *error;
    }
    return spec;
}

std::optional<ProtocolError> validateReply(const Frame &frame, QAnyStringView requestType) {
    const std::optional<quint64> id = frame.id();
    if (!id)
        return ProtocolError{ErrorCode::BadFrame, u"reply without \"id\""_s, std::nullopt};
    if (frame.type() == type::kError)
        return withId(validateFields(frame.map(), errorReplySpec()), id);
    if (frame.type() != type::kOk)
        return ProtocolError{ErrorCode::BadFrame, u"not a reply"_s, id};
    const RequestSpec *spec = findRequestSpec(requestType);
    if (spec == nullptr)
        return ProtocolError{ErrorCode::UnknownType, u"reply to an unknown request type"_s, id};
    return withId(validateFields(frame.map(), spec->reply), id);
}

std::optional<ProtocolError> validatePush(const Frame &frame) {
    const PushSpec *spec = findPushSpec(frame.type());
    if (spec == nullptr)
        return ProtocolError{ErrorCode::UnknownType,
                             u"unknown push type \""_s + frame.type() + u'"', std::nullopt};
    return validateFields(frame.map(), spec->fields);
}

} // namespace hearth::protocol
