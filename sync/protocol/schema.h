// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/frame.h"

#include <QAnyStringView>
#include <QLatin1StringView>
#include <optional>
#include <span>

namespace hearth::protocol {

//! CBOR types a field may have.
enum class FieldType {
    UInt,      //!< non-negative integer
    Text,      //!< UTF-8 text string; length bounds count bytes of UTF-8
    Bytes,     //!< byte string
    Bool,      //!< true / false
    Map,       //!< map checked against `nested`
    TextArray, //!< array of text strings; bounds count elements
    UIntArray, //!< array of non-negative integers; bounds count elements
    MapArray,  //!< array of maps, each checked against `nested`; bounds count elements
};

//! One field of a frame. `minSize`/`maxSize` bound the length of text, bytes or arrays
//! (-1: unbounded). Fields a frame carries beyond its spec are ignored (forward compatible).
struct FieldSpec {
    QLatin1StringView name;
    FieldType type;
    bool required = true;
    qint64 minSize = 0;
    qint64 maxSize = -1;
    std::span<const FieldSpec> nested = {};
};

//! A request type: its fields, the fields of its "ok" reply, and whether the connection must
//! be authenticated first.
struct RequestSpec {
    QLatin1StringView type;
    std::span<const FieldSpec> request;
    std::span<const FieldSpec> reply;
    bool needsAuth = true;
};

//! A frame the relay pushes unasked.
struct PushSpec {
    QLatin1StringView type;
    std::span<const FieldSpec> fields;
};

[[nodiscard]] std::span<const RequestSpec> requestSpecs();
[[nodiscard]] std::span<const PushSpec> pushSpecs();
[[nodiscard]] std::span<const FieldSpec> errorReplySpec();
[[nodiscard]] const RequestSpec *findRequestSpec(QAnyStringView type);
[[nodiscard]] const PushSpec *findPushSpec(QAnyStringView type);

//! Checks `map` against `fields`; the error names the offending field path.
[[nodiscard]] std::optional<ProtocolError> validateFields(const QCborMap &map,
                                                          std::span<const FieldSpec> fields);

//! Relay side: a request must carry an id, have a known type and well-formed fields.
[[nodiscard]] ProtocolResult<const RequestSpec *> validateRequest(const Frame &frame);
//! Client side: a reply ("ok" to `requestType`, or "error") or a push is well-formed.
[[nodiscard]] std::optional<ProtocolError> validateReply(const Frame &frame,
                                                         QAnyStringView requestType);
[[nodiscard]] std::optional<ProtocolError> validatePush(const Frame &frame);

} // namespace hearth::protocol
