// SPDX-License-Identifier: GPL-3.0-or-later
// Damaged, truncated, foreign and missing files give clear errors and change nothing.
#include "store_test_support.h"

#include <QRandomGenerator>

using namespace hearth::store;
using namespace hearth::store::test;
namespace crypto = hearth::crypto;

namespace {

//! A closed profile holding enough events to span many pages.
struct FilledProfile : TempProfile {
    FilledProfile() {
        QList<IncomingEvent> events;
        for (quint64 seq = 1; seq <= 400; ++seq)
            events.push_back(message(seq, kAlice, u"message number %1 with some text"_s.arg(seq)));
        if (!store->events().insertAll(events))
            qFatal("cannot fill the profile");
        store.reset(); // checkpoint: everything is in profile.db
    }
    [[nodiscard]] QString db() const { return profile->databasePath(); }
};

void overwrite(const QString &path, qint64 offset, const QByteArray &bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray randomBytes(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &byte : bytes)
        byte = static_cast<char>(generator.bounded(256));
    return bytes;
}

} // namespace

class TestBadFiles final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void garbageFile();
    void emptyFile();
    void truncatedAtPageBoundary();
    void truncatedMidPage();
    void damagedPageIsReportedOnRead();
    void plainSqliteFile();
    void missingSaltFile();
    void damagedSaltFile();
    void saltOfAnotherProfile();
};

void TestBadFiles::garbageFile() {
    FilledProfile profile;
    const qint64 size = QFileInfo(profile.db()).size();
    overwrite(profile.db(), 0, randomBytes(size));
    const QByteArray before = sha256Of(profile.db());
    auto unlocked = Profile::unlock(profile.path(), kPassphrase);
    QCOMPARE(errorOf(unlocked), "Corrupt"_L1);
    QVERIFY(unlocked.error().message.contains(u"damaged"_s));
    QCOMPARE(sha256Of(profile.db()), before);
}

void TestBadFiles::emptyFile() {
    FilledProfile profile;
    QVERIFY(QFile::resize(profile.db(), 0));
    QCOMPARE(errorOf(Profile::unlock(profile.path(), kPassphrase)), "Corrupt"_L1);
    QCOMPARE(QFileInfo(profile.db()).size(), 0);
}

void TestBadFiles::truncatedAtPageBoundary() {
    FilledProfile profile;
    const qint64 size = QFileInfo(profile.db()).size();
    QVERIFY(size >= 8 * Profile::kPageSize);
    QVERIFY(QFile::resize(profile.db(), (size / Profile::kPageSize / 2) * Profile::kPageSize));
    const QByteArray before = sha256Of(profile.db());
    QCOMPARE(errorOf(Profile::unlock(profile.path(), kPassphrase)), "Corrupt"_L1);
    QCOMPARE(sha256Of(profile.db()), before);
}

void TestBadFiles::truncatedMidPage() {
    FilledProfile profile;
    QVERIFY(QFile::resize(profile.db(), QFileInfo(profile.db()).size() - 100));
    QCOMPARE(errorOf(Profile::unlock(profile.path(), kPassphrase)), "Corrupt"_L1);
}

void TestBadFiles::damagedPageIsReportedOnRead() {
    // A page past the schema fails SQLCipher's HMAC: reads of it report Corrupt, nothing crashes,
    // and the rest stays readable.
    FilledProfile profile;
    const qint64 size = QFileInfo(profile.db()).size();
    const qint64 lastPage = size / Profile::kPageSize - 1;
    overwrite(profile.db(), lastPage * Profile::kPageSize + 100, randomBytes(64));
    auto unlocked = Profile::unlock(profile.path(), kPassphrase);
    STORE_OK(unlocked);
    auto store = valueOf(unlocked->openStore(Access::ReadWrite));
    bool sawCorrupt = false;
    for (quint64 seq = 1; seq <= 400; seq += 50) {
        auto page = store->timeline().after(kConv, seq - 1, 50);
        if (!page) {
            QCOMPARE(errorOf(page), "Corrupt"_L1);
            sawCorrupt = true;
        }
    }
    auto check = store->database().prepare("PRAGMA quick_check");
    auto row = check->step();
    sawCorrupt = sawCorrupt || !row || check->text(0) != u"ok"_s;
    QVERIFY(sawCorrupt);
}

void TestBadFiles::plainSqliteFile() {
    FilledProfile profile;
    QFile::remove(profile.db());
    QFile plain(profile.db());
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\0'));
    plain.close();
    QCOMPARE(errorOf(Profile::unlock(profile.path(), kPassphrase)), "Corrupt"_L1);
}

void TestBadFiles::missingSaltFile() {
    FilledProfile profile;
    const QByteArray before = sha256Of(profile.db());
    QVERIFY(QFile::remove(profile.profile->saltPath()));
    auto unlocked = Profile::unlock(profile.path(), kPassphrase);
    QCOMPARE(errorOf(unlocked), "MissingSaltFile"_L1);
    QVERIFY(unlocked.error().message.contains(u"profile.salt"_s));
    QCOMPARE(sha256Of(profile.db()), before);
    // Creating over it is refused too: the database is still there.
    QCOMPARE(
        errorOf(Profile::create(profile.path(), kPassphrase, crypto::PasswordHashCost::Minimum)),
        "AlreadyExists"_L1);
}

void TestBadFiles::damagedSaltFile() {
    FilledProfile profile;
    overwrite(profile.profile->saltPath(), 0, "NOTSALT!");
    QCOMPARE(errorOf(Profile::unlock(profile.path(), kPassphrase)), "Corrupt"_L1);
    QVERIFY(QFile::resize(profile.profile->saltPath(), 10));
    QCOMPARE(errorOf(Profile::unlock(profile.path(), kPassphrase)), "Corrupt"_L1);
}

void TestBadFiles::saltOfAnotherProfile() {
    FilledProfile first;
    TempProfile second;
    second.store.reset();
    QVERIFY(QFile::remove(first.profile->saltPath()));
    QVERIFY(QFile::copy(second.profile->saltPath(), first.profile->saltPath()));
    QCOMPARE(errorOf(Profile::unlock(first.path(), kPassphrase)), "Corrupt"_L1);
}

QTEST_GUILESS_MAIN(TestBadFiles)
#include "tst_bad_files.moc"
