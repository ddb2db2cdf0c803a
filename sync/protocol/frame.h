// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCborArray>
#include <QCborMap>
#include <QString>
#include <optional>

namespace hearth::protocol {

//! One protocol frame: a CBOR map with a text "t" (type) and, for requests and replies, an
//! unsigned "id". Accessors assume the frame passed schema validation (see schema.h); on a
//! missing or mistyped field they return an empty value rather than failing.
class Frame final {
public:
    Frame() = default;
    explicit Frame(const QCborMap &map)
        : m_map(map) {}

    [[nodiscard]] static Frame request(QLatin1StringView type, quint64 id, QCborMap fields = {});
    [[nodiscard]] static Frame ok(quint64 id, QCborMap fields = {});
    [[nodiscard]] static Frame error(quint64 id, ErrorCode code, const QString &message);
    [[nodiscard]] static Frame error(const ProtocolError &error);
    [[nodiscard]] static Frame push(QLatin1StringView type, QCborMap fields = {});

    [[nodiscard]] QString type() const;
    //! The request id, when the frame carries a valid one.
    [[nodiscard]] std::optional<quint64> id() const;
    [[nodiscard]] bool isReply() const;

    [[nodiscard]] const QCborMap &map() const { return m_map; }
    [[nodiscard]] bool has(QLatin1StringView key) const { return m_map.contains(key); }
    [[nodiscard]] QCborValue value(QLatin1StringView key) const { return m_map.value(key); }
    [[nodiscard]] quint64 uint(QLatin1StringView key, quint64 fallback = 0) const;
    [[nodiscard]] QString text(QLatin1StringView key) const;
    [[nodiscard]] QByteArray bytes(QLatin1StringView key) const;
    [[nodiscard]] bool boolean(QLatin1StringView key) const;
    [[nodiscard]] QCborArray array(QLatin1StringView key) const;

    //! For an error frame: its code (BadFrame when unreadable) and message.
    [[nodiscard]] ProtocolError toError() const;

    void insert(QLatin1StringView key, const QCborValue &value) { m_map.insert(key, value); }

    //! The frame as CBOR bytes, ready for a binary WebSocket message.
    [[nodiscard]] QByteArray encode() const;

    friend bool operator==(const Frame &a, const Frame &b) { return a.m_map == b.m_map; }

private:
    QCborMap m_map;
};

//! True when every key of `map` is a text string and none repeats. Other maps are refused:
//! two CBOR readers could take different values for one field, and non-text keys (a NaN,
//! say) do not even survive re-encoding.
[[nodiscard]] bool hasUniqueTextKeys(const QCborMap &map);

//! Parses one frame. Fails with BadFrame on anything but exactly one CBOR map whose "t" is
//! text, whose keys are unique text strings and whose "id", when present, is a non-negative
//! integer; the error carries the id when it could be read. Field contents are checked by
//! validateFrame (schema.h).
[[nodiscard]] ProtocolResult<Frame> decodeFrame(QByteArrayView bytes);

//! The request id of an undecoded frame, read without building any CBOR value: the top-level
//! keys are scanned (other values skipped, never parsed into memory) until "id" is found.
//! nullopt when the frame is not a map, has no readable non-negative "id" below 2^63, or is
//! malformed before it. Lets the relay address a refusal (rate_limited) to a frame it won't
//! decode.
[[nodiscard]] std::optional<quint64> peekRequestId(QByteArrayView bytes);

} // namespace hearth::protocol
