// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing readable on disk: a marker string written through every path that stores text is in
// none of the profile's files — database, WAL, shared memory — during and after writes.
#include "store_test_support.h"

#include <QDirIterator>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

const QString kMarker = u"PLAINTEXTMARKER7f3a9c"_s;

//! Files in `dir` (recursively) whose bytes contain `needle` (as UTF-8 or UTF-16).
QStringList filesContaining(const QString &dir, const QString &needle) {
    QStringList hits;
    const QByteArray utf8 = needle.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2);
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.contains(utf8) || bytes.contains(utf16))
            hits.push_back(file.fileName());
    }
    return hits;
}

SearchQuery withLimit(SearchQuery query, int limit) {
    query.limit = limit;
    return query;
}

} // namespace

class TestPlaintext final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void markerIsNowhereOnDisk();
};

void TestPlaintext::markerIsNowhereOnDisk() {
    TempProfile temp;
    Store &store = *temp.store;
    // Messages, an edit, a reaction, an outbox item, a draft, a setting, a title, a device list.
    for (quint64 seq = 1; seq <= 200; ++seq)
        STORE_OK(store.events().insert(message(seq, kAlice, kMarker + u" number %1"_s.arg(seq))));
    STORE_OK(store.events().insert(
        relation(201, kAlice, Relation::Edit, EventRef::bySeq(1), u"edited "_s + kMarker)));
    STORE_OK(store.outbox().enqueue(kConv, ClientMessageId::generate(), kMarker.toUtf8(), 1));
    STORE_OK(store.conversations().setDraft(kConv, kMarker));
    STORE_OK(store.account().setSetting(kMarker, kMarker.toUtf8()));
    ConversationInfo info{ConversationId{8}, ConversationKind::Group, kMarker, Role::Owner, 1, 1,
                          std::nullopt};
    STORE_OK(store.conversations().upsert(info));
    // Search makes FTS write its segments too.
    STORE_OK(store.search().search(SearchQuery(kMarker)));

    // While open: the WAL holds the recent pages.
    QVERIFY(QFile::exists(temp.profile->databasePath() + u"-wal"_s));
    QVERIFY(QFileInfo(temp.profile->databasePath() + u"-wal"_s).size() > 0);
    QCOMPARE(filesContaining(temp.path(), kMarker), QStringList());

    // After a checkpoint and close: all in profile.db.
    temp.store.reset();
    QCOMPARE(filesContaining(temp.path(), kMarker), QStringList());
    // The check itself works: it finds the marker in a plain file, and in the decrypted store.
    QFile plain(temp.path() + u"/plain.txt"_s);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write(kMarker.toUtf8());
    plain.close();
    QCOMPARE(filesContaining(temp.path(), kMarker), QStringList{plain.fileName()});
    QVERIFY(plain.remove());
    temp.reopen();
    auto hits = valueOf(temp.store->search().search(withLimit(SearchQuery(kMarker), 500)));
    QCOMPARE(hits.size(), 200);
}

QTEST_GUILESS_MAIN(TestPlaintext)
#include "tst_plaintext.moc"
