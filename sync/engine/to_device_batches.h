// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_types.h"
#include "sync/protocol/message_parts.h"

#include <QList>

namespace hearth::engine {

class RelayLink;

//! One `to_device` message entry.
[[nodiscard]] protocol::OutgoingToDevice toDeviceMessage(const DeviceAddress &to,
                                                         const QByteArray &body);

//! Sends `messages` in `to_device` requests that respect the relay's batch and frame limits,
//! one after another; done after the last reply (or the first error). Nothing to send: done
//! at once.
void sendToDeviceBatches(RelayLink &connection, const QList<protocol::OutgoingToDevice> &messages,
                         Completion done);

} // namespace hearth::engine
