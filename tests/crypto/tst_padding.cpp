// SPDX-License-Identifier: GPL-3.0-or-later
// Size padding (docs/crypto.md, 6.8): the bucket sizes as known answers (the smallest bucket,
// then Padmé), the padded bytes of a short plaintext, the round trip at every length around
// the bucket edges, and refusal of every padding that is not the one canonical form.
#include "crypto/padding.h"

#include <QTest>

using namespace hearth::crypto;

class TstPadding final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bucketKnownAnswers_data() {
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<qsizetype>("padded");
        // Everything below 256 bytes shares one bucket; above it Padmé of length + 1.
        const std::pair<qsizetype, qsizetype> table[] = {
            {0, 256},       {1, 256},       {100, 256},         {255, 256},   {256, 272},
            {271, 272},     {272, 288},     {511, 512},         {512, 544},   {1000, 1024},
            {1023, 1024},   {1024, 1088},   {2040, 2048},       {4000, 4096}, {10000, 10240},
            {65535, 65536}, {65536, 67584}, {1048576, 1081344},
        };
        for (const auto &[length, padded] : table)
            QTest::addRow("%lld", static_cast<long long>(length)) << length << padded;
    }

    void bucketKnownAnswers() {
        QFETCH(qsizetype, length);
        QFETCH(qsizetype, padded);
        QCOMPARE(paddedLength(length), padded);
    }

    void paddedBytesKnownAnswer() {
        auto padded = pad(QByteArrayView("hi"));
        QVERIFY(padded);
        QByteArray expected("hi");
        expected.append(char(0x80));
        expected.append(QByteArray(256 - 3, '\0'));
        QCOMPARE(*padded, expected);
        QCOMPARE(unpad(*padded).value(), QByteArray("hi"));
    }

    void roundTripAroundBucketEdges() {
        for (qsizetype length : {0, 1, 254, 255, 256, 257, 271, 272, 273, 511, 512, 513, 4095}) {
            const QByteArray plain(length, '\x5a');
            auto padded = pad(plain);
            QVERIFY(padded);
            QCOMPARE(padded->size(), paddedLength(length));
            QVERIFY(padded->size() > length);
            QCOMPARE(unpad(*padded).value(), plain);
        }
        // At most 6.25 % overhead above the smallest bucket.
        for (qsizetype length = 256; length < 2000000; length += 1 + length / 64)
            QVERIFY(paddedLength(length) <= length + length / 16 + 1);
    }

    void nonCanonicalPaddingRefused() {
        const QByteArray padded = pad(QByteArrayView("hello")).value();
        // No marker at all, or only zeros.
        QCOMPARE(unpad(QByteArray(256, '\0')).error(), CryptoError::Malformed);
        QByteArray noMarker = padded;
        noMarker[5] = '\0';
        QCOMPARE(unpad(noMarker).error(), CryptoError::Malformed);
        // A byte after the marker that is not zero.
        QByteArray dirty = padded;
        dirty[200] = '\x01';
        QCOMPARE(unpad(dirty).error(), CryptoError::Malformed);
        // Shorter than the smallest bucket, or one byte cut off / added.
        QCOMPARE(unpad(QByteArray("hello\x80", 6)).error(), CryptoError::Malformed);
        QCOMPARE(unpad(padded.first(255)).error(), CryptoError::Malformed);
        QCOMPARE(unpad(padded + QByteArray(1, '\0')).error(), CryptoError::Malformed);
        // A larger bucket than the plaintext needs: a second padded form of the same bytes.
        QByteArray tooLong("hello");
        tooLong.append(char(0x80));
        tooLong.append(QByteArray(272 - 6, '\0'));
        QCOMPARE(unpad(tooLong).error(), CryptoError::Malformed);
    }
};

QTEST_GUILESS_MAIN(TstPadding)
#include "tst_padding.moc"
