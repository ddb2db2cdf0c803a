// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/event.h"

#include <QByteArray>
#include <optional>

namespace hearth::sync {

//! The plaintext inside a group message: one CBOR map (docs/cli.md, "Message payload"):
//! {"type": "text" | "edit" | "delete" | "reaction" | "unreaction", "body": text,
//!  "target" / "reply_to" / "thread_root": bytes (16, a cmid) or uint (a seq),
//!  "mh": bytes (32, the sender's membership chain head when it encrypted)}.
//! For "reaction"/"unreaction" the body is the emoji. Unknown keys are ignored.
[[nodiscard]] QByteArray encodePayload(const store::MessageContent &content);
//! nullopt for anything but such a map (or a relation without its target).
[[nodiscard]] std::optional<store::MessageContent> decodePayload(const QByteArray &bytes);

} // namespace hearth::sync
