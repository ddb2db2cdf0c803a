// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/password_hash.h"

#include <QTest>

using namespace hearth::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

// why: Minimum cost keeps each hash well under a millisecond; production uses Interactive.
QByteArray hashOf(QByteArrayView password) {
    const std::optional<QByteArray> hash = hashPassword(password, PasswordHashCost::Minimum);
    return hash.value_or(QByteArray());
}

} // namespace

class TestPasswordHash final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hashAndVerify_data();
    void hashAndVerify();
    void encodedForm();
    void saltMakesHashesDiffer();
    void wrongPassword();
    void passwordIsLengthDelimited();
    void oversizeHash();
    void garbageHash_data();
    void garbageHash();
    void everyTruncationFails();
    void tamperedHashFails();
};

void TestPasswordHash::hashAndVerify_data() {
    QTest::addColumn<QByteArray>("password");
    QTest::newRow("typical") << "correct horse battery staple"_ba;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("UTF-8") << u"pässwörd 🔑"_s.toUtf8();
    QTest::newRow("1024 bytes") << QByteArray(1024, 'p');
}

void TestPasswordHash::hashAndVerify() {
    QFETCH(QByteArray, password);
    const std::optional<QByteArray> hash = hashPassword(password, PasswordHashCost::Minimum);
    QVERIFY(hash);
    QVERIFY(verifyPassword(*hash, password));
}

void TestPasswordHash::encodedForm() {
    const QByteArray hash = hashOf("password"_ba);
    QVERIFY2(hash.startsWith("$argon2id$"), hash.constData());
    // Minimum cost is libsodium's floor: 8 KiB, one pass.
    QVERIFY2(hash.startsWith("$argon2id$v=19$m=8,t=1,p=1$"), hash.constData());
    QVERIFY(!hash.contains("password"));
    QVERIFY(!hash.contains('\0'));
}

void TestPasswordHash::saltMakesHashesDiffer() {
    const QByteArray a = hashOf("same password"_ba);
    const QByteArray b = hashOf("same password"_ba);
    QVERIFY(!a.isEmpty());
    QVERIFY(a != b);
    QVERIFY(verifyPassword(a, "same password"_ba));
    QVERIFY(verifyPassword(b, "same password"_ba));
}

void TestPasswordHash::wrongPassword() {
    const QByteArray hash = hashOf("hunter22"_ba);
    QVERIFY(verifyPassword(hash, "hunter22"_ba));
    QVERIFY(!verifyPassword(hash, "hunter23"_ba));
    QVERIFY(!verifyPassword(hash, "Hunter22"_ba));
    QVERIFY(!verifyPassword(hash, "hunter2"_ba));
    QVERIFY(!verifyPassword(hash, "hunter222"_ba));
    QVERIFY(!verifyPassword(hash, QByteArray()));
}

void TestPasswordHash::passwordIsLengthDelimited() {
    // A NUL inside the password is part of it, not its end.
    const QByteArray password("abc\0def", 7);
    const QByteArray hash = hashOf(password);
    QVERIFY(verifyPassword(hash, password));
    QVERIFY(!verifyPassword(hash, "abc"_ba));
    QVERIFY(!verifyPassword(hash, QByteArray("abc\0deg", 7)));
}

void TestPasswordHash::oversizeHash() {
    const QByteArray hash = hashOf("password"_ba);
    QVERIFY(verifyPassword(hash, "password"_ba));
    // Padding a valid hash up to and past libsodium's string buffer (128 bytes).
    for (qsizetype size : {127, 128, 129, 4096}) {
        const QByteArray padded = hash.leftJustified(size, '$');
        QCOMPARE(padded.size(), size);
        QVERIFY2(!verifyPassword(padded, "password"_ba), qPrintable(QString::number(size)));
    }
    QVERIFY(!verifyPassword(QByteArray(1024 * 1024, 'A'), "password"_ba));
}

void TestPasswordHash::garbageHash_data() {
    QTest::addColumn<QByteArray>("hash");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("plain text") << "password"_ba;
    QTest::newRow("prefix only") << "$argon2id$"_ba;
    QTest::newRow("no parameters") << "$argon2id$v=19$"_ba;
    QTest::newRow("bad parameters") << "$argon2id$v=19$m=x,t=y,p=z$AAAA$AAAA"_ba;
    QTest::newRow("memory below minimum") << "$argon2id$v=19$m=1,t=1,p=1$"
                                             "c29tZXNhbHRzb21lc2FsdA$c29tZWhhc2hzb21laGFzaA"_ba;
    QTest::newRow("unknown algorithm") << "$scrypt$ln=1,r=8,p=1$AAAA$AAAA"_ba;
    QTest::newRow("bcrypt") << "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"_ba;
    QTest::newRow("binary") << QByteArray("\x00\xff\x24\x61", 4);
}

void TestPasswordHash::garbageHash() {
    QFETCH(QByteArray, hash);
    QVERIFY(!verifyPassword(hash, "password"_ba));
    QVERIFY(!verifyPassword(hash, QByteArray()));
}

void TestPasswordHash::everyTruncationFails() {
    const QByteArray hash = hashOf("password"_ba);
    QVERIFY(verifyPassword(hash, "password"_ba));
    for (qsizetype size = 0; size < hash.size(); ++size)
        QVERIFY2(!verifyPassword(hash.first(size), "password"_ba),
                 qPrintable(QString::fromLatin1(hash.first(size))));
}

void TestPasswordHash::tamperedHashFails() {
    const QByteArray hash = hashOf("password"_ba);
    // Change one character inside the tag, then inside the salt. why: not the last
    // character of either, whose low bits are base64 padding a decoder may ignore.
    const auto changed = [](QByteArray bytes, qsizetype at) {
        bytes[at] = bytes.at(at) == 'A' ? 'B' : 'A';
        return bytes;
    };
    QVERIFY(!verifyPassword(changed(hash, hash.size() - 5), "password"_ba));
    QVERIFY(!verifyPassword(changed(hash, hash.lastIndexOf('$') - 5), "password"_ba));

    // The same parameters under argon2i are a different function.
    QByteArray algorithm = hash;
    algorithm.replace("$argon2id$", "$argon2i$");
    QVERIFY(!verifyPassword(algorithm, "password"_ba));
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_password_hash.moc"
