// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/conversation.h"
#include "sync/store/event.h"

#include <QJsonObject>
#include <QList>

namespace hearth::cli {

//! A conversation and its timeline as JSON (docs/cli.md, "export"): decrypted text, edits,
//! deletions and reactions applied; undecryptable messages marked, never dropped.
[[nodiscard]] QJsonObject exportJson(const store::Conversation &conversation,
                                     const QList<store::TimelineEvent> &events);

} // namespace hearth::cli
