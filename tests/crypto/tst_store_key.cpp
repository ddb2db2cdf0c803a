// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/store_key.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

StoreSalt countingSalt() {
    return *StoreSalt::fromBytes(counting(0, 16));
}

QByteArray derive(QByteArrayView passphrase, const StoreSalt &salt,
                  PasswordHashCost cost = PasswordHashCost::Minimum) {
    const CryptoResult<StoreKey> key = deriveStoreKey(passphrase, salt, cost);
    if (!key.ok())
        qFatal("derive failed: %s", cryptoErrorName(key.error()));
    return bytesOf(key->bytes());
}

} // namespace

class TestStoreKey final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswer();
    void deterministic();
    void saltAndPassphraseMatter();
    void sqlcipherLiteral();
    void salts();
    void interactiveCost();
};

void TestStoreKey::knownAnswer() {
    // Argon2id v1.3, 1 pass, 8 KiB, salt 00..0f: cross-checked with Python over libsodium.
    QCOMPARE(derive("correct horse", countingSalt()).toHex(),
             "3bfa796a86260b73457e1290b51695931a17e266f601d0fb45563e282fb6865b"_ba);
}

void TestStoreKey::deterministic() {
    const StoreSalt salt = StoreSalt::generate();
    const QByteArray key = derive("pass", salt);
    QCOMPARE(key.size(), kStoreKeySize);
    QCOMPARE(derive("pass", salt), key);
}

void TestStoreKey::saltAndPassphraseMatter() {
    const StoreSalt salt = countingSalt();
    const QByteArray key = derive("pass", salt);
    QVERIFY(derive("pasS", salt) != key);
    QVERIFY(derive("pass ", salt) != key);
    QVERIFY(derive("", salt) != key);
    QVERIFY(derive("pass", StoreSalt::generate()) != key);
}

void TestStoreKey::sqlcipherLiteral() {
    const CryptoResult<StoreKey> key =
        deriveStoreKey("correct horse", countingSalt(), PasswordHashCost::Minimum);
    HEARTH_VERIFY_OK(key);
    QCOMPARE(bytesOf(key->sqlcipherKeyLiteral()),
             "x'3bfa796a86260b73457e1290b51695931a17e266f601d0fb45563e282fb6865b'"_ba);
}

void TestStoreKey::salts() {
    const StoreSalt a = StoreSalt::generate();
    const StoreSalt b = StoreSalt::generate();
    QCOMPARE(a.bytes().size(), 16);
    QVERIFY(a != b);
    QVERIFY(!StoreSalt::fromBytes(QByteArray(15, 's')));
    QVERIFY(!StoreSalt::fromBytes(QByteArray(17, 's')));
    QVERIFY(*StoreSalt::fromBytes(a.bytes()) == a);
}

void TestStoreKey::interactiveCost() {
    const StoreSalt salt = countingSalt();
    const QByteArray interactive = derive("correct horse", salt, PasswordHashCost::Interactive);
    QCOMPARE(interactive.size(), kStoreKeySize);
    QVERIFY(interactive != derive("correct horse", salt, PasswordHashCost::Minimum));
}

QTEST_GUILESS_MAIN(TestStoreKey)
#include "tst_store_key.moc"
