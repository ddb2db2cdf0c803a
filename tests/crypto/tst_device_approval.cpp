// SPDX-License-Identifier: GPL-3.0-or-later
// Device approval: the code a signing-in device shows, the tag that binds its keys to the code,
// and the account-key grant only the device that showed the code can open. The known answers
// were computed independently (Python: hashlib.blake2b, cryptography's ChaCha20Poly1305 with
// an HChaCha20 subkey) from the layouts in docs/crypto.md.
#include "crypto/device_approval.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const UserId kAlice{u"alice"_s};

DeviceKeys newDevice(quint64 id = 7, char signFill = '\x12', char dhFill = '\x13') {
    return DeviceKeys{DeviceId{id}, publicKeyOf(signingKey(signFill)), publicKeyOf(dhKey(dhFill))};
}

ApprovalCode fixedCode() {
    return std::move(ApprovalCode::parse(u"0123-4567-89AB-CDEF").value());
}

} // namespace

class TestDeviceApproval final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void generatedCodesAreRandomSymbols() {
        const ApprovalCode a = ApprovalCode::generate();
        const ApprovalCode b = ApprovalCode::generate();
        QCOMPARE(qsizetype(a.bytes().size()), kApprovalCodeLength);
        QVERIFY(bytesOf(a.bytes()) != bytesOf(b.bytes()));
        for (const char c : bytesOf(a.bytes()))
            QVERIFY(QByteArray("0123456789ABCDEFGHJKMNPQRSTVWXYZ").contains(c));
        QCOMPARE(a.display().size(), 19);
        QCOMPARE(a.display().count(u'-'), 3);
    }

    void generationKnownAnswer() {
        // Bytes 0x1c, 0x1d, ... keep their low five bits: 28, 29, 30, 31, 0, 1, ...
        DeterministicRandom random(0x1c);
        QCOMPARE(ApprovalCode::generate().display(), u"WXYZ-0123-4567-89AB"_s);
    }

    void parseIsForgiving_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("as shown") << u"7K3Q-M9ZD-X2PA-4HNB"_s << u"7K3Q-M9ZD-X2PA-4HNB"_s;
        QTest::newRow("lower case, spaces")
            << u" 7k3q m9zd x2pa 4hnb "_s << u"7K3Q-M9ZD-X2PA-4HNB"_s;
        QTest::newRow("run together") << u"7K3QM9ZDX2PA4HNB"_s << u"7K3Q-M9ZD-X2PA-4HNB"_s;
        QTest::newRow("O, I and L") << u"OIL0-1111-0000-AAAA"_s << u"0110-1111-0000-AAAA"_s;
    }

    void parseIsForgiving() {
        QFETCH(QString, typed);
        QFETCH(QString, canonical);
        const auto code = ApprovalCode::parse(typed);
        HEARTH_VERIFY_OK(code);
        QCOMPARE(code->display(), canonical);
    }

    void parseRefusesWhatIsNotACode_data() {
        QTest::addColumn<QString>("typed");
        QTest::newRow("empty") << QString();
        QTest::newRow("too short") << u"7K3Q-M9ZD-X2PA-4HN"_s;
        QTest::newRow("too long") << u"7K3Q-M9ZD-X2PA-4HNBB"_s;
        QTest::newRow("U is not a symbol") << u"7K3Q-M9ZD-X2PA-4HNU"_s;
        QTest::newRow("punctuation") << u"7K3Q.M9ZD.X2PA.4HNB"_s;
        QTest::newRow("non-ASCII") << u"7K3Q-M9ZD-X2PA-4HNÉ"_s;
    }

    void parseRefusesWhatIsNotACode() {
        QFETCH(QString, typed);
        HEARTH_COMPARE_ERROR(ApprovalCode::parse(typed), CryptoError::InvalidArgument);
    }

    void storedCodeRoundTrips() {
        const ApprovalCode code = ApprovalCode::generate();
        const auto restored = ApprovalCode::fromBytes(bytesOf(code.bytes()));
        HEARTH_VERIFY_OK(restored);
        QCOMPARE(restored->display(), code.display());
        HEARTH_COMPARE_ERROR(ApprovalCode::fromBytes("0123456789abcdef"),
                             CryptoError::InvalidArgument);
        HEARTH_COMPARE_ERROR(ApprovalCode::fromBytes("0123456789ABCDE"),
                             CryptoError::InvalidArgument);
    }

    void debugOutputHidesTheCode() {
        const ApprovalCode code = fixedCode();
        QString text;
        QDebug(&text) << code;
        QVERIFY(!text.contains(u"0123"_s));
        QCOMPARE(text, u"ApprovalCode(redacted) "_s);
    }

    void requestTagKnownAnswer() {
        const QByteArray tag = approvalRequestTag(fixedCode(), kAlice, newDevice());
        QCOMPARE(tag.toHex(),
                 "28b7424a96c3b47b0d9599f0e38bc887e6f152764f52416f23c55dcd91c31272"_ba);
        QVERIFY(verifyApprovalRequest(fixedCode(), kAlice, newDevice(), tag));
    }

    void requestTagBindsEveryKey() {
        const QByteArray tag = approvalRequestTag(fixedCode(), kAlice, newDevice());
        const auto other = std::move(ApprovalCode::parse(u"0123-4567-89AB-CDEE").value());
        QVERIFY(!verifyApprovalRequest(other, kAlice, newDevice(), tag));
        QVERIFY(!verifyApprovalRequest(fixedCode(), UserId{u"alicf"_s}, newDevice(), tag));
        QVERIFY(!verifyApprovalRequest(fixedCode(), kAlice, newDevice(8), tag));
        // A relay's substitute: the same id with its own signing or DH key.
        QVERIFY(!verifyApprovalRequest(fixedCode(), kAlice, newDevice(7, '\x66', '\x13'), tag));
        QVERIFY(!verifyApprovalRequest(fixedCode(), kAlice, newDevice(7, '\x12', '\x66'), tag));
        QVERIFY(!verifyApprovalRequest(fixedCode(), kAlice, newDevice(), flipped(tag, 31)));
        QVERIFY(!verifyApprovalRequest(fixedCode(), kAlice, newDevice(), tag.first(31)));
    }

    void grantKnownAnswer() {
        QByteArray grant;
        {
            DeterministicRandom random(0x40);
            const auto sealed =
                sealAccountGrant(fixedCode(), kAlice, newDevice(), signingKey('\x21'));
            HEARTH_VERIFY_OK(sealed);
            grant = *sealed;
        }
        QCOMPARE(grant.toHex(),
                 "0105884b8857f4eaa1613c61504db34d4beaf346517a0e31de3cddd4d9b4201d9d0b404142434445"
                 "464748494a4b4c4d4e4f5051525354555657e325226d94d8c3b32d8aa82393227b27af74194dcbf6"
                 "a9cdbb2855fcb1c4bd9805ff94da8ec4f81a8887266f80be35f5"_ba);
        const auto opened = openAccountGrant(fixedCode(), kAlice, newDevice(), grant);
        HEARTH_VERIFY_OK(opened);
        QCOMPARE(opened->publicKey(), signingKey('\x21').publicKey());
        QCOMPARE(bytesOf(opened->seed()), QByteArray(32, '\x21'));
    }

    void grantOpensOnlyForTheDeviceThatShowedTheCode() {
        const auto grant = sealAccountGrant(fixedCode(), kAlice, newDevice(), signingKey('\x21'));
        HEARTH_VERIFY_OK(grant);
        const auto other = std::move(ApprovalCode::parse(u"0123-4567-89AB-CDEE").value());
        HEARTH_COMPARE_ERROR(openAccountGrant(other, kAlice, newDevice(), *grant),
                             CryptoError::DecryptionFailed);
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(7, '\x66'), *grant),
                             CryptoError::DecryptionFailed);
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(8), *grant),
                             CryptoError::DecryptionFailed);
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), UserId{u"bob"_s}, newDevice(), *grant),
                             CryptoError::DecryptionFailed);
    }

    void alteredGrantsAreRefused() {
        const auto sealed = sealAccountGrant(fixedCode(), kAlice, newDevice(), signingKey('\x21'));
        HEARTH_VERIFY_OK(sealed);
        const QByteArray grant = *sealed;
        // The account key named in the header is authenticated: a relay cannot swap in its own.
        QByteArray swapped = grant;
        swapped.replace(2, 32, signingKey('\x66').publicKey());
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(), swapped),
                             CryptoError::DecryptionFailed);
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(), flipped(grant, 40)),
                             CryptoError::DecryptionFailed);
        HEARTH_COMPARE_ERROR(
            openAccountGrant(fixedCode(), kAlice, newDevice(), flipped(grant, grant.size() - 1)),
            CryptoError::DecryptionFailed);
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(), grant.chopped(1)),
                             CryptoError::Malformed);
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(), grant + "x"),
                             CryptoError::Malformed);
        QByteArray retyped = grant;
        retyped[1] = 0x03;
        HEARTH_COMPARE_ERROR(openAccountGrant(fixedCode(), kAlice, newDevice(), retyped),
                             CryptoError::WrongType);
        HEARTH_COMPARE_ERROR(
            sealAccountGrant(fixedCode(), UserId{}, newDevice(), signingKey('\x21')),
            CryptoError::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestDeviceApproval)
#include "tst_device_approval.moc"
