// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sync/protocol/error_code.h"

#include <QString>
#include <optional>

namespace hearth::protocol {

//! A protocol-level failure: a stable code, a human message and, when known, the request id
//! the failure answers.
struct ProtocolError {
    ErrorCode code = ErrorCode::BadFrame;
    QString message;
    std::optional<quint64> requestId;
};

//! A value or the ProtocolError explaining why there is none (see hearth::Result).
template <class T> using ProtocolResult = Result<T, ProtocolError>;

} // namespace hearth::protocol
