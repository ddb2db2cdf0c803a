// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/limits.h"

#include <array>
#include <utility>

namespace hearth::protocol {

using namespace Qt::Literals::StringLiterals;

namespace {
using Member = qint64 Limits::*;
constexpr std::array kFields = {
    std::pair{"max_frame_bytes"_L1, &Limits::maxFrameBytes},
    std::pair{"max_payload_bytes"_L1, &Limits::maxPayloadBytes},
    std::pair{"max_to_device_bytes"_L1, &Limits::maxToDeviceBytes},
    std::pair{"max_to_device_batch"_L1, &Limits::maxToDeviceBatch},
    std::pair{"max_members"_L1, &Limits::maxMembers},
    std::pair{"max_devices_per_user"_L1, &Limits::maxDevicesPerUser},
    std::pair{"max_page_size"_L1, &Limits::maxPageSize},
    std::pair{"rate_per_second"_L1, &Limits::ratePerSecond},
    std::pair{"rate_burst"_L1, &Limits::rateBurst},
    std::pair{"max_send_buffer_bytes"_L1, &Limits::maxSendBufferBytes},
};
} // namespace

QCborMap Limits::toCbor() const {
    QCborMap map;
    for (const auto &[name, member] : kFields)
        map.insert(name, this->*member);
    return map;
}

Limits Limits::fromCbor(const QCborMap &map) {
    Limits limits;
    for (const auto &[name, member] : kFields) {
        const QCborValue value = map.value(name);
        if (value.isInteger() && value.toInteger() > 0)
            limits.*member = value.toInteger();
    }
    return limits;
}

} // namespace hearth::protocol
