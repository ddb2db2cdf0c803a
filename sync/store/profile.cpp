// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/profile.h"

#include "sync/store/details/connection.h"
#include "sync/store/details/owner_only.h"
#include "sync/store/details/salt_file.h"
#include "sync/store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

QString pathIn(const QString &directory, const char *file) {
    return QDir(directory).filePath(QString::fromLatin1(file));
}

StoreResult<std::shared_ptr<const crypto::StoreKey>> deriveKey(QByteArrayView passphrase,
                                                               const details::SaltFile &saltFile) {
    auto salt = crypto::StoreSalt::fromBytes(saltFile.salt);
    if (!salt)
        return storeFailure(StoreError::Corrupt);
    auto key = crypto::deriveStoreKey(passphrase, *salt, saltFile.cost);
    if (!key)
        return storeFailure(StoreError::OutOfMemory, u"(Argon2id)"_s);
    return std::make_shared<const crypto::StoreKey>(std::move(key).value());
}

//! The checks unlock() makes before any key: the database and its salt file are there and
//! belong together, and the database is whole pages. Returns the salt file.
StoreResult<details::SaltFile> checkProfileFiles(const QString &directory) {
    const QString databasePath = pathIn(directory, Profile::kDatabaseFile);
    if (!QFileInfo::exists(databasePath))
        return storeFailure(StoreError::NotFound, u"(no profile database in that directory)"_s);
    auto saltFile = details::readSaltFile(pathIn(directory, Profile::kSaltFile));
    if (!saltFile)
        return saltFile.error();
    auto stamp = details::readDatabaseStamp(databasePath);
    if (!stamp)
        return stamp.error();
    if (*stamp != saltFile->stamp)
        return storeFailure(StoreError::Corrupt,
                            u"Its first bytes do not match the salt file: it was damaged or "
                            "replaced."_s);
    // why: SQLCipher files are whole pages; anything else was cut short (SQLite itself notices
    // a file cut at a page boundary when it reads the header).
    if (QFileInfo(databasePath).size() % saltFile->pageSize != 0)
        return storeFailure(StoreError::Corrupt, u"The database file is truncated."_s);
    return saltFile;
}

void removeDatabaseFiles(const QString &path) {
    for (const auto *suffix : {"", "-journal", "-wal", "-shm"})
        QFile::remove(path + QString::fromLatin1(suffix));
}

//! Builds the database at `path` (a temporary name), closes it (which checkpoints and removes
//! the -wal file) and returns its stamp.
StoreResult<QByteArray> buildDatabase(const QString &path, const crypto::StoreKey &key,
                                      int pageSize, int schemaVersion) {
    {
        auto db = details::openConnection(path, OpenMode::Create, key, pageSize, false);
        if (!db)
            return db.error();
        if (auto migrated = migrate(*db, schemaVersion); !migrated)
            return migrated.error();
        if (auto wal = db->exec("PRAGMA journal_mode = WAL"); !wal)
            return wal.error();
    }
    return details::readDatabaseStamp(path);
}

//! Leaves WAL mode: only possible with no other connection open.
StoreStatus leaveWal(Database &db) {
    auto mode = db.prepare("PRAGMA journal_mode = DELETE");
    auto stepped = mode->step();
    if (!stepped)
        return stepped.error();
    if (!*stepped || mode->text(0) != u"delete"_s)
        return storeFailure(StoreError::Busy, u"(close the other connections first)"_s);
    return {};
}

} // namespace

Profile::Profile(QString directory, std::shared_ptr<const crypto::StoreKey> key, int pageSize)
    : m_directory(std::move(directory))
    , m_key(std::move(key))
    , m_pageSize(pageSize) {}

bool Profile::exists(const QString &directory) {
    return QFileInfo::exists(pathIn(directory, kDatabaseFile));
}

QString Profile::databasePath() const {
    return pathIn(m_directory, kDatabaseFile);
}

QString Profile::saltPath() const {
    return pathIn(m_directory, kSaltFile);
}

StoreResult<Profile> Profile::create(const QString &directory, QByteArrayView passphrase,
                                     crypto::PasswordHashCost cost, int schemaVersion) {
    if (exists(directory))
        return storeFailure(StoreError::AlreadyExists);
    if (!QDir().mkpath(directory))
        return storeFailure(StoreError::Io, u"(cannot create the profile directory)"_s);
    if (auto restricted = details::restrictToOwner(directory); !restricted)
        return restricted.error();

    details::SaltFile saltFile;
    saltFile.cost = cost;
    saltFile.pageSize = kPageSize;
    saltFile.salt = crypto::StoreSalt::generate().bytes();
    auto key = deriveKey(passphrase, saltFile);
    if (!key)
        return key.error();

    const QString finalPath = pathIn(directory, kDatabaseFile);
    const QString buildingPath = finalPath + u".new"_s;
    removeDatabaseFiles(buildingPath); // left over by a crash during an earlier create
    if (auto created = details::createOwnerOnlyFile(buildingPath); !created)
        return created.error();
    auto stamp = buildDatabase(buildingPath, **key, kPageSize, schemaVersion);
    if (!stamp) {
        removeDatabaseFiles(buildingPath);
        return stamp.error();
    }
    saltFile.stamp = *stamp;
    // why: salt first, database last. Until the rename there is no profile; after it, the salt
    // that opens it is already on disk.
    auto saved = details::writeSaltFile(pathIn(directory, kSaltFile), saltFile);
    if (saved)
        saved = details::restrictToOwner(directory);
    if (!saved || !QFile::rename(buildingPath, finalPath)) {
        removeDatabaseFiles(buildingPath);
        return saved ? storeFailure(StoreError::Io, u"(cannot rename the new database)"_s)
                     : saved.error();
    }
    return Profile(directory, std::move(key).value(), kPageSize);
}

StoreResult<Profile> Profile::unlock(const QString &directory, QByteArrayView passphrase) {
    auto saltFile = checkProfileFiles(directory);
    if (!saltFile)
        return saltFile.error();
    auto key = deriveKey(passphrase, *saltFile);
    if (!key)
        return key.error();
    return open(directory, std::move(key).value(), saltFile->pageSize);
}

StoreResult<Profile> Profile::unlockWithKey(const QString &directory, crypto::StoreKey key) {
    auto saltFile = checkProfileFiles(directory);
    if (!saltFile)
        return saltFile.error();
    auto profile = open(directory, std::make_shared<const crypto::StoreKey>(std::move(key)),
                        saltFile->pageSize);
    if (!profile && profile.error().code == StoreError::WrongPassphrase)
        return StoreFailure{StoreError::WrongPassphrase,
                            u"The saved key does not open this profile: it belongs to another "
                            "profile or to an earlier passphrase."_s};
    return profile;
}

StoreResult<Profile> Profile::open(const QString &directory,
                                   std::shared_ptr<const crypto::StoreKey> key, int pageSize) {
    Profile profile(directory, std::move(key), pageSize);
    // why: profiles made before modes were set are tightened on their next unlock.
    if (auto restricted = details::restrictToOwner(directory); !restricted)
        return restricted.error();
    auto db = profile.openDatabase(Access::ReadWrite);
    if (!db)
        return db.error();
    if (auto migrated = migrate(*db); !migrated)
        return migrated.error();
    if (auto wal = db->exec("PRAGMA journal_mode = WAL"); !wal)
        return wal.error();
    return profile;
}

StoreResult<Database> Profile::openDatabase(Access access) const {
    // why: readers open read-write with query_only set. A SQLITE_OPEN_READONLY connection cannot
    // create the -shm file that WAL needs when no writer has it open (SQLite < 3.22).
    return details::openConnection(databasePath(), OpenMode::ReadWrite, *m_key, m_pageSize,
                                   access == Access::ReadOnly);
}

StoreResult<std::unique_ptr<Store>> Profile::openStore(Access access) const {
    auto db = openDatabase(access);
    if (!db)
        return db.error();
    return std::make_unique<Store>(std::move(db).value());
}

StoreStatus Profile::changePassphrase(QByteArrayView newPassphrase) {
    auto saltFile = details::readSaltFile(saltPath());
    if (!saltFile)
        return saltFile.error();
    auto newKey = deriveKey(newPassphrase, *saltFile);
    if (!newKey)
        return newKey.error();
    auto db = openDatabase(Access::ReadWrite);
    if (!db)
        return db.error();
    // why: SQLCipher 3 rekeys reliably only outside WAL mode.
    if (auto left = leaveWal(*db); !left)
        return left;
    db->clearStatementCache();
    if (auto rekeyed = db->rekey((*newKey)->sqlcipherKeyLiteral()); !rekeyed)
        return rekeyed;
    if (auto wal = db->exec("PRAGMA journal_mode = WAL"); !wal)
        return wal;
    m_key = std::move(newKey).value();
    return {};
}

} // namespace hearth::store
