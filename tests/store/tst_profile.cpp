// SPDX-License-Identifier: GPL-3.0-or-later
// Creating and unlocking profiles: the passphrase, the salt file, passphrase changes.
#include "store_test_support.h"
#include "sync/store/store_error.h"

#include <QFileInfo>

using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

class TestProfile final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createThenUnlock();
    void createRefusesExistingProfile();
    void unlockMissingProfile();
    void wrongPassphraseLeavesFileUntouched();
    void wrongPassphraseAfterWrites();
    void newerSchemaIsRefused();
    void changePassphrase();
    void changePassphraseNeedsExclusiveAccess();
    void readerIsReadOnly();
    void errorNamesAndMessages();
    void ownerOnlyModes();
};

namespace {

constexpr QFile::Permissions kOwnerRw = QFile::ReadOwner | QFile::WriteOwner;

//! A Unix mode in octal from Qt's flags (owner, group, other; Qt's "User" bits left out).
QString octal(QFile::Permissions permissions) {
    const int p = permissions.toInt();
    return QString::number(((p >> 12) & 7) << 6 | ((p >> 4) & 7) << 3 | (p & 7), 8);
}

//! "dir:<mode>" and "<file>:<mode>" for each file in the directory, by name.
QString modesIn(const QString &directory) {
    QStringList modes{u"dir:"_s + octal(QFileInfo(directory).permissions())};
    for (const QFileInfo &file : QDir(directory).entryInfoList(QDir::Files, QDir::Name))
        modes.append(file.fileName() + u":"_s + octal(file.permissions()));
    return modes.join(u' ');
}

} // namespace

void TestProfile::createThenUnlock() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"nested/profile"_s);
    QVERIFY(!Profile::exists(path));
    auto created = Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum);
    STORE_OK(created);
    QVERIFY(Profile::exists(path));
    QVERIFY(QFile::exists(created->saltPath()));
    QVERIFY(!QFile::exists(created->databasePath() + u".new"_s));
    {
        auto store = valueOf(created->openStore(Access::ReadWrite));
        STORE_OK(store->account().setSetting(u"theme"_s, "dark"));
    }
    auto unlocked = Profile::unlock(path, kPassphrase);
    STORE_OK(unlocked);
    auto store = valueOf(unlocked->openStore(Access::ReadWrite));
    QCOMPARE(valueOf(store->account().setting(u"theme"_s)), std::optional(QByteArray("dark")));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);
    QCOMPARE(valueOf(store->database().scalar("PRAGMA temp_store")), 2); // MEMORY
    auto mode = store->database().prepare("PRAGMA journal_mode");
    QVERIFY(valueOf(mode->step()));
    QCOMPARE(mode->text(0), u"wal"_s);
}

void TestProfile::createRefusesExistingProfile() {
    TempProfile temp;
    temp.store.reset(); // checkpoints the WAL into the file
    const QByteArray before = sha256Of(temp.profile->databasePath());
    const QByteArray saltBefore = sha256Of(temp.profile->saltPath());
    auto again = Profile::create(temp.path(), "other", crypto::PasswordHashCost::Minimum);
    QVERIFY(!again);
    QCOMPARE(errorOf(again), "AlreadyExists"_L1);
    QCOMPARE(sha256Of(temp.profile->saltPath()), saltBefore);
    QCOMPARE(sha256Of(temp.profile->databasePath()), before);
}

void TestProfile::unlockMissingProfile() {
    QTemporaryDir dir;
    auto unlocked = Profile::unlock(dir.path(), kPassphrase);
    QVERIFY(!unlocked);
    QCOMPARE(errorOf(unlocked), "NotFound"_L1);
}

void TestProfile::wrongPassphraseLeavesFileUntouched() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"hello"_s)));
    temp.store.reset();
    const QString db = temp.profile->databasePath();
    const QByteArray before = sha256Of(db);
    const QStringList filesBefore = QDir(temp.path()).entryList(QDir::Files);
    QVERIFY(!before.isEmpty());

    auto unlocked = Profile::unlock(temp.path(), "not the passphrase");
    QVERIFY(!unlocked);
    QCOMPARE(errorOf(unlocked), "WrongPassphrase"_L1);
    QVERIFY(unlocked.error().message.contains(u"passphrase"_s));
    QCOMPARE(sha256Of(db), before);
    QCOMPARE(QDir(temp.path()).entryList(QDir::Files), filesBefore);

    auto right = Profile::unlock(temp.path(), kPassphrase);
    STORE_OK(right);
}

void TestProfile::wrongPassphraseAfterWrites() {
    // With a writer open (WAL and shm files present) a wrong passphrase still changes nothing.
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"hello"_s)));
    const QString db = temp.profile->databasePath();
    const QByteArray before = sha256Of(db);
    const QByteArray walBefore = sha256Of(db + u"-wal"_s);
    auto unlocked = Profile::unlock(temp.path(), "wrong");
    QCOMPARE(errorOf(unlocked), "WrongPassphrase"_L1);
    QCOMPARE(sha256Of(db), before);
    QCOMPARE(sha256Of(db + u"-wal"_s), walBefore);
}

void TestProfile::newerSchemaIsRefused() {
    TempProfile temp;
    STORE_OK(temp.store->database().exec("PRAGMA user_version = 99"));
    temp.store.reset();
    auto unlocked = Profile::unlock(temp.path(), kPassphrase);
    QVERIFY(!unlocked);
    QCOMPARE(errorOf(unlocked), "NewerSchema"_L1);
}

void TestProfile::changePassphrase() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"kept across rekey"_s)));
    temp.store.reset();
    STORE_OK(temp.profile->changePassphrase("new passphrase"));
    // The profile object keeps working with the new key.
    STORE_OK(temp.profile->openStore(Access::ReadOnly));

    QCOMPARE(errorOf(Profile::unlock(temp.path(), kPassphrase)), "WrongPassphrase"_L1);
    auto unlocked = Profile::unlock(temp.path(), "new passphrase");
    STORE_OK(unlocked);
    auto store = valueOf(unlocked->openStore(Access::ReadWrite));
    auto page = valueOf(store->timeline().latest(kConv, 10));
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.front().text, u"kept across rekey"_s);
}

void TestProfile::changePassphraseNeedsExclusiveAccess() {
    TempProfile temp;
    auto reader = valueOf(temp.profile->openStore(Access::ReadOnly));
    auto changed = temp.profile->changePassphrase("new");
    QVERIFY(!changed);
    QCOMPARE(errorOf(changed), "Busy"_L1);
    reader.reset();
    temp.store.reset();
    QCOMPARE(errorOf(Profile::unlock(temp.path(), "new")), "WrongPassphrase"_L1);
    STORE_OK(Profile::unlock(temp.path(), kPassphrase));
}

void TestProfile::readerIsReadOnly() {
    TempProfile temp;
    auto reader = valueOf(temp.profile->openStore(Access::ReadOnly));
    auto written = reader->account().setSetting(u"x"_s, "y");
    QVERIFY(!written);
    QCOMPARE(errorOf(written), "ReadOnly"_L1);
}

void TestProfile::errorNamesAndMessages() {
    QCOMPARE(storeErrorName(StoreError::WrongPassphrase), "WrongPassphrase");
    QCOMPARE(storeErrorName(StoreError::DiskFull), "DiskFull");
    QVERIFY(storeErrorMessage(StoreError::MissingSaltFile).contains(u"profile.salt"_s));
    const StoreFailure failure = storeFailure(StoreError::Corrupt, u"(detail)"_s);
    QVERIFY(failure.message.endsWith(u"(detail)"_s));
}

void TestProfile::ownerOnlyModes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    auto created = Profile::create(path, kPassphrase, crypto::PasswordHashCost::Minimum);
    STORE_OK(created);
    {
        auto store = valueOf(created->openStore(Access::ReadWrite));
        STORE_OK(store->account().setSetting(u"theme"_s, "dark")); // the -wal and -shm files too
        QVERIFY(QFile::exists(created->databasePath() + u"-wal"_s));
        QCOMPARE(modesIn(path), u"dir:700 profile.db:600 profile.db-shm:600 profile.db-wal:600 "
                                "profile.salt:600"_s);
    }
    // A profile from before modes were set is tightened when it is unlocked.
    QVERIFY(QFile::setPermissions(path, QFile::Permissions(0x7755)));
    for (const QString &file : {created->databasePath(), created->saltPath()})
        QVERIFY(QFile::setPermissions(file, kOwnerRw | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(modesIn(path).startsWith(u"dir:755 profile.db:644"_s));
    auto unlocked = Profile::unlock(path, kPassphrase);
    STORE_OK(unlocked);
    QCOMPARE(modesIn(path), u"dir:700 profile.db:600 profile.salt:600"_s);
    // Changing the passphrase rewrites nothing laxer.
    STORE_OK(unlocked->changePassphrase("another passphrase"));
    QVERIFY2(modesIn(path).startsWith(u"dir:700 profile.db:600"_s), qPrintable(modesIn(path)));
    QVERIFY2(modesIn(path).endsWith(u"profile.salt:600"_s), qPrintable(modesIn(path)));
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
