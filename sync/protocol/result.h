// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/error_code.h"

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace hearth::protocol {

//! A protocol-level failure: a stable code, a human message and, when known, the request id
//! the failure answers.
struct ProtocolError {
    ErrorCode code = ErrorCode::BadFrame;
    QString message;
    std::optional<quint64> requestId;
};

//! A value or the ProtocolError explaining why there is none. Callers must look at it.
template <class T> class [[nodiscard]] Result final {
public:
    Result(T value)
        : m_state(std::move(value)) {}
    Result(ProtocolError error)
        : m_state(std::move(error)) {}

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const & { return std::get<T>(m_state); }
    [[nodiscard]] T &&value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] const ProtocolError &error() const { return std::get<ProtocolError>(m_state); }

private:
    std::variant<T, ProtocolError> m_state;
};

} // namespace hearth::protocol
