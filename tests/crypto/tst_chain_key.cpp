// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/chain_key.h"
#include "crypto_test_support.h"

#include <QTest>
#include <limits>

using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

//! chain_0 = 00 01 02 ... 1f
QByteArray countingKey() {
    return counting(0, 32);
}

ChainKey chainAt(quint32 index) {
    return std::move(ChainKey::fromBytes(countingKey(), index).value());
}

QByteArray hexOf(const SecretBytes &secret) {
    return bytesOf(secret).toHex();
}

} // namespace

class TestChainKey final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswers();
    void advanceChangesKeys();
    void advanceToMatchesSteps();
    void advanceToBackwardsRefused();
    void jumpCap();
    void exhaustion();
    void cloneIsIndependent();
    void fromBytesWrongSize();
    void generateIsRandom();
};

void TestChainKey::knownAnswers() {
    // mk_i = BLAKE2b-256(key = chain_i, "hearth-mk"); chain_{i+1} = BLAKE2b-256(key = chain_i,
    // "hearth-ck"). Cross-checked with Python's hashlib.blake2b(label, key=chain, digest_size=32).
    ChainKey chain = chainAt(0);
    QCOMPARE(hexOf(chain.messageKey().bytes()),
             "478fcdeefa9bd085b7ef2ea5e6e2ef386e9f76b16e3563baf6a9335bc6e8cb4e"_ba);
    QVERIFY(chain.advance().ok());
    QCOMPARE(chain.index(), 1u);
    QCOMPARE(hexOf(chain.bytes()),
             "9b1daf556b19dd6634a06a47c2afeb36dc57305d613ab388ed99b369c35b6e96"_ba);
    QCOMPARE(hexOf(chain.messageKey().bytes()),
             "6df3b90a14f328c3c712c6bdc094861658ccc6be2629c64ae9aa849f2d7d0834"_ba);
    QVERIFY(chain.advanceTo(1000).ok());
    QCOMPARE(hexOf(chain.bytes()),
             "5ea88d0b9311f16dff262b80e4ecb4c618ba1969a84479a46c3bce0e0ed0c867"_ba);
}

void TestChainKey::advanceChangesKeys() {
    ChainKey chain = chainAt(5);
    const QByteArray before = bytesOf(chain.bytes());
    const QByteArray messageKey = bytesOf(chain.messageKey().bytes());
    QVERIFY(messageKey != before);
    QVERIFY(chain.advance().ok());
    QCOMPARE(chain.index(), 6u);
    QVERIFY(bytesOf(chain.bytes()) != before);
    QVERIFY(bytesOf(chain.messageKey().bytes()) != messageKey);
    // The index is not an input: the same bytes at another index give the same keys.
    QCOMPARE(bytesOf(chainAt(0).messageKey().bytes()), messageKey);
}

void TestChainKey::advanceToMatchesSteps() {
    ChainKey stepped = chainAt(0);
    for (int i = 0; i < 37; ++i)
        QVERIFY(stepped.advance().ok());
    ChainKey jumped = chainAt(0);
    QVERIFY(jumped.advanceTo(37).ok());
    QCOMPARE(jumped.index(), 37u);
    QCOMPARE(bytesOf(jumped.bytes()), bytesOf(stepped.bytes()));
    QVERIFY(jumped.advanceTo(37).ok()); // staying put is fine
    QCOMPARE(bytesOf(jumped.bytes()), bytesOf(stepped.bytes()));
}

void TestChainKey::advanceToBackwardsRefused() {
    ChainKey chain = chainAt(10);
    const QByteArray before = bytesOf(chain.bytes());
    HEARTH_COMPARE_ERROR(chain.advanceTo(9), CryptoError::IndexTooOld);
    QCOMPARE(chain.index(), 10u);
    QCOMPARE(bytesOf(chain.bytes()), before);
}

void TestChainKey::jumpCap() {
    ChainKey chain = chainAt(100);
    const QByteArray before = bytesOf(chain.bytes());
    HEARTH_COMPARE_ERROR(chain.advanceTo(100 + kMaxRatchetJump + 1),
                         CryptoError::RatchetJumpTooLarge);
    QCOMPARE(chain.index(), 100u);
    QCOMPARE(bytesOf(chain.bytes()), before);
    HEARTH_COMPARE_ERROR(chain.advanceTo(std::numeric_limits<quint32>::max()),
                         CryptoError::RatchetJumpTooLarge);
    QVERIFY(chain.advanceTo(100 + kMaxRatchetJump).ok()); // exactly the cap is allowed
    QCOMPARE(chain.index(), 100 + kMaxRatchetJump);
}

void TestChainKey::exhaustion() {
    const quint32 last = std::numeric_limits<quint32>::max();
    ChainKey chain = chainAt(last - 1);
    QVERIFY(chain.advance().ok());
    QCOMPARE(chain.index(), last);
    const QByteArray before = bytesOf(chain.bytes());
    HEARTH_COMPARE_ERROR(chain.advance(), CryptoError::SessionExhausted);
    QCOMPARE(chain.index(), last);
    QCOMPARE(bytesOf(chain.bytes()), before);
}

void TestChainKey::cloneIsIndependent() {
    ChainKey original = chainAt(3);
    ChainKey copy = original.clone();
    QCOMPARE(copy.index(), 3u);
    QCOMPARE(bytesOf(copy.bytes()), bytesOf(original.bytes()));
    QVERIFY(copy.bytes().data() != original.bytes().data());
    QVERIFY(copy.advance().ok());
    QCOMPARE(original.index(), 3u);
    QCOMPARE(bytesOf(original.bytes()), countingKey());
}

void TestChainKey::fromBytesWrongSize() {
    HEARTH_COMPARE_ERROR(ChainKey::fromBytes(QByteArray(31, 'x'), 0), CryptoError::InvalidKey);
    HEARTH_COMPARE_ERROR(ChainKey::fromBytes(QByteArray(33, 'x'), 0), CryptoError::InvalidKey);
    HEARTH_COMPARE_ERROR(ChainKey::fromBytes(QByteArray(), 0), CryptoError::InvalidKey);
}

void TestChainKey::generateIsRandom() {
    const ChainKey a = ChainKey::generate();
    const ChainKey b = ChainKey::generate();
    QCOMPARE(a.index(), 0u);
    QCOMPARE(a.bytes().size(), std::size_t(kChainKeySize));
    QVERIFY(bytesOf(a.bytes()) != bytesOf(b.bytes()));
}

QTEST_GUILESS_MAIN(TestChainKey)
#include "tst_chain_key.moc"
