// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 5: the approval code of a device that signed in and waits for approval (the
// one-time secret it shows, docs/crypto.md "Device approval"); NULL once approved. Before it, a
// device pinned its own account's key from the relay on first sight: where the device does not
// hold the account key (it waits for approval), that pin and the lists verified under it are
// forgotten, so it learns the key from the verified approval grant instead. A device that holds
// the account key re-pins its public half at start (the engine).
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV5 = R"sql(
ALTER TABLE account ADD COLUMN approval_code BLOB;
UPDATE devices SET on_signed_list = 0
    WHERE user_id IN (SELECT user_id FROM account WHERE account_signing_secret IS NULL);
UPDATE users SET account_key = NULL, device_list = NULL, device_list_version = 0
    WHERE user_id IN (SELECT user_id FROM account WHERE account_signing_secret IS NULL);
)sql";

} // namespace hearth::store::details
