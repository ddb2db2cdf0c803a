// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/auth_challenge.h"
#include "sync/protocol/protocol.h"

#include <QSet>
#include <QTest>

using namespace hearth::protocol;
using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray counting(qsizetype size) {
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = static_cast<char>(i);
    return out;
}
} // namespace

class TestAuthChallenge final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswer_data();
    void knownAnswer();
    void layout();
    void everyInputMatters();
};

void TestAuthChallenge::knownAnswer_data() {
    // Expected bytes computed independently (Python struct.pack) from the documented layout:
    // "hearth-auth-v1" || 0x00 || nonce || u16 BE len || username || u64 BE device.
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QString>("user");
    QTest::addColumn<quint64>("device");
    QTest::addColumn<QByteArray>("expectedHex");
    QTest::newRow("ascii") << counting(kNonceSize) << u"alice"_s << Q_UINT64_C(0x0102030405060708)
                           << "6865617274682d617574682d763100"
                              "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                              "0005"
                              "616c696365"
                              "0102030405060708"_ba;
    QTest::newRow("non-ascii") << QByteArray(kNonceSize, '\xff') << u"zo\u00eb"_s << quint64(1)
                               << "6865617274682d617574682d763100"
                                  "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                                  "0004"
                                  "7a6fc3ab"
                                  "0000000000000001"_ba;
}

void TestAuthChallenge::knownAnswer() {
    QFETCH(QByteArray, nonce);
    QFETCH(QString, user);
    QFETCH(quint64, device);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(authChallenge(nonce, user, device).toHex(), expectedHex);
}

void TestAuthChallenge::layout() {
    const QByteArray nonce = counting(kNonceSize);
    const QByteArray out = authChallenge(nonce, u"bob"_s, ~quint64(0));
    QCOMPARE(out.size(), 15 + kNonceSize + 2 + 3 + 8);
    QVERIFY(out.startsWith(QByteArrayView("hearth-auth-v1\0", 15)));
    QCOMPARE(out.mid(15, kNonceSize), nonce);
    QCOMPARE(out.mid(15 + kNonceSize, 2), QByteArray::fromHex("0003"));
    QCOMPARE(out.mid(15 + kNonceSize + 2, 3), "bob"_ba);
    QCOMPARE(out.last(8), QByteArray(8, '\xff'));
}

void TestAuthChallenge::everyInputMatters() {
    const QByteArray nonce = counting(kNonceSize);
    QByteArray otherNonce = nonce;
    otherNonce[kNonceSize - 1] = '\x7f';
    const QList<QByteArray> challenges = {
        authChallenge(nonce, u"alice"_s, 1),
        authChallenge(otherNonce, u"alice"_s, 1),
        authChallenge(nonce, u"alicf"_s, 1),
        authChallenge(nonce, u"alic"_s, 1),
        authChallenge(nonce, u"Alice"_s, 1),
        authChallenge(nonce, u"alice"_s, 2),
        authChallenge(nonce, u"alice"_s, quint64(1) << 63),
    };
    const QSet<QByteArray> distinct(challenges.begin(), challenges.end());
    QCOMPARE(distinct.size(), challenges.size());
    // Deterministic: the same inputs give the same bytes.
    QCOMPARE(authChallenge(nonce, u"alice"_s, 1), challenges.first());
}

QTEST_GUILESS_MAIN(TestAuthChallenge)
#include "tst_auth_challenge.moc"
