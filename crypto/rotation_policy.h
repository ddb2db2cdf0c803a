// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"

#include <QSet>
#include <chrono>

namespace hearth::crypto {

//! When an outbound group session must be replaced by a new one (shared afresh).
struct RotationPolicy final {
    //! Rotate once this many messages were sent with the session.
    quint32 maxMessages = 1000;
    //! Rotate once the session is this old.
    std::chrono::milliseconds maxAge = std::chrono::days(7);
};

//! Why a session must rotate, or None.
enum class RotationReason {
    None,
    DeviceRemoved, //!< a device the session was shared with is no longer a member device
    MessageCount,  //!< RotationPolicy::maxMessages reached
    Age,           //!< RotationPolicy::maxAge reached, or the clock went backwards
};

//! What the engine knows about an outbound session when it is about to send.
struct SessionUsage final {
    quint32 messagesSent = 0;           //!< OutboundGroupSession::messageIndex()
    qint64 createdAtMs = 0;             //!< OutboundGroupSession::createdAtMs()
    QSet<DeviceAddress> sharedWith;     //!< every device the session key was sent to
    QSet<DeviceAddress> currentDevices; //!< the conversation's member devices now
};

//! A pure decision: DeviceRemoved when any device in `sharedWith` is missing from
//! `currentDevices` (a member left or was removed, or removed a device: it must not read what
//! follows); then MessageCount; then Age. New devices alone never force a rotation: they get the
//! current key at the current index, which does not open earlier messages.
[[nodiscard]] RotationReason rotationNeeded(const RotationPolicy &policy, const SessionUsage &usage,
                                            qint64 nowMs);

} // namespace hearth::crypto
