// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/rotation_policy.h"

namespace hearth::crypto {

RotationReason rotationNeeded(const RotationPolicy &policy, const SessionUsage &usage,
                              qint64 nowMs) {
    for (const DeviceAddress &device : usage.sharedWith) {
        if (!usage.currentDevices.contains(device))
            return RotationReason::DeviceRemoved;
    }
    if (usage.messagesSent >= policy.maxMessages)
        return RotationReason::MessageCount;
    // why: a clock that went backwards can't tell the session's age; rotating is the safe side.
    if (nowMs < usage.createdAtMs || nowMs - usage.createdAtMs >= policy.maxAge.count())
        return RotationReason::Age;
    return RotationReason::None;
}

} // namespace hearth::crypto
