// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/password_hash.h"
#include "crypto/store_key.h"
#include "sync/store/database.h"
#include "sync/store/migrations.h"
#include "sync/store/store_result.h"

#include <QByteArrayView>
#include <QString>
#include <memory>

namespace hearth::store {

class Store;

//! What a connection may do.
enum class Access {
    ReadWrite, //!< the single writer (a StoreWorker owns it in the app)
    ReadOnly,  //!< a reader: any number, each on one thread at a time (PRAGMA query_only)
};

//! An unlocked profile: its directory and the key of its database, from which connections are
//! opened without running Argon2id again. Cheap to copy; copies share the key (in secret memory,
//! wiped when the last copy goes). Thread-safe: connections can be opened from any thread.
//!
//! Files in the directory: profile.db (SQLCipher, WAL mode: also profile.db-wal and -shm while
//! open) and profile.salt (Argon2id salt and cost, in the clear; without it the database cannot
//! be unlocked, so back both up together).
class Profile final {
public:
    static constexpr auto kDatabaseFile = "profile.db";
    static constexpr auto kSaltFile = "profile.salt";
    static constexpr int kPageSize = 4096; //!< SQLCipher page size of new profiles

    //! True when `directory` holds a profile database.
    [[nodiscard]] static bool exists(const QString &directory);

    //! Creates the directory (if needed), a fresh salt and an empty database at `schemaVersion`
    //! (below kSchemaVersion only to test upgrades). The database appears under its final name
    //! only once complete, so a crash leaves no half-made profile. AlreadyExists when there is
    //! one; Io when the directory cannot be written. `cost`: Interactive for real profiles,
    //! Minimum for tests.
    [[nodiscard]] static StoreResult<Profile> create(const QString &directory,
                                                     QByteArrayView passphrase,
                                                     crypto::PasswordHashCost cost,
                                                     int schemaVersion = kSchemaVersion);

    //! Derives the key and opens the database, upgrading its schema when it is older. Errors:
    //! NotFound (no database), MissingSaltFile, WrongPassphrase (nothing on disk is touched),
    //! Corrupt (damaged, truncated or foreign file, or a damaged salt file), NewerSchema.
    [[nodiscard]] static StoreResult<Profile> unlock(const QString &directory,
                                                     QByteArrayView passphrase);

    //! unlock() with the database's raw key (from the OS keychain, see storeKey()) instead of
    //! the passphrase: no Argon2id. Same checks, errors and schema upgrade as unlock(), except
    //! that a key which does not open the database is WrongPassphrase with its own sentence
    //! (nothing on disk is touched): the caller should forget that key and ask the passphrase.
    [[nodiscard]] static StoreResult<Profile> unlockWithKey(const QString &directory,
                                                            crypto::StoreKey key);

    //! The raw key of this profile's database, for the OS keychain (unlockWithKey() takes it
    //! back). Never log or persist it elsewhere; its debug output is redacted. changePassphrase()
    //! replaces it: save the new one where the old one was kept.
    [[nodiscard]] const crypto::StoreKey &storeKey() const { return *m_key; }

    //! A new connection with every store API. One ReadWrite store per profile at a time (hand
    //! it to a StoreWorker); ReadOnly stores for reader threads.
    [[nodiscard]] StoreResult<std::unique_ptr<Store>> openStore(Access access) const;
    //! A new raw connection (keyed and configured): for migrations tests and tools.
    [[nodiscard]] StoreResult<Database> openDatabase(Access access) const;

    //! Re-encrypts the database under a key derived from `newPassphrase` (same salt and cost).
    //! Needs every other connection closed (Busy otherwise): it leaves WAL mode for the rekey.
    [[nodiscard]] StoreStatus changePassphrase(QByteArrayView newPassphrase);

    [[nodiscard]] const QString &directory() const { return m_directory; }
    [[nodiscard]] QString databasePath() const;
    [[nodiscard]] QString saltPath() const;

private:
    Profile(QString directory, std::shared_ptr<const crypto::StoreKey> key, int pageSize);
    //! Proves the key on a first connection, upgrades the schema, enters WAL mode.
    [[nodiscard]] static StoreResult<Profile>
    open(const QString &directory, std::shared_ptr<const crypto::StoreKey> key, int pageSize);

    QString m_directory;
    std::shared_ptr<const crypto::StoreKey> m_key;
    int m_pageSize = kPageSize;
};

} // namespace hearth::store
