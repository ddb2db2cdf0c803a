// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sync/protocol/error_code.h"
#include "sync/store/types.h"

#include <QMetaType>
#include <QString>
#include <functional>
#include <optional>

namespace hearth::engine {

using hearth::ConversationId;
using hearth::DeviceAddress;
using hearth::DeviceId;
using hearth::UserId;
using store::ClientMessageId;

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

//! A value or the EngineError explaining why there is none (see hearth::Result).
template <class T> using EngineResult = Result<T, EngineError>;

//! Completion of an asynchronous operation: nullopt on success.
using Completion = std::function<void(const std::optional<EngineError> &)>;

} // namespace hearth::engine

Q_DECLARE_METATYPE(hearth::engine::ConnectionState)
