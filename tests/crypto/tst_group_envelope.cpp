// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/envelope_type.h"
#include "crypto/group_envelope.h"
#include "crypto/outbound_group_session.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const DeviceAddress kAlice1{UserId{u"alice"_s}, DeviceId{1}};
constexpr ConversationId kConversation{42};

} // namespace

class TestGroupEnvelope final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownAnswer();
    void associatedDataKnownAnswer();
    void signatureInputLayout();
    void parseFields();
    void parseRefuses();
    void peekType_data();
    void peekType();
};

void TestGroupEnvelope::initTestCase() {
    DeterministicRandom::install();
}

void TestGroupEnvelope::knownAnswer() {
    // Randomness fixed to 80 81 ...: session id (16), chain key (32), then one nonce (24) per
    // message. Cross-checked with an independent Python version of the documented layout.
    const SigningKeyPair alice = signingKey('\x01');
    const DeterministicRandom fixed(0x80);
    OutboundGroupSession session = std::move(
        OutboundGroupSession::create(kConversation, kAlice1, alice, 1700000000000).value());
    QCOMPARE(
        bytesOf(session.sessionKey().serialize()).toHex(),
        "0103808182838485868788898a8b8c8d8e8f00000000909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5"
        "a6a7a8a9aaabacadaeaf000000000000002a0005616c69636500000000000000018a88e3dd7409f195fd52db"
        "2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"_ba);
    const CryptoResult<QByteArray> first = session.encrypt("hello, group", alice);
    HEARTH_VERIFY_OK(first);
    QCOMPARE(
        first->toHex(),
        "0101808182838485868788898a8b8c8d8e8f00000000b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5"
        "c6c79079c5d76ebf6bffbbd72925d170ea5c31581a66fef45182d97cf0ac589b6e932f98a015aa6c3e01b09a"
        "ea4a72ce7ae2d55bf6a241c3c091b60acbe0cfa67d14018eaf7cfee2f1f100102a2cc2f175c8164d7f31f633"
        "1b20525c7b04"_ba);
    const CryptoResult<QByteArray> second = session.encrypt("second", alice);
    HEARTH_VERIFY_OK(second);
    QCOMPARE(
        second->toHex(),
        "0101808182838485868788898a8b8c8d8e8f00000001c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdd"
        "dedfad9793e6137345e201f7c5632414fb764d6a6fbb66022a9b63fe0956c1c998308783f45c896b8175b9ba"
        "c189ed2b87b040bc951e7237c5013db0ca47f13aa5e9dd67e083b8099762f78d3bde60f1c23f45628f1f7502"_ba);
}

void TestGroupEnvelope::associatedDataKnownAnswer() {
    const SessionId id = *SessionId::fromBytes(counting(0x80, 16));
    QCOMPARE(
        groupAssociatedData(kConversation, kAlice1, id, 0).toHex(),
        "6865617274682d67726f75702d6d73672d763100000000000000002a0005616c696365000000000000000180"
        "8182838485868788898a8b8c8d8e8f00000000"_ba);
    // Every bound field changes it.
    const QByteArray base = groupAssociatedData(kConversation, kAlice1, id, 0);
    QVERIFY(groupAssociatedData(ConversationId{43}, kAlice1, id, 0) != base);
    QVERIFY(groupAssociatedData(kConversation, DeviceAddress{kAlice1.user, DeviceId{2}}, id, 0) !=
            base);
    QVERIFY(groupAssociatedData(kConversation, DeviceAddress{UserId{u"alicf"_s}, DeviceId{1}}, id,
                                0) != base);
    QVERIFY(groupAssociatedData(kConversation, kAlice1, *SessionId::fromBytes(counting(1, 16)),
                                0) != base);
    QVERIFY(groupAssociatedData(kConversation, kAlice1, id, 1) != base);
}

void TestGroupEnvelope::signatureInputLayout() {
    const QByteArray input = groupSignatureInput(kConversation, kAlice1, "ENVELOPE");
    QCOMPARE(input.toHex(), "6865617274682d67726f75702d7369672d763100000000000000002a0005616c696365"
                            "0000000000000001"_ba +
                                "ENVELOPE"_ba.toHex());
}

void TestGroupEnvelope::parseFields() {
    const SigningKeyPair alice = signingKey('\x01');
    OutboundGroupSession session =
        std::move(OutboundGroupSession::create(kConversation, kAlice1, alice, 0).value());
    (void)session.encrypt("zero", alice);
    const QByteArray envelope = std::move(session.encrypt("twelve bytes", alice).value());
    QCOMPARE(envelope.size(), kGroupEnvelopeOverhead + 12);
    const CryptoResult<GroupEnvelope> parsed = parseGroupEnvelope(envelope);
    HEARTH_VERIFY_OK(parsed);
    QVERIFY(parsed->header.sessionId == session.sessionId());
    QCOMPARE(parsed->header.index, 1u);
    QCOMPARE(parsed->nonce.toByteArray(), envelope.mid(22, 24));
    QCOMPARE(parsed->ciphertext.size(), 12 + 16);
    QCOMPARE(parsed->signature.toByteArray(), envelope.last(64));
    QCOMPARE(parsed->signedPart.size(), envelope.size() - 64);
    const CryptoResult<GroupEnvelopeHeader> header = peekGroupEnvelope(envelope);
    HEARTH_VERIFY_OK(header);
    QCOMPARE(header->index, 1u);
}

void TestGroupEnvelope::parseRefuses() {
    QByteArray minimal(kGroupEnvelopeOverhead, '\0');
    minimal[0] = 1;
    minimal[1] = 1;
    HEARTH_VERIFY_OK(parseGroupEnvelope(minimal)); // an empty plaintext is a valid layout
    HEARTH_COMPARE_ERROR(parseGroupEnvelope(minimal.chopped(1)), CryptoError::Malformed);
    HEARTH_COMPARE_ERROR(parseGroupEnvelope(QByteArray()), CryptoError::Malformed);
    QByteArray pairwise = minimal;
    pairwise[1] = static_cast<char>(EnvelopeType::Pairwise);
    HEARTH_COMPARE_ERROR(parseGroupEnvelope(pairwise), CryptoError::WrongType);
    QByteArray future = minimal;
    future[0] = 2;
    HEARTH_COMPARE_ERROR(parseGroupEnvelope(future), CryptoError::UnsupportedVersion);
}

void TestGroupEnvelope::peekType_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("expected");
    QTest::newRow("empty") << QByteArray() << false << int(CryptoError::Malformed);
    QTest::newRow("one byte") << "\x01"_ba << false << int(CryptoError::Malformed);
    QTest::newRow("version 0") << QByteArray("\x00\x01", 2) << false
                               << int(CryptoError::UnsupportedVersion);
    QTest::newRow("version 2") << "\x02\x01"_ba << false << int(CryptoError::UnsupportedVersion);
    QTest::newRow("unknown type") << "\x01\x7f"_ba << false << int(CryptoError::WrongType);
    QTest::newRow("group") << "\x01\x01"_ba << true << int(EnvelopeType::GroupMessage);
    QTest::newRow("pairwise") << "\x01\x02"_ba << true << int(EnvelopeType::Pairwise);
    QTest::newRow("session key") << "\x01\x03"_ba << true << int(EnvelopeType::SessionKey);
    QTest::newRow("backup") << "\x01\x04"_ba << true << int(EnvelopeType::KeyBackup);
    QTest::newRow("grant") << "\x01\x05"_ba << true << int(EnvelopeType::AccountGrant);
    QTest::newRow("outbound") << "\x01\x10"_ba << true << int(EnvelopeType::OutboundState);
    QTest::newRow("inbound") << "\x01\x11"_ba << true << int(EnvelopeType::InboundState);
}

void TestGroupEnvelope::peekType() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(int, expected);
    const CryptoResult<EnvelopeType> type = peekEnvelopeType(bytes);
    QCOMPARE(type.ok(), ok);
    if (ok)
        QCOMPARE(int(*type), expected);
    else
        QCOMPARE(type.error(), CryptoError(expected));
}

QTEST_GUILESS_MAIN(TestGroupEnvelope)
#include "tst_group_envelope.moc"
