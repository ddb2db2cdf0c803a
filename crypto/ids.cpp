// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/ids.h"

namespace hearth::crypto {

bool isValidUser(const UserId &user) {
    return !user.name.isEmpty() && user.name.toUtf8().size() <= kMaxUserIdBytes;
}

bool isValidAddress(const DeviceAddress &address) {
    return address.device.value != 0 && isValidUser(address.user);
}

} // namespace hearth::crypto
