// SPDX-License-Identifier: GPL-3.0-or-later
// StoreKeyKeychain where no keychain is reachable: a private session bus with no Secret Service
// and no KWallet. Every call must end with a clear error, never hang.
#include "app/keychain/store_key_keychain.h"
#include "tests/app/platform/keychain_test_support.h"
#include "tests/app/platform/private_bus.h"

#include <QDBusConnection>
#include <QDBusVirtualObject>
#include <QLibrary>
#include <QTest>

using namespace Qt::StringLiterals;
using hearth::app::KeychainError;
using hearth::app::KeychainResult;
using hearth::app::KeychainStatus;
using hearth::app::StoreKeyKeychain;
namespace crypto = hearth::crypto;

using hearth::test::kKeychainAnswerMs;
using hearth::test::Outcome;

//! A Secret Service that never answers anything (as one stuck behind a dialog would), to
//! prove the timeout.
class SilentSecretService final : public QDBusVirtualObject {
public:
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override {
        return true; // taken, and never answered
    }
    QString introspect(const QString &) const override { return {}; }
};

class TestStoreKeyKeychain final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void saveReportsUnavailable();
    void loadReportsUnavailable();
    void forgetReportsUnavailable();
    void checkAvailableReportsUnavailable();
    void silentKeychainTimesOut();
    void entryNamesDifferPerProfile();

private:
    hearth::test::PrivateBus m_bus;
};

void TestStoreKeyKeychain::initTestCase() {
    QVERIFY2(m_bus.start(), qPrintable(m_bus.error()));
    // why before any D-Bus use: QDBusConnection::sessionBus() (and libsecret) read it once.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus.address().toUtf8());
    // A plain desktop: qtkeychain then tries the Secret Service, then KWallet.
    for (const char *name :
         {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION"})
        qunsetenv(name);
}

void TestStoreKeyKeychain::cleanupTestCase() {
    QDBusConnection::disconnectFromBus(u"secrets"_s);
}

void TestStoreKeyKeychain::saveReportsUnavailable() {
    StoreKeyKeychain keychain(u"Hearth test"_s);
    Outcome<KeychainStatus> saved;
    keychain.save(u"profile-1"_s, hearth::test::randomStoreKey(), saved.callback());
    QVERIFY(!saved.result); // asynchronous, never within the call
    QTRY_VERIFY_WITH_TIMEOUT(saved.result.has_value(), kKeychainAnswerMs);
    EXPECT_KEYCHAIN_FAILURE(*saved.result, KeychainError::Unavailable);
    QVERIFY2(saved.result->error().message.contains(u"keychain"_s),
             qPrintable(saved.result->error().message));
    QCoreApplication::processEvents();
    QCOMPARE(saved.calls, 1);
}

void TestStoreKeyKeychain::loadReportsUnavailable() {
    StoreKeyKeychain keychain(u"Hearth test"_s);
    Outcome<KeychainResult<crypto::StoreKey>> loaded;
    keychain.load(u"profile-1"_s, loaded.callback());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.result.has_value(), kKeychainAnswerMs);
    EXPECT_KEYCHAIN_FAILURE(*loaded.result, KeychainError::Unavailable);
    QCOMPARE(loaded.calls, 1);
}

void TestStoreKeyKeychain::forgetReportsUnavailable() {
    StoreKeyKeychain keychain(u"Hearth test"_s);
    Outcome<KeychainStatus> forgotten;
    keychain.forget(u"profile-1"_s, forgotten.callback());
    QTRY_VERIFY_WITH_TIMEOUT(forgotten.result.has_value(), kKeychainAnswerMs);
    EXPECT_KEYCHAIN_FAILURE(*forgotten.result, KeychainError::Unavailable);
}

void TestStoreKeyKeychain::checkAvailableReportsUnavailable() {
    StoreKeyKeychain keychain(u"Hearth test"_s);
    Outcome<KeychainStatus> checked;
    keychain.checkAvailable(checked.callback());
    QTRY_VERIFY_WITH_TIMEOUT(checked.result.has_value(), kKeychainAnswerMs);
    EXPECT_KEYCHAIN_FAILURE(*checked.result, KeychainError::Unavailable);
    QCOMPARE(QString::fromLatin1(hearth::app::keychainErrorName(checked.result->error().code)),
             u"Unavailable"_s);
}

void TestStoreKeyKeychain::silentKeychainTimesOut() {
    if (!QLibrary(u"secret-1"_s, 0).load())
        QSKIP("libsecret-1.so.0 is not installed: qtkeychain asks no Secret Service at all");
    SilentSecretService secrets;
    QDBusConnection secretsBus = QDBusConnection::connectToBus(m_bus.address(), u"secrets"_s);
    QVERIFY(secretsBus.registerVirtualObject(u"/org/freedesktop/secrets"_s, &secrets,
                                             QDBusConnection::SubPath));
    QVERIFY(secretsBus.registerService(u"org.freedesktop.secrets"_s));

    StoreKeyKeychain keychain(u"Hearth test"_s);
    keychain.setTimeout(std::chrono::milliseconds(200));
    Outcome<KeychainResult<crypto::StoreKey>> loaded;
    keychain.load(u"profile-1"_s, loaded.callback());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.result.has_value(), kKeychainAnswerMs);
    EXPECT_KEYCHAIN_FAILURE(*loaded.result, KeychainError::TimedOut);
    QCOMPARE(loaded.calls, 1);

    QVERIFY(secretsBus.unregisterService(u"org.freedesktop.secrets"_s));
    secretsBus.unregisterObject(u"/org/freedesktop/secrets"_s, QDBusConnection::UnregisterTree);
}

void TestStoreKeyKeychain::entryNamesDifferPerProfile() {
    QVERIFY(StoreKeyKeychain::entryName(u"a"_s) != StoreKeyKeychain::entryName(u"b"_s));
    QVERIFY(StoreKeyKeychain::entryName(u"a"_s).endsWith(u"a"_s));
}

QTEST_GUILESS_MAIN(TestStoreKeyKeychain)
#include "tst_store_key_keychain.moc"
