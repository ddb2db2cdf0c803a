// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_types.h"

#include <QString>
#include <QUrl>
#include <functional>

namespace hearth::engine {
class SyncEngine;
}

namespace hearth::test {

//! Sends many messages as `sender`'s device fast: encrypted with its current outbound group
//! session (which must exist and be shared already, i.e. it sent a message before), then sent
//! pipelined in chunks over a second connection of the same device (a raw TestClient). The
//! engine's stored outbound session is advanced past the messages sent. Rate limits of the
//! relay apply: raise them for big counts (`--limit rate_per_second=… rate_burst=…`).
class BulkSender final {
public:
    //! `text(i)` is the text of message i (0-based).
    using TextFor = std::function<QString(int)>;

    //! Empty on success, otherwise what failed. `lastSeq` (optional) gets the seq the relay gave
    //! the last message.
    [[nodiscard]] static QString send(engine::SyncEngine &sender, const QUrl &relay,
                                      hearth::ConversationId conversation, int count,
                                      const TextFor &text, quint64 *lastSeq = nullptr,
                                      int chunk = 1000);
};

} // namespace hearth::test
