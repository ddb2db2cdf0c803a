// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_types.h"
#include "sync/protocol/frame.h"
#include "sync/protocol/limits.h"
#include "sync/protocol/message_codec.h"

#include <QCborMap>
#include <QObject>
#include <functional>

namespace hearth::engine {

//! What the engine's parts need of the relay: send a request and get its one reply, know
//! whether the link is online and the relay's limits, hear when it comes online and what the
//! relay pushes. ConnectionManager is the real link (a WebSocket kept authenticated);
//! tests/engine/scripted_link.h answers requests from a test, without sockets.
class RelayLink : public QObject {
    Q_OBJECT

public:
    //! Receives the "ok" frame, or the error (a relay error frame, a malformed reply, the link
    //! not online, or the connection closing before the reply arrived).
    using ReplyHandler = std::function<void(const protocol::ProtocolResult<protocol::Frame> &)>;

    using QObject::QObject;

    [[nodiscard]] virtual ConnectionState state() const = 0;
    //! The relay's limits (batch and frame sizes) as of the current connection.
    [[nodiscard]] virtual const protocol::Limits &limits() const = 0;
    //! Sends a request; `handler` runs exactly once (at once, with Unavailable, when the link
    //! is not online).
    virtual void request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler) = 0;

    //! Sends a typed request (sync/protocol/messages.h); `done` gets its typed reply, or the
    //! error, exactly once.
    template <protocol::Message Request>
    void send(const Request &message,
              std::function<void(const protocol::ProtocolResult<typename Request::Reply> &)> done) {
        request(Request::kType, protocol::encode(message),
                [done = std::move(done)](const protocol::ProtocolResult<protocol::Frame> &reply) {
                    if (!reply)
                        return done(reply.error());
                    done(protocol::decode<typename Request::Reply>(reply.value().map()));
                });
    }

Q_SIGNALS:
    void stateChanged(hearth::engine::ConnectionState state);
    //! Authenticated: run catch-up now.
    void online();
    void pushed(const hearth::protocol::Frame &frame);
};

} // namespace hearth::engine
