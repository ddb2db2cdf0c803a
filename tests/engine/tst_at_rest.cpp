// SPDX-License-Identifier: GPL-3.0-or-later
// No plaintext at rest: a unique marker sent in a message appears neither in the relay's data
// dir nor in either client's profile files (database, WAL, salt), and a profile does not open
// with a wrong passphrase.
#include "crypto/sodium.h"
#include "tests/engine/engine_harness.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {
//! Files under `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle) {
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(file.fileName());
    }
    return hits;
}
} // namespace

class TstAtRest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noPlaintextAtRest() {
        RelayProcess relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(relay.wsUrl(), u"alice"_s), QString());
        QCOMPARE(bob.registerAccount(relay.wsUrl(), u"bob"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob"_s});
        QVERIFY(dm);
        const QByteArray marker = "marker-" + crypto::randomBytes(12).toHex();
        QVERIFY(alice->sendText(*dm, QString::fromLatin1(marker)));
        QVERIFY(QTest::qWaitFor(
            [&] { return bob.texts(*dm) == QStringList{QString::fromLatin1(marker)}; },
            kEngineWaitMs));
        // The search index has it (so it is stored, decrypted, inside the encrypted file) ...
        store::SearchQuery query;
        query.text = QString::fromLatin1(marker);
        auto hits = bob->store().search().search(query);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 1);
        // ... and no file on disk shows it, with the profiles still open (WAL included).
        QCOMPARE(filesContaining(relay.dataDir(), marker), QStringList());
        QCOMPARE(filesContaining(alice.directory(), marker), QStringList());
        QCOMPARE(filesContaining(bob.directory(), marker), QStringList());
        // Control: the scan finds the marker where it is in the clear.
        QTemporaryDir control;
        QFile plain(control.filePath(u"plain.txt"_s));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("xx" + marker + "yy");
        plain.close();
        QCOMPARE(filesContaining(control.path(), marker).size(), 1);
        bob.close();
        QCOMPARE(filesContaining(bob.directory(), marker), QStringList());
        auto wrong = store::Profile::unlock(bob.directory(), "not the passphrase");
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, store::StoreError::WrongPassphrase);
        QVERIFY(bool(store::Profile::unlock(bob.directory(), kTestPassphrase)));
    }
};

QTEST_GUILESS_MAIN(TstAtRest)
#include "tst_at_rest.moc"
