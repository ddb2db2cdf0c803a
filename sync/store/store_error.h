// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDebug>
#include <QString>

namespace hearth::store {

//! Every expected failure of the local store. Values are stable: callers may branch on them and
//! log their names (which hold no user data).
enum class StoreError {
    NotFound,        //!< no profile in that directory, or no such row (unknown conversation…)
    AlreadyExists,   //!< creating a profile where one already exists
    WrongPassphrase, //!< the passphrase does not open this profile's database
    MissingSaltFile, //!< the database is there but its salt file (profile.salt) is not
    Corrupt,         //!< the database or salt file is damaged, truncated or not a Hearth store
    NewerSchema,     //!< written by a newer Hearth: this build will not touch it
    DiskFull,        //!< the disk (or the database's size cap) is full: the write was undone
    Busy,            //!< another connection or process holds the lock
    ReadOnly,        //!< a write through a read-only connection, or a read-only file
    Io,              //!< the file system failed (permissions, missing directory, I/O error)
    InvalidArgument, //!< the call itself is wrong (bad state transition, missing field…)
    Conflict,        //!< the call contradicts what is stored (e.g. a second seq for a sent item)
    OutOfMemory,     //!< Argon2id (or SQLite) could not get its memory
    Cancelled,       //!< the caller gave up on a read in progress (a newer search replaced it)
    Internal,        //!< anything else SQLite reported; the message has its text
};

//! A StoreError with a sentence for people. Messages name no users, keys or content.
struct StoreFailure final {
    StoreError code = StoreError::Internal;
    QString message;
};

//! Stable identifier for logs and test output, e.g. "WrongPassphrase".
[[nodiscard]] const char *storeErrorName(StoreError error);

//! The default sentence for `error` ("The passphrase is wrong.").
[[nodiscard]] QString storeErrorMessage(StoreError error);

//! A failure with the default sentence, optionally followed by `detail`.
[[nodiscard]] StoreFailure storeFailure(StoreError error, const QString &detail = {});

QDebug operator<<(QDebug debug, StoreError error);
QDebug operator<<(QDebug debug, const StoreFailure &failure);

} // namespace hearth::store
