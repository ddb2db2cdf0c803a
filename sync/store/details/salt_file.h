// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: profile.salt, the clear-text file beside the database that says how to derive its key.

#include "crypto/password_hash.h"
#include "crypto/store_key.h"
#include "sync/store/store_result.h"

#include <QByteArray>
#include <QString>

namespace hearth::store::details {

//! Layout (44 bytes): "HRTHSALT" || u8 format 1 || u8 cost (0 interactive, 1 moderate, 2 minimum)
//! || u16 BE SQLCipher page size || Argon2id salt 16 || database stamp 16. The stamp is the
//! database file's first 16 bytes (SQLCipher's own per-file salt, fixed for the file's life, also
//! across rekey and VACUUM): a file that does not start with it was replaced or damaged, which
//! tells "damaged" apart from "wrong passphrase" without any key.
struct SaltFile final {
    static constexpr qsizetype kSaltSize = crypto::StoreSalt::kSize;
    static constexpr qsizetype kStampSize = 16;

    crypto::PasswordHashCost cost = crypto::PasswordHashCost::Interactive;
    int pageSize = 4096;
    QByteArray salt;  //!< kSaltSize bytes
    QByteArray stamp; //!< kStampSize bytes
};

//! MissingSaltFile when absent, Corrupt when not in the layout above, Io when unreadable.
[[nodiscard]] StoreResult<SaltFile> readSaltFile(const QString &path);
//! Written atomically (QSaveFile): a crash leaves the old file or the new one.
[[nodiscard]] StoreStatus writeSaltFile(const QString &path, const SaltFile &file);
//! The first kStampSize bytes of the database at `path`; Corrupt when it is shorter.
[[nodiscard]] StoreResult<QByteArray> readDatabaseStamp(const QString &path);

} // namespace hearth::store::details
