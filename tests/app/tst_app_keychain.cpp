// SPDX-License-Identifier: GPL-3.0-or-later
// "Remember on this computer": the app saves the profile's store key in a real Secret Service
// (gnome-keyring on a private bus) and the next start unlocks without the passphrase; a saved
// key that no longer opens the profile is forgotten and the passphrase asked again.
#include "app/app_controller.h"
#include "app/keychain/store_key_keychain.h"
#include "tests/app/platform/keychain_test_support.h"
#include "tests/app/platform/secret_service.h"
#include "tests/engine/engine_harness.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth;

class TestAppKeychain final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rememberedKeyUnlocksNextStart();
    void staleKeyIsForgottenAndThePassphraseAsked();

private:
    [[nodiscard]] std::unique_ptr<app::AppController> startApp() const;
    //! Why the keychain holds no key for the profile now; nullopt when it holds one.
    [[nodiscard]] std::optional<app::KeychainError> missingKeyReason();

    test::SecretService m_secrets;
    std::unique_ptr<test::RelayProcess> m_relay;
    QTemporaryDir m_dir;
};

void TestAppKeychain::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_secrets.start(), qPrintable(m_secrets.error()));
    m_relay = std::make_unique<test::RelayProcess>();
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
}

std::unique_ptr<app::AppController> TestAppKeychain::startApp() const {
    app::AppOptions options;
    options.profileDirectory = m_dir.path() + u"/profile"_s;
    options.defaultRelay = m_relay->wsUrl();
    options.cost = crypto::PasswordHashCost::Minimum;
    return std::make_unique<app::AppController>(options);
}

std::optional<app::KeychainError> TestAppKeychain::missingKeyReason() {
    app::StoreKeyKeychain keychain;
    test::Outcome<app::KeychainResult<crypto::StoreKey>> loaded;
    keychain.load(m_dir.path() + u"/profile"_s, loaded.callback());
    if (!QTest::qWaitFor([&] { return loaded.result.has_value(); }, test::kKeychainAnswerMs))
        return app::KeychainError::TimedOut;
    if (loaded.result->ok())
        return std::nullopt;
    return loaded.result->error().code;
}

void TestAppKeychain::rememberedKeyUnlocksNextStart() {
    auto app = startApp();
    QTRY_VERIFY_WITH_TIMEOUT(app->keychainAvailable(), test::kKeychainAnswerMs);
    app->createAccount(u"carol"_s, QString::fromLatin1(test::kTestPassword), u"passphrase"_s,
                       m_relay->wsUrl().toString(), true);
    QTRY_COMPARE_WITH_TIMEOUT(app->stage(), u"ready"_s, test::kEngineWaitMs);
    // The key reaches the keychain.
    QTRY_VERIFY_WITH_TIMEOUT(!missingKeyReason(), test::kEngineWaitMs);
    app.reset();

    // The next start unlocks by itself: no passphrase typed.
    app = startApp();
    QCOMPARE(app->stage(), u"unlock"_s);
    QTRY_COMPARE_WITH_TIMEOUT(app->stage(), u"ready"_s, test::kEngineWaitMs);
    QCOMPARE(app->userName(), u"carol"_s);
    QCOMPARE(app->errorText(), QString());
}

void TestAppKeychain::staleKeyIsForgottenAndThePassphraseAsked() {
    // Another key saved under this profile (e.g. from a profile since replaced).
    app::StoreKeyKeychain keychain;
    test::Outcome<app::KeychainStatus> saved;
    keychain.save(m_dir.path() + u"/profile"_s, test::randomStoreKey(), saved.callback());
    QTRY_VERIFY_WITH_TIMEOUT(saved.result.has_value(), test::kKeychainAnswerMs);
    QVERIFY(saved.result->ok());

    auto app = startApp();
    // The key is tried, fails, and is forgotten: the unlock page stays, without an error.
    QTRY_VERIFY_WITH_TIMEOUT(missingKeyReason() == app::KeychainError::NotFound,
                             test::kEngineWaitMs);
    QCOMPARE(app->stage(), u"unlock"_s);
    QCOMPARE(app->errorText(), QString());
    app->unlock(u"passphrase"_s);
    QTRY_COMPARE_WITH_TIMEOUT(app->stage(), u"ready"_s, test::kEngineWaitMs);
}

QTEST_MAIN(TestAppKeychain)
#include "tst_app_keychain.moc"
