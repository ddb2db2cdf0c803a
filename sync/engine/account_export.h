// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/transcript_pages.h"

#include <QIODevice>

namespace hearth::store {
class Store;
}

namespace hearth::engine {

//! Writes the whole account as one JSON document for data portability (docs/cli.md, "Account
//! archive"), streaming: the account, its devices (public keys and trust only), the settings
//! the profile keeps, then every conversation (metadata, members) with its events in the
//! transcript shape, read one page at a time. Never a secret key, a session key or the
//! profile's passphrase. `exportedTs` 0: now. Reads only: run it on a reader connection off
//! the UI thread. NotFound for a profile without an account; Cancelled when `control.cancel`
//! was set.
[[nodiscard]] ExportStatus exportAccount(store::Store &store, QIODevice &out,
                                         const ExportControl &control = {}, qint64 exportedTs = 0);

} // namespace hearth::engine
