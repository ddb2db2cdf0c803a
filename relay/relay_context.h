// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"
#include "relay/keyed_buckets.h"

#include <QDateTime>

namespace hearth::relay {

struct RelayConfig;
class Storage;
class WriteQueue;
class ConversationCache;
class Hub;
struct Metrics;
class PasswordThrottle;

//! What request handlers work with; built once by RelayServer and handed down by reference.
struct RelayContext {
    const RelayConfig &config;
    Storage &storage;
    WriteQueue &writes;
    ConversationCache &conversations;
    Hub &hub;
    Metrics &metrics;
    PasswordThrottle &passwords;
    KeyedBuckets<AccountId> &firstContacts; //!< to_device budget per sender, see relay_config.h

    [[nodiscard]] static qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace hearth::relay
