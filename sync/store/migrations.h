// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/store_result.h"

namespace hearth::store {

//! The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 7;

//! PRAGMA user_version of `db` (0 for a new file).
[[nodiscard]] StoreResult<int> schemaVersion(Database &db);

//! Brings `db` from its version up to `target` (default: kSchemaVersion) by calling
//! migrateTo1(), migrateTo2()… in order, each in its own transaction, so a failure leaves the
//! file at the last version completed. NewerSchema when the file is ahead of this build.
[[nodiscard]] StoreStatus migrate(Database &db, int target = kSchemaVersion);

//! v0 → v1: every table (details/schema_v1.cpp).
[[nodiscard]] StoreStatus migrateTo1(Database &db);
//! v1 → v2: outbound_session_shares, the thread index, conversation drafts.
[[nodiscard]] StoreStatus migrateTo2(Database &db);
//! v2 → v3: replay guards (group_message_indices, pairwise_seen).
[[nodiscard]] StoreStatus migrateTo3(Database &db);
//! v3 → v4: signed membership (membership_chains, membership_heads, event trust, alerts).
[[nodiscard]] StoreStatus migrateTo4(Database &db);
//! v4 → v5: the approval code of a device waiting for approval; the relay-pinned own account
//! key forgotten where the account key is not held.
[[nodiscard]] StoreStatus migrateTo5(Database &db);
//! v5 → v6: the sender of every cmid reference (rel_sender, reply_sender, thread_sender).
[[nodiscard]] StoreStatus migrateTo6(Database &db);
//! v6 → v7: device-list timestamps, devices-changed flags and list conflicts; the index each
//! session share was given at.
[[nodiscard]] StoreStatus migrateTo7(Database &db);

} // namespace hearth::store
