// SPDX-License-Identifier: GPL-3.0-or-later
// The persistence additions to the device key pairs (DhKeyPair::fromSecretKey,
// SigningKeyPair::seed) and the typed public keys.
#include "crypto/dh_key.h"
#include "crypto/public_keys.h"
#include "crypto/signing_key.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

class TestKeyPairs final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dhKnownAnswerRfc7748();
    void dhFromSecretKeyRoundTrip();
    void dhFromSecretKeyWrongSize_data();
    void dhFromSecretKeyWrongSize();
    void signingSeedRoundTrip();
    void typedPublicKeys();
    void typedPublicKeyWrongSize();
};

void TestKeyPairs::dhKnownAnswerRfc7748() {
    // RFC 7748 section 6.1: Alice's and Bob's key pairs.
    const auto alice = DhKeyPair::fromSecretKey(
        QByteArray::fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    const auto bob = DhKeyPair::fromSecretKey(
        QByteArray::fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    QVERIFY(alice && bob);
    QCOMPARE(alice->publicKey().toHex(),
             "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"_ba);
    QCOMPARE(bob->publicKey().toHex(),
             "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"_ba);
}

void TestKeyPairs::dhFromSecretKeyRoundTrip() {
    const DhKeyPair generated = DhKeyPair::generate();
    const auto restored = DhKeyPair::fromSecretKey(bytesOf(generated.secretKey()));
    QVERIFY(restored);
    QCOMPARE(restored->publicKey(), generated.publicKey());
    QCOMPARE(bytesOf(restored->secretKey()), bytesOf(generated.secretKey()));
}

void TestKeyPairs::dhFromSecretKeyWrongSize_data() {
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << 0;
    QTest::newRow("31") << 31;
    QTest::newRow("33") << 33;
    QTest::newRow("64") << 64;
}

void TestKeyPairs::dhFromSecretKeyWrongSize() {
    QFETCH(int, size);
    QVERIFY(!DhKeyPair::fromSecretKey(QByteArray(size, '\x07')));
}

void TestKeyPairs::signingSeedRoundTrip() {
    const SigningKeyPair generated = SigningKeyPair::generate();
    const SecretBytes seed = generated.seed();
    QCOMPARE(seed.size(), std::size_t(kSigningSeedSize));
    const auto restored = SigningKeyPair::fromSeed(bytesOf(seed));
    QVERIFY(restored);
    QCOMPARE(restored->publicKey(), generated.publicKey());
    QCOMPARE(restored->sign("same"_ba), generated.sign("same"_ba));
    // A fixed seed gives back exactly that seed.
    QCOMPARE(bytesOf(signingKey('\x42').seed()), QByteArray(32, '\x42'));
}

void TestKeyPairs::typedPublicKeys() {
    const SigningKeyPair sign = signingKey('\x01');
    const DhKeyPair dh = dhKey('\x02');
    QCOMPARE(publicKeyOf(sign).bytes(), sign.publicKey());
    QCOMPARE(publicKeyOf(dh).bytes(), dh.publicKey());
    QVERIFY(publicKeyOf(sign) == *SigningPublicKey::fromBytes(sign.publicKey()));
    QVERIFY(publicKeyOf(signingKey('\x03')) != publicKeyOf(sign));
}

void TestKeyPairs::typedPublicKeyWrongSize() {
    QVERIFY(!SigningPublicKey::fromBytes(QByteArray(31, 'a')));
    QVERIFY(!SigningPublicKey::fromBytes(QByteArray(33, 'a')));
    QVERIFY(!DhPublicKey::fromBytes(QByteArray()));
    QVERIFY(DhPublicKey::fromBytes(QByteArray(32, 'a')));
}

QTEST_GUILESS_MAIN(TestKeyPairs)
#include "tst_key_pairs.moc"
