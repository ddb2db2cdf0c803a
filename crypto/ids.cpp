// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/ids.h"

namespace hearth::crypto {

bool isValidAddress(const DeviceAddress &address) {
    if (address.user.name.isEmpty() || address.device.value == 0)
        return false;
    return address.user.name.toUtf8().size() <= kMaxUserIdBytes;
}

} // namespace hearth::crypto
