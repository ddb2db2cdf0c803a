// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/fingerprint.h"
#include "crypto_test_support.h"

#include <QRegularExpression>
#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

SigningPublicKey accountKey(char fill) {
    return publicKeyOf(signingKey(fill));
}

const UserId kAlice{u"alice"_s};
const UserId kBob{u"bob"_s};

} // namespace

class TestFingerprint final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswers();
    void sameOnBothSides();
    void format();
    void differsForOtherKey();
    void differsForOtherUser();
    void stable();
};

void TestFingerprint::knownAnswers() {
    // Account keys from seeds 32 x 0x01 (alice) and 32 x 0x02 (bob). Cross-checked with an
    // independent Python version (hashlib.sha512) of the construction in fingerprint.h.
    QCOMPARE(accountFingerprint(kAlice, accountKey('\x01')), u"143077053241656769094000631635"_s);
    QCOMPARE(accountFingerprint(kBob, accountKey('\x02')), u"893416999941142391699200250132"_s);
    QCOMPARE(safetyNumber(kAlice, accountKey('\x01'), kBob, accountKey('\x02')),
             u"14307 70532 41656 76909 40006 31635 89341 69999 41142 39169 92002 50132"_s);
}

void TestFingerprint::sameOnBothSides() {
    const SigningPublicKey alice = publicKeyOf(SigningKeyPair::generate());
    const SigningPublicKey bob = publicKeyOf(SigningKeyPair::generate());
    QCOMPARE(safetyNumber(kAlice, alice, kBob, bob), safetyNumber(kBob, bob, kAlice, alice));
}

void TestFingerprint::format() {
    const QString number = safetyNumber(kAlice, accountKey('\x05'), kBob, accountKey('\x06'));
    static const QRegularExpression grouped(u"^\\d{5}( \\d{5}){11}$"_s);
    QVERIFY2(grouped.match(number).hasMatch(), qPrintable(number));
    static const QRegularExpression thirtyDigits(u"^\\d{30}$"_s);
    QVERIFY(thirtyDigits.match(accountFingerprint(kAlice, accountKey('\x05'))).hasMatch());
    // The smaller fingerprint comes first.
    const QString a = accountFingerprint(kAlice, accountKey('\x05'));
    const QString b = accountFingerprint(kBob, accountKey('\x06'));
    QCOMPARE(QString(number).remove(u' '), a < b ? a + b : b + a);
}

void TestFingerprint::differsForOtherKey() {
    const QString real = safetyNumber(kAlice, accountKey('\x01'), kBob, accountKey('\x02'));
    // A relay that substituted bob's key gives a different number on alice's side.
    const QString substituted = safetyNumber(kAlice, accountKey('\x01'), kBob, accountKey('\x03'));
    QVERIFY(real != substituted);
    QVERIFY(accountFingerprint(kBob, accountKey('\x02')) !=
            accountFingerprint(kBob, accountKey('\x03')));
}

void TestFingerprint::differsForOtherUser() {
    QVERIFY(accountFingerprint(kAlice, accountKey('\x01')) !=
            accountFingerprint(UserId{u"alicf"_s}, accountKey('\x01')));
    QVERIFY(safetyNumber(kAlice, accountKey('\x01'), kBob, accountKey('\x02')) !=
            safetyNumber(kAlice, accountKey('\x01'), UserId{u"carol"_s}, accountKey('\x02')));
}

void TestFingerprint::stable() {
    const SigningPublicKey key = publicKeyOf(SigningKeyPair::generate());
    QCOMPARE(accountFingerprint(kAlice, key), accountFingerprint(kAlice, key));
}

QTEST_GUILESS_MAIN(TestFingerprint)
#include "tst_fingerprint.moc"
