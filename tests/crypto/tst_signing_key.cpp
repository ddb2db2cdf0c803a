// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/signing_key.h"

#include <QTest>

using namespace hearth::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray seedCounting() {
    QByteArray seed(kSigningSeedSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < seed.size(); ++i)
        seed[i] = static_cast<char>(i);
    return seed;
}

QByteArray flipped(QByteArray bytes, qsizetype bit) {
    bytes[bit / 8] = static_cast<char>(bytes[bit / 8] ^ (1 << (bit % 8)));
    return bytes;
}

} // namespace

class TestSigningKey final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void signAndVerify_data();
    void signAndVerify();
    void knownAnswer();
    void deterministic();
    void seedOfWrongSize_data();
    void seedOfWrongSize();
    void generatedKeysDiffer();
    void wrongKey();
    void wrongMessage();
    void wrongSizes_data();
    void wrongSizes();
    void everyFlippedSignatureBitFails();
    void everyFlippedKeyBitFails();
    void everyFlippedMessageBitFails();
    void seedRoundTrip();
    void debugOutputHidesKeys();
};

void TestSigningKey::signAndVerify_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short") << "hello"_ba;
    QTest::newRow("binary with NUL") << QByteArray("a\0b\0c", 5);
    QTest::newRow("1 MiB") << QByteArray(1024 * 1024, '\x33');
}

void TestSigningKey::signAndVerify() {
    QFETCH(QByteArray, message);
    const SigningKeyPair key = SigningKeyPair::generate();
    QCOMPARE(key.publicKey().size(), kSigningPublicKeySize);
    const QByteArray signature = key.sign(message);
    QCOMPARE(signature.size(), kSignatureSize);
    QVERIFY(verifySignature(key.publicKey(), message, signature));
}

void TestSigningKey::knownAnswer() {
    // Ed25519 from the seed 00 01 .. 1f. Computed once with libsodium 1.0.18 and checked
    // against Python's cryptography package; pins the key and signature format.
    const std::optional<SigningKeyPair> key = SigningKeyPair::fromSeed(seedCounting());
    QVERIFY(key);
    QCOMPARE(key->publicKey().toHex(),
             "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"_ba);
    const QByteArray signature = key->sign("hearth"_ba);
    QCOMPARE(signature.toHex(),
             "d2b7ce875774fae5d71271b53196176c1a8ea0f5cb165aedb229bbd288662aa1"
             "0d7007cc12103f9764315ce78348da7cd174a75bb9f36e2588102ebaea150a01"_ba);
    QVERIFY(verifySignature(key->publicKey(), "hearth"_ba, signature));
}

void TestSigningKey::deterministic() {
    const std::optional<SigningKeyPair> a = SigningKeyPair::fromSeed(seedCounting());
    const std::optional<SigningKeyPair> b = SigningKeyPair::fromSeed(seedCounting());
    QVERIFY(a && b);
    QCOMPARE(a->publicKey(), b->publicKey());
    QCOMPARE(a->sign("same"_ba), b->sign("same"_ba));
    QVERIFY(a->sign("same"_ba) != a->sign("other"_ba));

    QByteArray otherSeed = seedCounting();
    otherSeed[0] = '\x01';
    const std::optional<SigningKeyPair> c = SigningKeyPair::fromSeed(otherSeed);
    QVERIFY(c);
    QVERIFY(c->publicKey() != a->publicKey());
}

void TestSigningKey::seedOfWrongSize_data() {
    QTest::addColumn<QByteArray>("seed");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("31") << QByteArray(31, '\x01');
    QTest::newRow("33") << QByteArray(33, '\x01');
    QTest::newRow("64") << QByteArray(64, '\x01');
}

void TestSigningKey::seedOfWrongSize() {
    QFETCH(QByteArray, seed);
    QVERIFY(!SigningKeyPair::fromSeed(seed));
}

void TestSigningKey::generatedKeysDiffer() {
    QVERIFY(SigningKeyPair::generate().publicKey() != SigningKeyPair::generate().publicKey());
}

void TestSigningKey::wrongKey() {
    const SigningKeyPair key = SigningKeyPair::generate();
    const SigningKeyPair other = SigningKeyPair::generate();
    const QByteArray signature = key.sign("message"_ba);
    QVERIFY(verifySignature(key.publicKey(), "message"_ba, signature));
    QVERIFY(!verifySignature(other.publicKey(), "message"_ba, signature));
    QVERIFY(!verifySignature(QByteArray(kSigningPublicKeySize, '\0'), "message"_ba, signature));
}

void TestSigningKey::wrongMessage() {
    const SigningKeyPair key = SigningKeyPair::generate();
    const QByteArray signature = key.sign("message"_ba);
    QVERIFY(!verifySignature(key.publicKey(), "messagE"_ba, signature));
    QVERIFY(!verifySignature(key.publicKey(), "message "_ba, signature));
    QVERIFY(!verifySignature(key.publicKey(), "messag"_ba, signature));
    QVERIFY(!verifySignature(key.publicKey(), QByteArray(), signature));
}

void TestSigningKey::wrongSizes_data() {
    QTest::addColumn<int>("keySize");
    QTest::addColumn<int>("signatureSize");
    QTest::newRow("signature 63") << int(kSigningPublicKeySize) << 63;
    QTest::newRow("signature 65") << int(kSigningPublicKeySize) << 65;
    QTest::newRow("signature 0") << int(kSigningPublicKeySize) << 0;
    QTest::newRow("key 31") << 31 << int(kSignatureSize);
    QTest::newRow("key 33") << 33 << int(kSignatureSize);
    QTest::newRow("key 0") << 0 << int(kSignatureSize);
}

void TestSigningKey::wrongSizes() {
    QFETCH(int, keySize);
    QFETCH(int, signatureSize);
    const SigningKeyPair key = SigningKeyPair::generate();
    const QByteArray message = "sized"_ba;
    const QByteArray signature = key.sign(message);
    QVERIFY(verifySignature(key.publicKey(), message, signature));

    // Truncated, or padded with zeros: the valid bytes are all still there.
    QByteArray publicKey = key.publicKey().leftJustified(keySize, '\0', true);
    QByteArray resized = signature.leftJustified(signatureSize, '\0', true);
    QVERIFY(!verifySignature(publicKey, message, resized));
}

void TestSigningKey::everyFlippedSignatureBitFails() {
    const SigningKeyPair key = SigningKeyPair::generate();
    const QByteArray message = "flip me"_ba;
    const QByteArray signature = key.sign(message);
    for (qsizetype bit = 0; bit < signature.size() * 8; ++bit)
        QVERIFY2(!verifySignature(key.publicKey(), message, flipped(signature, bit)),
                 qPrintable(u"bit %1"_s.arg(bit)));
}

void TestSigningKey::everyFlippedKeyBitFails() {
    const SigningKeyPair key = SigningKeyPair::generate();
    const QByteArray message = "flip me"_ba;
    const QByteArray signature = key.sign(message);
    for (qsizetype bit = 0; bit < key.publicKey().size() * 8; ++bit)
        QVERIFY2(!verifySignature(flipped(key.publicKey(), bit), message, signature),
                 qPrintable(u"bit %1"_s.arg(bit)));
}

void TestSigningKey::everyFlippedMessageBitFails() {
    const SigningKeyPair key = SigningKeyPair::generate();
    const QByteArray message = "a message of a few bytes"_ba;
    const QByteArray signature = key.sign(message);
    for (qsizetype bit = 0; bit < message.size() * 8; ++bit)
        QVERIFY2(!verifySignature(key.publicKey(), flipped(message, bit), signature),
                 qPrintable(u"bit %1"_s.arg(bit)));
}

void TestSigningKey::seedRoundTrip() {
    const SigningKeyPair key = SigningKeyPair::generate();
    const SecretBytes seed = key.seed();
    QCOMPARE(seed.size(), std::size_t(kSigningSeedSize));
    const std::optional<SigningKeyPair> restored =
        SigningKeyPair::fromSeed(QByteArrayView(seed.data(), static_cast<qsizetype>(seed.size())));
    QVERIFY(restored);
    QCOMPARE(restored->publicKey(), key.publicKey());

    const std::optional<SigningKeyPair> known = SigningKeyPair::fromSeed(seedCounting());
    QVERIFY(known);
    const SecretBytes knownSeed = known->seed();
    QCOMPARE(QByteArrayView(knownSeed.data(), static_cast<qsizetype>(knownSeed.size())),
             QByteArrayView(seedCounting()));
}

void TestSigningKey::debugOutputHidesKeys() {
    const std::optional<SigningKeyPair> key = SigningKeyPair::fromSeed(seedCounting());
    QVERIFY(key);
    QString out;
    QDebug(&out) << *key;
    QVERIFY(!out.isEmpty());
    const QByteArray seedHex = seedCounting().toHex();
    for (const QByteArray &secret : {seedHex, seedHex.first(8), seedCounting()})
        QVERIFY2(!out.contains(QString::fromLatin1(secret), Qt::CaseInsensitive), qPrintable(out));
    // why: the public key is not secret, but it identifies the device: keep it out of logs too.
    QVERIFY2(!out.contains(QString::fromLatin1(key->publicKey().toHex().first(8))),
             qPrintable(out));
}

QTEST_GUILESS_MAIN(TestSigningKey)
#include "tst_signing_key.moc"
