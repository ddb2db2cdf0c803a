// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/frame.h"

#include "sync/protocol/messages.h"
#include "sync/protocol/protocol.h"

#include <QCborParserError>
#include <QCborStreamReader>
#include <algorithm>
#include <limits>

namespace hearth::protocol {

Frame Frame::request(QLatin1StringView type, quint64 id, QCborMap fields) {
    // CBOR integers in Qt are signed 64-bit: request ids stay below 2^63.
    Q_ASSERT(id <= static_cast<quint64>(std::numeric_limits<qint64>::max()));
    fields.insert(field::kType, type);
    fields.insert(field::kId, static_cast<qint64>(id));
    return Frame(fields);
}

Frame Frame::ok(quint64 id, QCborMap fields) {
    return request(type::kOk, id, fields);
}

Frame Frame::error(quint64 id, ErrorCode code, const QString &message) {
    return request(
        type::kError, id,
        protocol::encode(ErrorReply{QString(errorCodeName(code)), message, std::nullopt}));
}

Frame Frame::error(const ProtocolError &error) {
    return Frame::error(error.requestId.value_or(0), error.code, error.message);
}

Frame Frame::push(QLatin1StringView type, QCborMap fields) {
    fields.insert(field::kType, type);
    return Frame(fields);
}

QString Frame::type() const {
    return m_map.value(field::kType).toString();
}

std::optional<quint64> Frame::id() const {
    const QCborValue id = m_map.value(field::kId);
    if (!id.isInteger() || id.toInteger() < 0)
        return std::nullopt;
    return static_cast<quint64>(id.toInteger());
}

bool Frame::isReply() const {
    const QString t = type();
    return t == type::kOk || t == type::kError;
}

quint64 Frame::uint(QLatin1StringView key, quint64 fallback) const {
    const QCborValue v = m_map.value(key);
    if (!v.isInteger() || v.toInteger() < 0)
        return fallback;
    return static_cast<quint64>(v.toInteger());
}

QString Frame::text(QLatin1StringView key) const {
    return m_map.value(key).toString();
}
QByteArray Frame::bytes(QLatin1StringView key) const {
    return m_map.value(key).toByteArray();
}
bool Frame::boolean(QLatin1StringView key) const {
    return m_map.value(key).toBool();
}
QCborArray Frame::array(QLatin1StringView key) const {
    return m_map.value(key).toArray();
}

ProtocolError Frame::toError() const {
    const ErrorReply reply = protocol::decode<ErrorReply>(m_map);
    const auto code = errorCodeFromName(QLatin1StringView(reply.code.toLatin1()));
    return ProtocolError{code.value_or(ErrorCode::BadFrame), reply.message, id()};
}

QByteArray Frame::encode() const {
    return QCborValue(m_map).toCbor();
}

bool hasUniqueTextKeys(const QCborMap &map) {
    QList<QCborValue> keys = map.keys();
    if (!std::all_of(keys.cbegin(), keys.cend(), [](const QCborValue &k) { return k.isString(); }))
        return false;
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.cbegin(), keys.cend()) == keys.cend();
}

ProtocolResult<Frame> decodeFrame(QByteArrayView bytes) {
    if (bytes.isEmpty())
        return ProtocolError{ErrorCode::BadFrame, u"empty frame"_s, std::nullopt};

    // why: QCborValue::fromCbor stops after the first item; the stream reader tells us
    // exactly where, so trailing bytes are caught rather than silently ignored.
    QCborStreamReader reader(bytes.toByteArray());
    if (!reader.isMap())
        return ProtocolError{ErrorCode::BadFrame, u"frame is not a CBOR map"_s, std::nullopt};
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return ProtocolError{ErrorCode::BadFrame,
                             u"malformed CBOR: "_s + reader.lastError().toString(), std::nullopt};
    if (reader.currentOffset() != bytes.size())
        return ProtocolError{ErrorCode::BadFrame, u"trailing bytes after the frame"_s,
                             std::nullopt};

    if (!hasUniqueTextKeys(value.toMap()))
        return ProtocolError{ErrorCode::BadFrame,
                             u"frame keys must be text strings and none repeats"_s, std::nullopt};
    Frame frame(value.toMap());
    const QCborValue id = frame.value(field::kId);
    std::optional<quint64> requestId = frame.id();
    if (!id.isUndefined() && !requestId)
        return ProtocolError{ErrorCode::BadFrame, u"\"id\" must be a non-negative integer"_s,
                             std::nullopt};
    if (!frame.value(field::kType).isString())
        return ProtocolError{ErrorCode::BadFrame, u"\"t\" must be a text string"_s, requestId};
    return frame;
}

std::optional<quint64> peekRequestId(QByteArrayView bytes) {
    QCborStreamReader reader(bytes.data(), bytes.size());
    if (!reader.isMap() || !reader.enterContainer())
        return std::nullopt;
    while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
        // why: only a two-byte text key can be "id"; any other key is skipped unread, so a
        // huge key costs no allocation.
        bool isId = false;
        if (reader.isString() && reader.isLengthKnown() && reader.length() == 2) {
            QString key;
            auto chunk = reader.readString();
            for (; chunk.status == QCborStreamReader::Ok; chunk = reader.readString())
                key += chunk.data;
            if (chunk.status == QCborStreamReader::Error)
                return std::nullopt;
            isId = key == field::kId;
        } else if (!reader.next()) {
            return std::nullopt;
        }
        if (!reader.hasNext())
            return std::nullopt;
        if (isId) {
            if (!reader.isUnsignedInteger() ||
                reader.toUnsignedInteger() >
                    static_cast<quint64>(std::numeric_limits<qint64>::max()))
                return std::nullopt;
            return reader.toUnsignedInteger();
        }
        if (!reader.next())
            return std::nullopt;
    }
    return std::nullopt;
}

} // namespace hearth::protocol
