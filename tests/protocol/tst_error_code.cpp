// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/error_code.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace hearth::protocol;
using namespace Qt::Literals::StringLiterals;

class TestErrorCode final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsEveryCodeInOrder();
    void namesAreUniqueSnakeCase();
    void namesRoundTrip();
    void unknownNames_data();
    void unknownNames();
    void knownNamesArePinned();
};

void TestErrorCode::listsEveryCodeInOrder() {
    // Internal is the last enumerator; every code before it is listed, in declaration order.
    const qsizetype count = allErrorCodesEnd() - allErrorCodesBegin();
    QCOMPARE(count, static_cast<qsizetype>(ErrorCode::Internal) + 1);
    int expected = 0;
    for (auto it = allErrorCodesBegin(); it != allErrorCodesEnd(); ++it)
        QCOMPARE(static_cast<int>(*it), expected++);
}

void TestErrorCode::namesAreUniqueSnakeCase() {
    static const QRegularExpression snakeCase(u"^[a-z]+(_[a-z]+)*$"_s);
    QSet<QString> names;
    for (auto it = allErrorCodesBegin(); it != allErrorCodesEnd(); ++it) {
        const QString name = errorCodeName(*it);
        QVERIFY2(snakeCase.match(name).hasMatch(), qPrintable(name));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
    }
    QCOMPARE(names.size(), allErrorCodesEnd() - allErrorCodesBegin());
}

void TestErrorCode::namesRoundTrip() {
    for (auto it = allErrorCodesBegin(); it != allErrorCodesEnd(); ++it)
        QCOMPARE(errorCodeFromName(errorCodeName(*it)), std::optional<ErrorCode>(*it));
}

void TestErrorCode::unknownNames_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("unknown") << u"no_such_code"_s;
    QTest::newRow("upper case") << u"BAD_FRAME"_s;
    QTest::newRow("camel case") << u"badFrame"_s;
    QTest::newRow("enumerator") << u"BadFrame"_s;
    QTest::newRow("prefix") << u"bad"_s;
    QTest::newRow("longer") << u"bad_frame_"_s;
    QTest::newRow("leading space") << u" bad_frame"_s;
}

void TestErrorCode::unknownNames() {
    QFETCH(QString, name);
    const QByteArray latin1 = name.toLatin1();
    QCOMPARE(errorCodeFromName(QLatin1StringView(latin1)), std::nullopt);
}

void TestErrorCode::knownNamesArePinned() {
    // The names are wire format: a rename breaks every client, so a few are spelled out here.
    QCOMPARE(errorCodeName(ErrorCode::BadFrame), "bad_frame"_L1);
    QCOMPARE(errorCodeName(ErrorCode::RateLimited), "rate_limited"_L1);
    QCOMPARE(errorCodeName(ErrorCode::AuthFailed), "auth_failed"_L1);
    QCOMPARE(errorCodeName(ErrorCode::PayloadTooLarge), "payload_too_large"_L1);
    QCOMPARE(errorCodeName(ErrorCode::Internal), "internal"_L1);
    // An out-of-range value (e.g. from a newer build) maps to "internal", not to garbage.
    QCOMPARE(errorCodeName(static_cast<ErrorCode>(9999)), "internal"_L1);
}

QTEST_GUILESS_MAIN(TestErrorCode)
#include "tst_error_code.moc"
