// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/group_session_key.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const DeviceAddress kAlice1{UserId{u"alice"_s}, DeviceId{1}};

// The documented layout of fixedSessionKey(): 2 + 16 + 4 + 32 + 8 + (2 + 5) + 8 + 32 bytes.
const QByteArray kFixedKeyHex =
    "0103808182838485868788898a8b8c8d8e8f00000000909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5"
    "a6a7a8a9aaabacadaeaf000000000000002a0005616c69636500000000000000018a88e3dd7409f195fd52db"
    "2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"_ba;
constexpr qsizetype kUserOffset = 2 + 16 + 4 + 32 + 8;
constexpr qsizetype kDeviceOffset = kUserOffset + 2 + 5;

} // namespace

class TestGroupSessionKey final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswer();
    void roundTrip();
    void cloneIsEqual();
    void createRefusesInvalidSender();
    void everyTruncationRefused();
    void trailingByteRefused();
    void wrongTypeAndVersion();
    void badFieldsRefused_data();
    void badFieldsRefused();
};

void TestGroupSessionKey::knownAnswer() {
    QCOMPARE(bytesOf(fixedSessionKey().serialize()).toHex(), kFixedKeyHex);
}

void TestGroupSessionKey::roundTrip() {
    const GroupSessionKey original = fixedSessionKey(77);
    const CryptoResult<GroupSessionKey> parsed =
        GroupSessionKey::parse(bytesOf(original.serialize()));
    HEARTH_VERIFY_OK(parsed);
    QVERIFY(parsed->sessionId() == original.sessionId());
    QCOMPARE(parsed->index(), 77u);
    QCOMPARE(bytesOf(parsed->chain().bytes()), counting(0x90, 32));
    QVERIFY(parsed->conversation() == ConversationId{42});
    QVERIFY(parsed->sender() == kAlice1);
    QVERIFY(parsed->senderKey() == original.senderKey());
}

void TestGroupSessionKey::cloneIsEqual() {
    const GroupSessionKey original = fixedSessionKey(3);
    const GroupSessionKey copy = original.clone();
    QCOMPARE(bytesOf(copy.serialize()), bytesOf(original.serialize()));
}

void TestGroupSessionKey::createRefusesInvalidSender() {
    HEARTH_COMPARE_ERROR(GroupSessionKey::create(SessionId::generate(), ChainKey::generate(),
                                                 ConversationId{1},
                                                 DeviceAddress{UserId{u"alice"_s}, DeviceId{0}},
                                                 publicKeyOf(signingKey('\x01'))),
                         CryptoError::InvalidArgument);
}

void TestGroupSessionKey::everyTruncationRefused() {
    const QByteArray bytes = QByteArray::fromHex(kFixedKeyHex);
    for (qsizetype size = 0; size < bytes.size(); ++size)
        HEARTH_COMPARE_ERROR(GroupSessionKey::parse(bytes.first(size)), CryptoError::Malformed);
}

void TestGroupSessionKey::trailingByteRefused() {
    HEARTH_COMPARE_ERROR(GroupSessionKey::parse(QByteArray::fromHex(kFixedKeyHex) + '\0'),
                         CryptoError::Malformed);
}

void TestGroupSessionKey::wrongTypeAndVersion() {
    const QByteArray bytes = QByteArray::fromHex(kFixedKeyHex);
    HEARTH_COMPARE_ERROR(GroupSessionKey::parse(flipped(bytes, 0, 0x03)),
                         CryptoError::UnsupportedVersion);
    QByteArray asGroupMessage = bytes;
    asGroupMessage[1] = 0x01;
    HEARTH_COMPARE_ERROR(GroupSessionKey::parse(asGroupMessage), CryptoError::WrongType);
}

void TestGroupSessionKey::badFieldsRefused_data() {
    const QByteArray bytes = QByteArray::fromHex(kFixedKeyHex);
    QTest::addColumn<QByteArray>("bytes");
    QByteArray zeroDevice = bytes;
    zeroDevice.replace(kDeviceOffset, 8, QByteArray(8, '\0'));
    QTest::newRow("device id 0") << zeroDevice;
    QByteArray emptyUser = bytes;
    emptyUser.replace(kUserOffset, 7, QByteArray(2, '\0'));
    QTest::newRow("empty user") << emptyUser;
    QByteArray badUtf8 = bytes;
    badUtf8[kUserOffset + 2] = '\xff';
    QTest::newRow("invalid UTF-8 user") << badUtf8;
    QByteArray longUser = bytes;
    longUser.replace(kUserOffset, 7, QByteArray("\x00\x41", 2) + QByteArray(65, 'a'));
    QTest::newRow("user over 64 bytes") << longUser;
}

void TestGroupSessionKey::badFieldsRefused() {
    QFETCH(QByteArray, bytes);
    HEARTH_COMPARE_ERROR(GroupSessionKey::parse(bytes), CryptoError::Malformed);
}

QTEST_GUILESS_MAIN(TestGroupSessionKey)
#include "tst_group_session_key.moc"
