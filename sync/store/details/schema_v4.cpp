// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 4: the approval code of a device that signed in and waits for approval (the
// one-time secret it shows, docs/crypto.md "Device approval"); NULL once approved.
#include "sync/store/details/schema.h"

namespace hearth::store::details {

const char *const kSchemaV4 = R"sql(
ALTER TABLE account ADD COLUMN approval_code BLOB;
)sql";

} // namespace hearth::store::details
