// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/replay_guard.h"

namespace hearth::crypto {

bool InMemoryReplayGuard::remember(const DeviceAddress &sender, const MessageId &id, qint64) {
    const Entry entry{sender, id};
    if (m_seen.contains(entry))
        return false;
    m_seen.insert(entry);
    return true;
}

} // namespace hearth::crypto
