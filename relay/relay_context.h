// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace hearth::relay {

struct RelayConfig;
class Storage;
class WriteQueue;
class ConversationCache;
class Hub;
struct Metrics;

//! What request handlers work with; built once by RelayServer and handed down by reference.
struct RelayContext {
    const RelayConfig &config;
    Storage &storage;
    WriteQueue &writes;
    ConversationCache &conversations;
    Hub &hub;
    Metrics &metrics;

    [[nodiscard]] static qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace hearth::relay
