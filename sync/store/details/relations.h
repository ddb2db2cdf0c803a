// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: applying edits, deletions and reactions so that any arrival order converges.

#include "sync/store/database.h"
#include "sync/store/details/search_index.h"
#include "sync/store/event.h"

#include <optional>

namespace hearth::store::details {

//! The row id of the event `ref` names in `conversation`, if stored.
[[nodiscard]] StoreResult<std::optional<qint64>>
findReferencedRow(Database &db, ConversationId conversation, const EventRef &ref);

//! Recomputes what relations do to the event in row `rowId` — its text after the newest edit by
//! its sender, its deletion (by its sender or a moderator; final, and it wipes the text and
//! edits), its reactions (per user and emoji, the newest React or Unreact wins) — from the set
//! of decrypted relation events naming it. A pure function of that set, so the result does not
//! depend on the order events arrived in. Does nothing for rows that are not decrypted,
//! ordinary messages. Text changes go through `index`.
[[nodiscard]] StoreStatus refreshRelations(Database &db, SearchIndex &index, qint64 rowId);

} // namespace hearth::store::details
