// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the consistency rules an event must meet before it is stored.

#include "sync/store/event.h"
#include "sync/store/store_result.h"

namespace hearth::store::details {

//! InvalidArgument unless: every EventRef is valid; a relation has a target and an ordinary
//! message has none; a Delete by moderator is a Delete.
[[nodiscard]] StoreStatus validateContent(const MessageContent &content);

//! InvalidArgument unless: seq > 0, a sender user, a membership event has its change (and only
//! membership events do), a decrypted message has valid content, and the cmid only on messages.
[[nodiscard]] StoreStatus validateEvent(const IncomingEvent &event);

} // namespace hearth::store::details
