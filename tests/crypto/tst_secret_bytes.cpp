// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/secret_bytes.h"

#include <QTest>
#include <algorithm>
#include <cstring>
#include <utility>

using namespace hearth::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray contents(const SecretBytes &secret) {
    return QByteArray(reinterpret_cast<const char *>(secret.data()),
                      static_cast<qsizetype>(secret.size()));
}

// why: a QtMessageHandler is a plain function pointer, so the capture goes through a global.
QStringList g_messages;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message) {
    g_messages.append(message);
}

//! Ways the secret's bytes could show up in a log line.
QStringList renderings(const QByteArray &secret) {
    QStringList out = {
        QString::fromLatin1(secret),
        QString::fromLatin1(secret.toHex()),
        QString::fromLatin1(secret.toHex().toUpper()),
        QString::fromLatin1(secret.toBase64()),
        QString::fromLatin1(secret.toHex(' ')),
    };
    // A prefix of the secret is a leak too: the first four bytes, in hex.
    out.append(QString::fromLatin1(secret.first(4).toHex()));
    return out;
}

} // namespace

class TestSecretBytes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultIsEmpty();
    void sizedConstructor();
    void fromBytesCopies();
    void moveConstruct();
    void moveAssign();
    void selfMoveAssignKeepsContents();
    void generate_data();
    void generate();
    void generateIsRandom();
    void debugOutputHidesBytes_data();
    void debugOutputHidesBytes();
    void messageHandlerSeesNoBytes();
};

void TestSecretBytes::defaultIsEmpty() {
    const SecretBytes secret;
    QVERIFY(secret.isEmpty());
    QCOMPARE(secret.size(), std::size_t(0));
    QCOMPARE(secret.data(), nullptr);
}

void TestSecretBytes::sizedConstructor() {
    SecretBytes secret(48);
    QCOMPARE(secret.size(), std::size_t(48));
    QVERIFY(!secret.isEmpty());
    QVERIFY(secret.data() != nullptr);
    std::memset(secret.data(), 0x11, secret.size()); // writable over its whole size
    QCOMPARE(contents(secret), QByteArray(48, '\x11'));
    QVERIFY(SecretBytes(0).isEmpty());
}

void TestSecretBytes::fromBytesCopies() {
    QByteArray source = "not so secret, but a fine test"_ba;
    const SecretBytes secret = SecretBytes::fromBytes(source);
    QCOMPARE(secret.size(), std::size_t(source.size()));
    QCOMPARE(contents(secret), source);
    QVERIFY(static_cast<const void *>(secret.data()) != static_cast<const void *>(source.data()));
    source.fill('x'); // the caller's copy is independent
    QCOMPARE(contents(secret), "not so secret, but a fine test"_ba);
    QVERIFY(SecretBytes::fromBytes(QByteArrayView()).isEmpty());
}

void TestSecretBytes::moveConstruct() {
    SecretBytes source = SecretBytes::fromBytes("0123456789abcdef"_ba);
    const unsigned char *buffer = source.data();
    SecretBytes moved(std::move(source));
    QCOMPARE(moved.data(), buffer); // the buffer is handed over, not copied
    QCOMPARE(contents(moved), "0123456789abcdef"_ba);
    QVERIFY(source.isEmpty()); // NOLINT(bugprone-use-after-move): the moved-from state is API
    QCOMPARE(source.data(), nullptr);
}

void TestSecretBytes::moveAssign() {
    SecretBytes source = SecretBytes::fromBytes("source bytes"_ba);
    SecretBytes target = SecretBytes::fromBytes("old target, longer"_ba);
    const unsigned char *buffer = source.data();
    target = std::move(source);
    QCOMPARE(target.data(), buffer);
    QCOMPARE(contents(target), "source bytes"_ba);
    QVERIFY(source.isEmpty()); // NOLINT(bugprone-use-after-move)
    QCOMPARE(source.data(), nullptr);

    // Assigning into an empty one, and an empty one into a full one.
    SecretBytes empty;
    empty = std::move(target);
    QCOMPARE(contents(empty), "source bytes"_ba);
    empty = SecretBytes();
    QVERIFY(empty.isEmpty());
    QCOMPARE(empty.data(), nullptr);
}

void TestSecretBytes::selfMoveAssignKeepsContents() {
    SecretBytes secret = SecretBytes::fromBytes("keep me"_ba);
    SecretBytes &alias = secret; // why: keeps the compiler's self-move warning out of the way
    secret = std::move(alias);
    QCOMPARE(contents(secret), "keep me"_ba);
}

void TestSecretBytes::generate_data() {
    QTest::addColumn<int>("size");
    QTest::newRow("1") << 1;
    QTest::newRow("16") << 16;
    QTest::newRow("32") << 32;
    QTest::newRow("64") << 64;
    QTest::newRow("4096") << 4096;
}

void TestSecretBytes::generate() {
    QFETCH(int, size);
    const SecretBytes secret = SecretBytes::generate(static_cast<std::size_t>(size));
    QCOMPARE(secret.size(), std::size_t(size));
    if (size >= 16) {
        // 2^-128 or less to fail by chance.
        QVERIFY(std::any_of(secret.data(), secret.data() + size,
                            [](unsigned char b) { return b != 0; }));
    }
    QVERIFY(SecretBytes::generate(0).isEmpty());
}

void TestSecretBytes::generateIsRandom() {
    const SecretBytes a = SecretBytes::generate(32);
    const SecretBytes b = SecretBytes::generate(32);
    QVERIFY(contents(a) != contents(b));
    QVERIFY(contents(a) != QByteArray(32, '\0'));
    // sodium_malloc fills fresh memory with 0xdb: generate must overwrite it.
    QVERIFY(contents(a) != QByteArray(32, '\xdb'));
}

void TestSecretBytes::debugOutputHidesBytes_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("printable") << "correct horse battery staple 123"_ba;
    QByteArray counting(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i)
        counting[i] = static_cast<char>(0xa0 + i);
    QTest::newRow("binary") << counting;
}

void TestSecretBytes::debugOutputHidesBytes() {
    QFETCH(QByteArray, bytes);
    const SecretBytes secret = SecretBytes::fromBytes(bytes);
    QString out;
    QDebug(&out) << secret;

    QVERIFY2(out.contains(u"redacted"_s), qPrintable(out));
    QVERIFY2(out.contains(QString::number(bytes.size())), qPrintable(out));
    for (const QString &rendering : renderings(bytes))
        QVERIFY2(!out.contains(rendering, Qt::CaseInsensitive), qPrintable(out));

    // The same check against a plain QByteArray proves the check itself can fail.
    QString leaky;
    QDebug(&leaky) << bytes.toHex();
    QVERIFY(leaky.contains(renderings(bytes).at(1)));
}

void TestSecretBytes::messageHandlerSeesNoBytes() {
    const QByteArray bytes = "a secret nobody may log, really!"_ba;
    const SecretBytes secret = SecretBytes::fromBytes(bytes);
    g_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    qDebug() << "key:" << secret;
    qWarning().noquote() << secret;
    qInstallMessageHandler(previous);

    QCOMPARE(g_messages.size(), 2);
    for (const QString &message : std::as_const(g_messages)) {
        QVERIFY2(message.contains(u"SecretBytes"_s), qPrintable(message));
        for (const QString &rendering : renderings(bytes))
            QVERIFY2(!message.contains(rendering, Qt::CaseInsensitive), qPrintable(message));
    }
}

QTEST_GUILESS_MAIN(TestSecretBytes)
#include "tst_secret_bytes.moc"
