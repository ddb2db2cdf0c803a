// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/crypto_error.h"
#include "crypto/crypto_result.h"
#include "crypto_test_support.h"

#include <QSet>
#include <QTest>
#include <memory>

using namespace hearth::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

// why: a switch over the enum in the library returns "Unknown" for a value it forgot; this list
// must name every enumerator so the test below notices a new one without a name or message.
const QList<CryptoError> kAllErrors = {
    CryptoError::Malformed,
    CryptoError::UnsupportedVersion,
    CryptoError::WrongType,
    CryptoError::InvalidArgument,
    CryptoError::InvalidKey,
    CryptoError::LowOrderPoint,
    CryptoError::BadSignature,
    CryptoError::DecryptionFailed,
    CryptoError::WrongConversation,
    CryptoError::WrongSender,
    CryptoError::WrongRecipient,
    CryptoError::WrongSession,
    CryptoError::Replayed,
    CryptoError::IndexTooOld,
    CryptoError::RatchetJumpTooLarge,
    CryptoError::SessionExhausted,
    CryptoError::StaleDeviceList,
    CryptoError::NonCanonical,
    CryptoError::WrongPassphrase,
    CryptoError::UnsupportedParameters,
    CryptoError::OutOfMemory,
    CryptoError::Truncated,
    CryptoError::TrailingData,
    CryptoError::HashMismatch,
    CryptoError::IoError,
    CryptoError::BrokenChain,
    CryptoError::NotPermitted,
};

CryptoResult<int> half(int value) {
    if (value % 2 != 0)
        return CryptoError::InvalidArgument;
    return value / 2;
}

CryptoStatus checkPositive(int value) {
    if (value <= 0)
        return CryptoError::InvalidArgument;
    return {};
}

} // namespace

class TestCryptoError final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyErrorHasDistinctNameAndMessage();
    void lastEnumeratorIsListed();
    void debugShowsName();
    void resultHoldsValue();
    void resultHoldsError();
    void resultOfMoveOnlyType();
    void status();
};

void TestCryptoError::everyErrorHasDistinctNameAndMessage() {
    QSet<QString> names;
    QSet<QString> messages;
    for (CryptoError error : kAllErrors) {
        const QString name = QString::fromLatin1(cryptoErrorName(error));
        const QString message = cryptoErrorMessage(error);
        QVERIFY2(name != "Unknown"_L1, qPrintable(name));
        QVERIFY(!message.isEmpty());
        QVERIFY2(message != u"Unknown error."_s, qPrintable(name));
        QVERIFY2(!names.contains(name), qPrintable(name));
        QVERIFY2(!messages.contains(message), qPrintable(message));
        names.insert(name);
        messages.insert(message);
    }
}

void TestCryptoError::lastEnumeratorIsListed() {
    // The enumerators are consecutive from 0: the list must hold exactly that many.
    QCOMPARE(static_cast<int>(kAllErrors.last()), kAllErrors.size() - 1);
    QCOMPARE(QString::fromLatin1(cryptoErrorName(static_cast<CryptoError>(kAllErrors.size()))),
             u"Unknown"_s);
}

void TestCryptoError::debugShowsName() {
    QString text;
    QDebug(&text) << CryptoError::BadSignature;
    QCOMPARE(text.trimmed(), u"CryptoError::BadSignature"_s);
}

void TestCryptoError::resultHoldsValue() {
    const CryptoResult<int> result = half(8);
    QVERIFY(result.ok());
    QVERIFY(static_cast<bool>(result));
    QCOMPARE(result.value(), 4);
    QCOMPARE(*result, 4);
}

void TestCryptoError::resultHoldsError() {
    const CryptoResult<int> result = half(7);
    QVERIFY(!result.ok());
    QVERIFY(!static_cast<bool>(result));
    QCOMPARE(result.error(), CryptoError::InvalidArgument);
}

void TestCryptoError::resultOfMoveOnlyType() {
    CryptoResult<std::unique_ptr<int>> result = std::make_unique<int>(42);
    QVERIFY(result.ok());
    std::unique_ptr<int> taken = std::move(result).value();
    QCOMPARE(*taken, 42);
}

void TestCryptoError::status() {
    QVERIFY(checkPositive(1).ok());
    const CryptoStatus failed = checkPositive(0);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error(), CryptoError::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestCryptoError)
#include "tst_crypto_error.moc"
