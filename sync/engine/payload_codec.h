// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_types.h"
#include "sync/store/event.h"

#include <QByteArray>
#include <optional>
#include <variant>

namespace hearth::engine {

//! The plaintext inside a group message (docs/cli.md, "Message payload"; docs/crypto.md, "Size
//! padding"): one CBOR map, padded (crypto::pad) before encryption —
//! {"type": "text" | "edit" | "delete" | "reaction" | "unreaction", "cmid": bytes(16),
//!  "body": text, "target" / "reply_to" / "thread_root": {"user": text, "cmid": bytes(16)},
//!  "mh": bytes(32), the sender's membership chain head when it encrypted (docs/crypto.md 14)}.
//! `cmid` is the message's own client message id: signed with it, so a relay cannot pass one
//! message off under another's cmid. References name their target by its sender and cmid, never
//! by the relay's seq. For "reaction"/"unreaction" the body is the emoji. Unknown keys are
//! ignored, so fields can be added (encode them in payload_codec.cpp next to the others).
struct Payload final {
    ClientMessageId cmid; //!< the message's own, as its sender signed it
    store::MessageContent content;
};

//! Why a plaintext is not a payload.
enum class PayloadError : quint8 {
    Malformed, //!< bad padding, not such a map, a relation without its target, a bad reference
    Legacy,    //!< the unpadded format of older clients (no own cmid, targets by seq)
};

//! The padded plaintext of `content` sent as `cmid`; nullopt when a reference is not by
//! (sender, cmid) (a seq reference cannot be signed meaningfully).
[[nodiscard]] std::optional<QByteArray> encodePayload(const ClientMessageId &cmid,
                                                      const store::MessageContent &content);
//! The payload in `plaintext` (padding checked and removed), or why not.
[[nodiscard]] std::variant<Payload, PayloadError> decodePayload(const QByteArray &plaintext);
//! The content of a payload in the format of older clients (unpadded, no own cmid, each
//! reference a seq or a cmid of `author`'s), for outbox items written before the upgrade;
//! nullopt for anything else. Never for received messages: see PayloadError::Legacy.
[[nodiscard]] std::optional<store::MessageContent> decodeLegacyPayload(const QByteArray &bytes,
                                                                       const UserId &author);
//! decodePayload() for callers that only need to know whether it worked.
[[nodiscard]] std::optional<Payload> readPayload(const QByteArray &plaintext);

} // namespace hearth::engine
