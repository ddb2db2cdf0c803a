// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/error_code.h"
#include "sync/store/types.h"

#include <QMetaType>
#include <QString>
#include <functional>
#include <optional>
#include <utility>
#include <variant>

namespace hearth::sync {

using store::ClientMessageId;
using store::ConversationId;
using store::DeviceAddress;
using store::DeviceId;
using store::UserId;

//! The engine's link to its relay.
enum class ConnectionState {
    Offline,    //!< no connection (or stopped); reconnecting after a backoff when started
    Connecting, //!< WebSocket, hello and auth in progress
    Online,     //!< authenticated: pushes flow, the outbox drains
};

//! Why an engine operation failed.
enum class EngineErrorCode {
    NotOnline,         //!< needs a connection to the relay
    Relay,             //!< the relay refused: see relayCode
    Store,             //!< the local store failed
    Crypto,            //!< a key, signature or list did not check out
    Untrusted,         //!< a device or account key that is not (or no longer) trusted
    NoAccount,         //!< the profile has no account yet
    InvalidArgument,   //!< the call itself is wrong
    WrongApprovalCode, //!< the code typed is not the one the device to approve shows
};

//! An expected failure with a sentence for people (no user data, keys or content).
struct EngineError final {
    EngineErrorCode code = EngineErrorCode::InvalidArgument;
    QString message;
    std::optional<protocol::ErrorCode> relayCode; //!< when code == Relay
};

//! A value or an EngineError.
template <class T> class [[nodiscard]] EngineResult final {
public:
    EngineResult(T value) // NOLINT(google-explicit-constructor)
        : m_state(std::move(value)) {}
    EngineResult(EngineError error) // NOLINT(google-explicit-constructor)
        : m_state(std::move(error)) {}

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const & { return std::get<T>(m_state); }
    [[nodiscard]] T &value() & { return std::get<T>(m_state); }
    [[nodiscard]] const EngineError &error() const { return std::get<EngineError>(m_state); }

private:
    std::variant<T, EngineError> m_state;
};

//! Completion of an asynchronous operation: nullopt on success.
using Completion = std::function<void(const std::optional<EngineError> &)>;

} // namespace hearth::sync

Q_DECLARE_METATYPE(hearth::sync::ConnectionState)
