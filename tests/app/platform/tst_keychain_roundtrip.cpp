// SPDX-License-Identifier: GPL-3.0-or-later
// StoreKeyKeychain against a real Secret Service: gnome-keyring-daemon on a private session
// bus, with its keyring in a temporary directory (gnome-keyring is a build dependency). Ends with
// the app's flow: a profile's key saved, loaded back, and unlocking the real SQLCipher file.
#include "app/keychain/store_key_keychain.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"
#include "tests/app/platform/keychain_test_support.h"
#include "tests/app/platform/secret_service.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;
using hearth::app::KeychainError;
using hearth::app::KeychainResult;
using hearth::app::KeychainStatus;
using hearth::app::StoreKeyKeychain;
using hearth::test::bytesOf;
using hearth::test::kKeychainAnswerMs;
using hearth::test::Outcome;
using hearth::test::randomStoreKey;
namespace crypto = hearth::crypto;
namespace store = hearth::store;

namespace {

const QString kService = u"Hearth round-trip test"_s;

} // namespace

class TestKeychainRoundTrip final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saveLoadForget();
    void saveReplaces();
    void entryThatIsNotAKey();
    void profileUnlocksWithTheSavedKey();

private:
    [[nodiscard]] KeychainStatus save(StoreKeyKeychain &keychain, const QString &profile,
                                      const crypto::StoreKey &key);
    [[nodiscard]] KeychainResult<crypto::StoreKey> load(StoreKeyKeychain &keychain,
                                                        const QString &profile);
    [[nodiscard]] KeychainStatus forget(StoreKeyKeychain &keychain, const QString &profile);

    hearth::test::SecretService m_secrets;
};

void TestKeychainRoundTrip::initTestCase() {
    QVERIFY2(m_secrets.start(), qPrintable(m_secrets.error()));
}

KeychainStatus TestKeychainRoundTrip::save(StoreKeyKeychain &keychain, const QString &profile,
                                           const crypto::StoreKey &key) {
    Outcome<KeychainStatus> outcome;
    keychain.save(profile, key, outcome.callback());
    if (!QTest::qWaitFor([&] { return outcome.result.has_value(); }, kKeychainAnswerMs))
        qFatal("the keychain did not answer a save");
    return std::move(*outcome.result);
}

KeychainResult<crypto::StoreKey> TestKeychainRoundTrip::load(StoreKeyKeychain &keychain,
                                                             const QString &profile) {
    Outcome<KeychainResult<crypto::StoreKey>> outcome;
    keychain.load(profile, outcome.callback());
    if (!QTest::qWaitFor([&] { return outcome.result.has_value(); }, kKeychainAnswerMs))
        qFatal("the keychain did not answer a load");
    return std::move(*outcome.result);
}

KeychainStatus TestKeychainRoundTrip::forget(StoreKeyKeychain &keychain, const QString &profile) {
    Outcome<KeychainStatus> outcome;
    keychain.forget(profile, outcome.callback());
    if (!QTest::qWaitFor([&] { return outcome.result.has_value(); }, kKeychainAnswerMs))
        qFatal("the keychain did not answer a forget");
    return std::move(*outcome.result);
}

void TestKeychainRoundTrip::saveLoadForget() {
    StoreKeyKeychain keychain(kService);
    Outcome<KeychainStatus> available;
    keychain.checkAvailable(available.callback());
    QTRY_VERIFY_WITH_TIMEOUT(available.result.has_value(), kKeychainAnswerMs);
    EXPECT_KEYCHAIN_OK(*available.result);

    EXPECT_KEYCHAIN_FAILURE(load(keychain, u"a"_s), KeychainError::NotFound);
    const crypto::StoreKey keyA = randomStoreKey();
    const crypto::StoreKey keyB = randomStoreKey();
    EXPECT_KEYCHAIN_OK(save(keychain, u"a"_s, keyA));
    EXPECT_KEYCHAIN_OK(save(keychain, u"b"_s, keyB));

    auto loadedA = load(keychain, u"a"_s);
    EXPECT_KEYCHAIN_OK(loadedA);
    QCOMPARE(bytesOf(*loadedA), bytesOf(keyA));
    auto loadedB = load(keychain, u"b"_s);
    EXPECT_KEYCHAIN_OK(loadedB);
    QCOMPARE(bytesOf(*loadedB), bytesOf(keyB));

    EXPECT_KEYCHAIN_OK(forget(keychain, u"a"_s));
    EXPECT_KEYCHAIN_FAILURE(load(keychain, u"a"_s), KeychainError::NotFound);
    EXPECT_KEYCHAIN_OK(forget(keychain, u"a"_s)); // nothing left to forget: still fine
    auto stillB = load(keychain, u"b"_s);
    EXPECT_KEYCHAIN_OK(stillB);
    QCOMPARE(bytesOf(*stillB), bytesOf(keyB));
    EXPECT_KEYCHAIN_OK(forget(keychain, u"b"_s));
}

void TestKeychainRoundTrip::saveReplaces() {
    StoreKeyKeychain keychain(kService);
    const crypto::StoreKey first = randomStoreKey();
    const crypto::StoreKey second = randomStoreKey();
    EXPECT_KEYCHAIN_OK(save(keychain, u"c"_s, first));
    EXPECT_KEYCHAIN_OK(save(keychain, u"c"_s, second));
    auto loaded = load(keychain, u"c"_s);
    EXPECT_KEYCHAIN_OK(loaded);
    QCOMPARE(bytesOf(*loaded), bytesOf(second));
    EXPECT_KEYCHAIN_OK(forget(keychain, u"c"_s));
}

void TestKeychainRoundTrip::entryThatIsNotAKey() {
    // Something else wrote under our entry name: 5 bytes, not a 32-byte key.
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(StoreKeyKeychain::entryName(u"d"_s));
    job->setBinaryData("short");
    bool written = false;
    connect(job, &QKeychain::Job::finished, this,
            [&](QKeychain::Job *done) { written = done->error() == QKeychain::NoError; });
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(written, kKeychainAnswerMs);

    StoreKeyKeychain keychain(kService);
    EXPECT_KEYCHAIN_FAILURE(load(keychain, u"d"_s), KeychainError::Invalid);
    EXPECT_KEYCHAIN_OK(forget(keychain, u"d"_s));
}

void TestKeychainRoundTrip::profileUnlocksWithTheSavedKey() {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profile"_s);
    {
        auto created =
            store::Profile::create(path, "passphrase", crypto::PasswordHashCost::Minimum);
        QVERIFY(created.ok());
        StoreKeyKeychain keychain(kService);
        EXPECT_KEYCHAIN_OK(save(keychain, u"profile"_s, created->storeKey()));
    }
    // A later start: no passphrase, the key from the keychain.
    StoreKeyKeychain keychain(kService);
    auto loaded = load(keychain, u"profile"_s);
    EXPECT_KEYCHAIN_OK(loaded);
    auto unlocked = store::Profile::unlockWithKey(path, std::move(loaded).value());
    QVERIFY2(unlocked.ok(), qPrintable(unlocked.ok() ? QString() : unlocked.error().message));
    QVERIFY(unlocked->openStore(store::Access::ReadWrite).ok());

    // The passphrase changed on another start: the saved key no longer opens it.
    QVERIFY(unlocked->changePassphrase("new passphrase").ok());
    auto stale = load(keychain, u"profile"_s);
    EXPECT_KEYCHAIN_OK(stale);
    auto refused = store::Profile::unlockWithKey(path, std::move(stale).value());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, store::StoreError::WrongPassphrase);
    EXPECT_KEYCHAIN_OK(forget(keychain, u"profile"_s));
}

QTEST_GUILESS_MAIN(TestKeychainRoundTrip)
#include "tst_keychain_roundtrip.moc"
