// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>

namespace hearth::protocol {

//! The limits a relay enforces; it announces them in its hello reply. Defaults are the
//! relay's defaults; docs/protocol.md lists the error each one produces.
struct Limits {
    qint64 maxFrameBytes = qint64{1024} * 1024;  //!< larger frames: close 1009
    qint64 maxPayloadBytes = qint64{64} * 1024;  //!< event body: payload_too_large
    qint64 maxToDeviceBytes = qint64{16} * 1024; //!< one to-device body: payload_too_large
    qint64 maxToDeviceBatch = 1000;              //!< messages in one to_device request
    qint64 maxMembers = 1000;                    //!< members of one conversation: too_many_members
    qint64 maxDevicesPerUser = 20;               //!< devices of one account: too_many_devices
    qint64 maxPageSize = 500;                    //!< events or inbox messages in one reply
    qint64 ratePerSecond = 50;                   //!< sustained requests per connection
    qint64 rateBurst = 200;                      //!< token bucket size
    qint64 maxSendBufferBytes = 1 << 20; //!< unsent bytes to one connection before it is closed

    [[nodiscard]] QCborMap toCbor() const;
    //! Reads the fields present in `map`; absent or mistyped fields keep their defaults.
    [[nodiscard]] static Limits fromCbor(const QCborMap &map);

    friend bool operator==(const Limits &, const Limits &) = default;
};

} // namespace hearth::protocol
