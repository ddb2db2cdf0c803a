// SPDX-License-Identifier: GPL-3.0-or-later
// Unlocking a profile with its raw store key (what the OS keychain keeps) instead of the
// passphrase: real SQLCipher files, Argon2id at minimum cost.
#include "crypto/secret_view.h"
#include "store_test_support.h"
#include "sync/store/store_error.h"

using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

namespace {

//! A copy of the profile's key, as the keychain would give it back.
crypto::StoreKey copyOfKey(const Profile &profile) {
    auto key = crypto::StoreKey::fromBytes(crypto::secretView(profile.storeKey().bytes()));
    if (!key)
        qFatal("cannot copy the store key");
    return std::move(key).value();
}

crypto::StoreKey randomKey() {
    const crypto::SecretBytes bytes = crypto::SecretBytes::generate(crypto::kStoreKeySize);
    return crypto::StoreKey::fromBytes(crypto::secretView(bytes)).value();
}

QByteArray keyBytes(const Profile &profile) {
    return crypto::secretView(profile.storeKey().bytes()).toByteArray();
}

} // namespace

class TestProfileKey final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unlockWithKeyOpensTheData();
    void passphraseAndKeyGiveTheSameKey();
    void wrongKeyLeavesFilesUntouched();
    void keyOfAnotherProfileIsRefused();
    void changePassphraseReplacesTheKey();
    void missingFilesAreReported();
    void keyOfWrongSizeIsRefused();
    void keyIsNotInDebugOutput();
};

void TestProfileKey::unlockWithKeyOpensTheData() {
    TempProfile temp;
    STORE_OK(temp.store->account().setSetting(u"theme"_s, "dark"));
    crypto::StoreKey key = copyOfKey(*temp.profile);
    temp.store.reset();
    temp.profile.reset();

    auto unlocked = Profile::unlockWithKey(temp.path(), std::move(key));
    STORE_OK(unlocked);
    auto store = valueOf(unlocked->openStore(Access::ReadWrite));
    QCOMPARE(valueOf(store->account().setting(u"theme"_s)), std::optional(QByteArray("dark")));
    QCOMPARE(valueOf(schemaVersion(store->database())), kSchemaVersion);
    // A reader opened from the key-unlocked profile works too.
    auto reader = valueOf(unlocked->openStore(Access::ReadOnly));
    QCOMPARE(valueOf(reader->account().setting(u"theme"_s)), std::optional(QByteArray("dark")));
}

void TestProfileKey::passphraseAndKeyGiveTheSameKey() {
    TempProfile temp;
    const QByteArray created = keyBytes(*temp.profile);
    QCOMPARE(created.size(), crypto::kStoreKeySize);
    temp.store.reset();
    auto unlocked = valueOf(Profile::unlock(temp.path(), kPassphrase));
    QCOMPARE(keyBytes(unlocked), created);
    auto byKey = valueOf(Profile::unlockWithKey(temp.path(), copyOfKey(unlocked)));
    QCOMPARE(keyBytes(byKey), created);
}

void TestProfileKey::wrongKeyLeavesFilesUntouched() {
    TempProfile temp;
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"hello"_s)));
    temp.store.reset();
    const QString db = temp.profile->databasePath();
    const QByteArray before = sha256Of(db);
    const QByteArray saltBefore = sha256Of(temp.profile->saltPath());
    const QStringList filesBefore = QDir(temp.path()).entryList(QDir::Files);
    QVERIFY(!before.isEmpty());

    auto unlocked = Profile::unlockWithKey(temp.path(), randomKey());
    QVERIFY(!unlocked);
    QCOMPARE(errorOf(unlocked), "WrongPassphrase"_L1);
    QVERIFY2(unlocked.error().message.contains(u"saved key"_s),
             qPrintable(unlocked.error().message));
    QCOMPARE(sha256Of(db), before);
    QCOMPARE(sha256Of(temp.profile->saltPath()), saltBefore);
    QCOMPARE(QDir(temp.path()).entryList(QDir::Files), filesBefore);

    STORE_OK(Profile::unlock(temp.path(), kPassphrase));
}

void TestProfileKey::keyOfAnotherProfileIsRefused() {
    TempProfile first;
    TempProfile second;
    first.store.reset();
    auto unlocked = Profile::unlockWithKey(first.path(), copyOfKey(*second.profile));
    QCOMPARE(errorOf(unlocked), "WrongPassphrase"_L1);
    STORE_OK(Profile::unlockWithKey(first.path(), copyOfKey(*first.profile)));
}

void TestProfileKey::changePassphraseReplacesTheKey() {
    TempProfile temp;
    temp.store.reset();
    crypto::StoreKey oldKey = copyOfKey(*temp.profile);
    const QByteArray oldBytes = keyBytes(*temp.profile);
    STORE_OK(temp.profile->changePassphrase("a new passphrase"));
    QVERIFY(keyBytes(*temp.profile) != oldBytes);

    auto withOld = Profile::unlockWithKey(temp.path(), std::move(oldKey));
    QCOMPARE(errorOf(withOld), "WrongPassphrase"_L1);
    auto withNew = Profile::unlockWithKey(temp.path(), copyOfKey(*temp.profile));
    STORE_OK(withNew);
    QCOMPARE(keyBytes(*withNew),
             keyBytes(valueOf(Profile::unlock(temp.path(), "a new passphrase"))));
}

void TestProfileKey::missingFilesAreReported() {
    QTemporaryDir empty;
    QCOMPARE(errorOf(Profile::unlockWithKey(empty.path(), randomKey())), "NotFound"_L1);

    TempProfile temp;
    crypto::StoreKey key = copyOfKey(*temp.profile);
    temp.store.reset();
    QVERIFY(QFile::remove(temp.profile->saltPath()));
    QCOMPARE(errorOf(Profile::unlockWithKey(temp.path(), std::move(key))), "MissingSaltFile"_L1);
}

void TestProfileKey::keyOfWrongSizeIsRefused() {
    QVERIFY(!crypto::StoreKey::fromBytes(QByteArray(31, 'k')));
    QVERIFY(!crypto::StoreKey::fromBytes(QByteArray(33, 'k')));
    QVERIFY(!crypto::StoreKey::fromBytes({}));
    QCOMPARE(crypto::StoreKey::fromBytes(QByteArray(31, 'k')).error(),
             crypto::CryptoError::InvalidKey);
    const QByteArray bytes(crypto::kStoreKeySize, 'k');
    auto key = crypto::StoreKey::fromBytes(bytes);
    QVERIFY(key);
    QCOMPARE(crypto::secretView(key->bytes()).toByteArray(), bytes);
}

void TestProfileKey::keyIsNotInDebugOutput() {
    TempProfile temp;
    const QByteArray hex = keyBytes(*temp.profile).toHex();
    QString shown;
    QDebug(&shown) << temp.profile->storeKey();
    QVERIFY(!shown.isEmpty());
    QVERIFY(!shown.contains(QString::fromLatin1(hex), Qt::CaseInsensitive));
    QVERIFY(!shown.contains(QString::fromLatin1(hex.left(8)), Qt::CaseInsensitive));
}

QTEST_GUILESS_MAIN(TestProfileKey)
#include "tst_profile_key.moc"
