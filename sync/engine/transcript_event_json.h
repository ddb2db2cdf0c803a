// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/conversation.h"
#include "sync/store/event.h"

#include <QJsonObject>
#include <QLatin1StringView>

namespace hearth::engine {

//! What a transcript says of a message's signature (docs/cli.md, "signature").
enum class SignatureMark : quint8 {
    Verified,   //!< received, its sender device's Ed25519 signature checked, then decrypted
    ThisDevice, //!< written and signed by this device (stored from its outbox, not received)
    Unverified, //!< not decrypted (waiting for its key, or never decryptable): nothing checked
};

//! The mark of a message event, given the device this profile is.
[[nodiscard]] SignatureMark signatureMark(const store::TimelineEvent &event,
                                          const DeviceAddress &thisDevice);
//! "verified", "this_device" or "unverified".
[[nodiscard]] QLatin1StringView signatureName(SignatureMark mark);

//! One event as every export writes it (docs/cli.md, "Export format"): decrypted text, edits,
//! deletions and reactions applied; undecryptable messages marked, never dropped.
[[nodiscard]] QJsonObject transcriptEventJson(const store::TimelineEvent &event,
                                              const DeviceAddress &thisDevice);

//! A conversation's identity as the exports write it: `conv`, `kind` (when known), `title`.
[[nodiscard]] QJsonObject conversationJson(const store::Conversation &conversation);

} // namespace hearth::engine
