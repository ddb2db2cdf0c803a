// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/pairwise_channel.h"
#include "crypto/replay_guard.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kTimestamp = 1700000000000;
const DeviceAddress kAlice1{UserId{u"alice"_s}, DeviceId{1}};
const DeviceAddress kBob2{UserId{u"bob"_s}, DeviceId{2}};
const DeviceAddress kBob3{UserId{u"bob"_s}, DeviceId{3}};
const DeviceAddress kCarol4{UserId{u"carol"_s}, DeviceId{4}};

// Offsets in an envelope from alice/1 to bob/2 (user names of 5 and 3 bytes).
constexpr qsizetype kMessageIdOffset = 2 + 7 + 8 + 5 + 8;
constexpr qsizetype kEphemeralOffset = kMessageIdOffset + 16 + 8;

//! Alice's device signing key, bob's device DH keys.
struct Keys {
    SigningKeyPair alice = signingKey('\x01');
    DhKeyPair bob2 = dhKey('\x02');
    DhKeyPair bob3 = dhKey('\x03');
};

QByteArray seal(const Keys &keys, QByteArrayView plaintext = "session key goes here") {
    CryptoResult<QByteArray> sealed =
        sealPairwise(kAlice1, keys.alice, kBob2, publicKeyOf(keys.bob2), plaintext, kTimestamp);
    if (!sealed.ok())
        qFatal("seal failed: %s", cryptoErrorName(sealed.error()));
    return std::move(sealed).value();
}

CryptoResult<PairwiseMessage> openAsBob2(const Keys &keys, QByteArrayView envelope,
                                         ReplayGuard &guard) {
    return openPairwise(envelope, kBob2, keys.bob2, kAlice1, publicKeyOf(keys.alice), guard);
}

//! Re-signs an altered envelope with alice's real key, as only alice could.
QByteArray resigned(const Keys &keys, QByteArray envelope) {
    envelope.chop(kSignatureSize);
    const QByteArray input =
        QByteArrayView("hearth-pairwise-sig-v1\0", 23).toByteArray() + envelope;
    return envelope + keys.alice.sign(input);
}

const QList<QByteArray> kLowOrderPoints = {
    QByteArray::fromHex("0000000000000000000000000000000000000000000000000000000000000000"),
    QByteArray::fromHex("0100000000000000000000000000000000000000000000000000000000000000"),
    QByteArray::fromHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
    QByteArray::fromHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
    QByteArray::fromHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    QByteArray::fromHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    QByteArray::fromHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
};

} // namespace

class TestPairwiseChannel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownAnswer();
    void roundTrip_data();
    void roundTrip();
    void freshEphemeralPerMessage();
    void peekHeader();
    void replayRefused();
    void failedOpenRemembersNothing();
    void retargetedToOtherDevice();
    void retargetedToOtherUser();
    void rewrittenRecipientRefused();
    void wrongSenderAddress();
    void forgedSignature();
    void everyFlippedByteRefused();
    void everyTruncationRefused();
    void lowOrderRecipientKeyRefused();
    void lowOrderEphemeralKeyRefused();
    void wrongRecipientKeyCannotDecrypt();
    void invalidArguments();
};

void TestPairwiseChannel::initTestCase() {
    DeterministicRandom::install();
}

void TestPairwiseChannel::knownAnswer() {
    // Randomness fixed to 40 41 42 ...: ephemeral secret, then message id, then nonce.
    // Cross-checked with an independent Python version of the documented construction.
    const Keys keys;
    QByteArray envelope;
    {
        const DeterministicRandom fixed(0x40);
        envelope = seal(keys);
    }
    QCOMPARE(
        envelope.toHex(),
        "01020005616c69636500000000000000010003626f620000000000000002606162636465666768696a6b6c6d"
        "6e6f0000018bcfe5680079a631eede1bf9c98f12032cdeadd0e7a079398fc786b88cc846ec89af85a51a7071"
        "72737475767778797a7b7c7d7e7f80818283848586878a38d7733b68ed185e201a785ee7188f989607a14124"
        "84e12b443b5e57b59aa6e18e367bea65046033723023d7cfcb0c6bfc21a61a040960709ea070afa68557d66d"
        "851b9c3f55f61d1b26c6c5faeb5e1eb43b38ba6a9671855d53f17691d6a34675ae3004"_ba);
    InMemoryReplayGuard guard;
    const CryptoResult<PairwiseMessage> opened = openAsBob2(keys, envelope, guard);
    HEARTH_VERIFY_OK(opened);
    QCOMPARE(bytesOf(opened->plaintext), "session key goes here"_ba);
}

void TestPairwiseChannel::roundTrip_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one byte") << "x"_ba;
    QTest::newRow("session key sized") << QByteArray(120, '\x5a');
    QTest::newRow("16 KiB") << QByteArray(16 * 1024, '\x11');
}

void TestPairwiseChannel::roundTrip() {
    QFETCH(QByteArray, plaintext);
    const Keys keys;
    const QByteArray envelope = seal(keys, plaintext);
    QCOMPARE(envelope.size(), kPairwiseOverhead + 5 + 3 + plaintext.size());
    InMemoryReplayGuard guard;
    const CryptoResult<PairwiseMessage> opened = openAsBob2(keys, envelope, guard);
    HEARTH_VERIFY_OK(opened);
    QCOMPARE(bytesOf(opened->plaintext), plaintext);
    QVERIFY(opened->header.sender == kAlice1);
    QVERIFY(opened->header.recipient == kBob2);
    QCOMPARE(opened->header.timestampMs, kTimestamp);
    QCOMPARE(guard.size(), 1);
}

void TestPairwiseChannel::freshEphemeralPerMessage() {
    const Keys keys;
    const QByteArray a = seal(keys);
    const QByteArray b = seal(keys);
    QVERIFY(a.mid(kEphemeralOffset, 32) != b.mid(kEphemeralOffset, 32));
    QVERIFY(a.mid(kMessageIdOffset, 16) != b.mid(kMessageIdOffset, 16));
    QVERIFY(a != b);
}

void TestPairwiseChannel::peekHeader() {
    const Keys keys;
    const QByteArray envelope = seal(keys);
    const CryptoResult<PairwiseHeader> header = peekPairwiseHeader(envelope);
    HEARTH_VERIFY_OK(header);
    QVERIFY(header->sender == kAlice1);
    QVERIFY(header->recipient == kBob2);
    QCOMPARE(header->timestampMs, kTimestamp);
    QCOMPARE(header->messageId.bytes(), envelope.mid(kMessageIdOffset, 16));
    HEARTH_COMPARE_ERROR(peekPairwiseHeader(envelope.first(20)), CryptoError::Malformed);
}

void TestPairwiseChannel::replayRefused() {
    const Keys keys;
    const QByteArray envelope = seal(keys);
    InMemoryReplayGuard guard;
    HEARTH_VERIFY_OK(openAsBob2(keys, envelope, guard));
    HEARTH_COMPARE_ERROR(openAsBob2(keys, envelope, guard), CryptoError::Replayed);
    HEARTH_COMPARE_ERROR(openAsBob2(keys, envelope, guard), CryptoError::Replayed);
    // Another message from the same sender is fine.
    HEARTH_VERIFY_OK(openAsBob2(keys, seal(keys), guard));
    QCOMPARE(guard.size(), 2);
}

void TestPairwiseChannel::failedOpenRemembersNothing() {
    const Keys keys;
    const QByteArray envelope = seal(keys);
    InMemoryReplayGuard guard;
    HEARTH_COMPARE_ERROR(openAsBob2(keys, flipped(envelope, envelope.size() - 1), guard),
                         CryptoError::BadSignature);
    QCOMPARE(guard.size(), 0);
    HEARTH_VERIFY_OK(openAsBob2(keys, envelope, guard));
}

void TestPairwiseChannel::retargetedToOtherDevice() {
    // The relay hands bob/2's message to bob/3 unchanged.
    const Keys keys;
    const QByteArray envelope = seal(keys);
    InMemoryReplayGuard guard;
    HEARTH_COMPARE_ERROR(
        openPairwise(envelope, kBob3, keys.bob3, kAlice1, publicKeyOf(keys.alice), guard),
        CryptoError::WrongRecipient);
    QCOMPARE(guard.size(), 0);
}

void TestPairwiseChannel::retargetedToOtherUser() {
    const Keys keys;
    const DhKeyPair carol = dhKey('\x04');
    InMemoryReplayGuard guard;
    HEARTH_COMPARE_ERROR(
        openPairwise(seal(keys), kCarol4, carol, kAlice1, publicKeyOf(keys.alice), guard),
        CryptoError::WrongRecipient);
}

void TestPairwiseChannel::rewrittenRecipientRefused() {
    // The relay rewrites the recipient device id to bob/3's: the signature no longer verifies.
    const Keys keys;
    QByteArray envelope = seal(keys);
    envelope[kMessageIdOffset - 1] = '\x03';
    InMemoryReplayGuard guard;
    HEARTH_COMPARE_ERROR(
        openPairwise(envelope, kBob3, keys.bob3, kAlice1, publicKeyOf(keys.alice), guard),
        CryptoError::BadSignature);
}

void TestPairwiseChannel::wrongSenderAddress() {
    const Keys keys;
    InMemoryReplayGuard guard;
    const DeviceAddress otherDevice{UserId{u"alice"_s}, DeviceId{9}};
    HEARTH_COMPARE_ERROR(
        openPairwise(seal(keys), kBob2, keys.bob2, otherDevice, publicKeyOf(keys.alice), guard),
        CryptoError::WrongSender);
}

void TestPairwiseChannel::forgedSignature() {
    // Mallory (or the relay) seals a message in alice/1's name with another signing key.
    const Keys keys;
    const SigningKeyPair mallory = signingKey('\x66');
    const CryptoResult<QByteArray> forged = sealPairwise(
        kAlice1, mallory, kBob2, publicKeyOf(keys.bob2), "evil session key", kTimestamp);
    HEARTH_VERIFY_OK(forged);
    InMemoryReplayGuard guard;
    HEARTH_COMPARE_ERROR(openAsBob2(keys, *forged, guard), CryptoError::BadSignature);
    // Checked against the wrong device key, a genuine message fails the same way.
    HEARTH_COMPARE_ERROR(
        openPairwise(seal(keys), kBob2, keys.bob2, kAlice1, publicKeyOf(mallory), guard),
        CryptoError::BadSignature);
    QCOMPARE(guard.size(), 0);
}

void TestPairwiseChannel::everyFlippedByteRefused() {
    const Keys keys;
    const QByteArray envelope = seal(keys);
    InMemoryReplayGuard guard;
    for (qsizetype i = 0; i < envelope.size(); ++i) {
        const CryptoResult<PairwiseMessage> result = openAsBob2(keys, flipped(envelope, i), guard);
        QVERIFY2(!result.ok(), qPrintable(u"byte %1 accepted"_s.arg(i)));
        const CryptoError error = result.error();
        if (i == 0)
            QCOMPARE(error, CryptoError::UnsupportedVersion);
        else if (i == 1)
            QCOMPARE(error, CryptoError::WrongType);
        else if (i < kMessageIdOffset)
            QVERIFY2(error == CryptoError::Malformed || error == CryptoError::WrongSender ||
                         error == CryptoError::WrongRecipient,
                     cryptoErrorName(error));
        else
            QCOMPARE(error, CryptoError::BadSignature);
    }
    QCOMPARE(guard.size(), 0);
}

void TestPairwiseChannel::everyTruncationRefused() {
    const Keys keys;
    const QByteArray envelope = seal(keys);
    InMemoryReplayGuard guard;
    for (qsizetype size = 0; size < envelope.size(); ++size) {
        const CryptoResult<PairwiseMessage> result = openAsBob2(keys, envelope.first(size), guard);
        QVERIFY2(!result.ok(), qPrintable(QString::number(size)));
        QVERIFY2(result.error() == CryptoError::Malformed ||
                     result.error() == CryptoError::BadSignature,
                 cryptoErrorName(result.error()));
    }
    HEARTH_COMPARE_ERROR(openAsBob2(keys, envelope + "x"_ba, guard), CryptoError::BadSignature);
}

void TestPairwiseChannel::lowOrderRecipientKeyRefused() {
    const Keys keys;
    for (const QByteArray &point : kLowOrderPoints) {
        HEARTH_COMPARE_ERROR(sealPairwise(kAlice1, keys.alice, kBob2,
                                          *DhPublicKey::fromBytes(point), "secret", kTimestamp),
                             CryptoError::LowOrderPoint);
    }
}

void TestPairwiseChannel::lowOrderEphemeralKeyRefused() {
    // Even a correctly signed message is refused when its ephemeral key is low-order: the
    // shared secret would be all zero, i.e. known to everyone.
    const Keys keys;
    const QByteArray envelope = seal(keys);
    InMemoryReplayGuard guard;
    HEARTH_VERIFY_OK(openAsBob2(keys, resigned(keys, envelope), guard)); // the helper is sound
    for (const QByteArray &point : kLowOrderPoints) {
        QByteArray altered = envelope;
        altered.replace(kEphemeralOffset, 32, point);
        HEARTH_COMPARE_ERROR(openAsBob2(keys, resigned(keys, altered), guard),
                             CryptoError::LowOrderPoint);
    }
}

void TestPairwiseChannel::wrongRecipientKeyCannotDecrypt() {
    // bob/3 pretends to be bob/2 but has only its own DH key.
    const Keys keys;
    InMemoryReplayGuard guard;
    HEARTH_COMPARE_ERROR(
        openPairwise(seal(keys), kBob2, keys.bob3, kAlice1, publicKeyOf(keys.alice), guard),
        CryptoError::DecryptionFailed);
    QCOMPARE(guard.size(), 0);
}

void TestPairwiseChannel::invalidArguments() {
    const Keys keys;
    const DhPublicKey bob = publicKeyOf(keys.bob2);
    const DeviceAddress noDevice{UserId{u"bob"_s}, DeviceId{0}};
    const DeviceAddress noUser{UserId{}, DeviceId{2}};
    const DeviceAddress longUser{UserId{QString(65, u'b')}, DeviceId{2}};
    HEARTH_COMPARE_ERROR(sealPairwise(kAlice1, keys.alice, noDevice, bob, "x", 1),
                         CryptoError::InvalidArgument);
    HEARTH_COMPARE_ERROR(sealPairwise(noUser, keys.alice, kBob2, bob, "x", 1),
                         CryptoError::InvalidArgument);
    HEARTH_COMPARE_ERROR(sealPairwise(kAlice1, keys.alice, longUser, bob, "x", 1),
                         CryptoError::InvalidArgument);
    HEARTH_COMPARE_ERROR(sealPairwise(kAlice1, keys.alice, kBob2, bob, "x", -1),
                         CryptoError::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestPairwiseChannel)
#include "tst_pairwise_channel.moc"
