// SPDX-License-Identifier: GPL-3.0-or-later
// TranscriptExportController over a real temporary profile: an export on its worker thread
// writes the file and reaches progress 1; a cancelled one leaves no file; bad requests say why.
#include "app/transcript_export_controller.h"
#include "tests/store/store_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
using app::TranscriptExportController;

namespace {

void fill(Store &store, quint64 messages) {
    if (!store.conversations().upsert(
            {kConv, ConversationKind::Group, u"Crew"_s, Role::Owner, 0, 1, std::nullopt}))
        qFatal("cannot store the conversation");
    QList<IncomingEvent> events;
    for (quint64 seq = 1; seq <= messages; ++seq)
        events.push_back(message(seq, seq % 2 ? kAlice : kBob, u"message %1"_s.arg(seq)));
    if (!store.events().insertAll(events))
        qFatal("cannot store the events");
}

} // namespace

class TestAppTranscriptExport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportsOnItsThread();
    void cancelLeavesNoFile();
    void refusesBadRequests();
};

void TestAppTranscriptExport::exportsOnItsThread() {
    TempProfile temp;
    fill(*temp.store, 1200);
    TranscriptExportController controller([&temp] { return temp.profile; });
    QSignalSpy finished(&controller, &TranscriptExportController::finished);
    QSignalSpy progressed(&controller, &TranscriptExportController::progressChanged);
    const QString path = temp.dir.filePath(u"crew.json"_s);
    controller.exportConversation(int(kConv.value), QUrl::fromLocalFile(path), u"json"_s, {},
                                  u""_s);
    QVERIFY(controller.running());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!controller.running());
    QCOMPARE(controller.progress(), 1.0);
    QVERIFY(progressed.size() >= 2);
    QCOMPARE(controller.lastFile(), path);
    QVERIFY(controller.errorText().isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(json.value(u"events"_s).toArray().size(), 1200);

    // A date range as the dialog sends it, and the account archive.
    const QString html = temp.dir.filePath(u"crew.html"_s);
    const QDate day = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000).date();
    controller.exportConversation(int(kConv.value), QUrl::fromLocalFile(html), u"html"_s,
                                  day.toString(Qt::ISODate), QVariant::fromValue(day));
    QVERIFY(finished.wait(20000));
    QCOMPARE(controller.lastFile(), html);
    QVERIFY(QFile::exists(html));
    const QString account = temp.dir.filePath(u"account.json"_s);
    controller.exportAccount(QUrl::fromLocalFile(account));
    QVERIFY(finished.wait(20000));
    QCOMPARE(controller.lastFile(), account);
}

void TestAppTranscriptExport::cancelLeavesNoFile() {
    TempProfile temp;
    fill(*temp.store, 20000);
    TranscriptExportController controller([&temp] { return temp.profile; });
    QSignalSpy finished(&controller, &TranscriptExportController::finished);
    const QString path = temp.dir.filePath(u"crew.html"_s);
    controller.exportConversation(int(kConv.value), QUrl::fromLocalFile(path), u"html"_s, {}, {});
    controller.cancel();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(controller.errorText().isEmpty()); // cancelling is not a failure
    QVERIFY(controller.lastFile().isEmpty());
    QCOMPARE(controller.progress(), 0.0);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(temp.dir.path()).entryList({u"crew*"_s}, QDir::Files), QStringList());

    // Destroying the controller mid-export cancels and joins it.
    auto early = std::make_unique<TranscriptExportController>([&temp] { return temp.profile; });
    early->exportAccount(QUrl::fromLocalFile(temp.dir.filePath(u"account.json"_s)));
    early.reset();
    QVERIFY(!QFile::exists(temp.dir.filePath(u"account.json"_s)));
}

void TestAppTranscriptExport::refusesBadRequests() {
    TempProfile temp;
    fill(*temp.store, 3);
    TranscriptExportController controller([&temp] { return temp.profile; });
    const QUrl file = QUrl::fromLocalFile(temp.dir.filePath(u"x.json"_s));
    controller.exportConversation(int(kConv.value), file, u"pdf"_s, {}, {});
    QCOMPARE(controller.errorText(), u"Choose HTML or JSON."_s);
    controller.exportConversation(int(kConv.value), file, u"json"_s, u"yesterday"_s, {});
    QCOMPARE(controller.errorText(), u"Write dates as YYYY-MM-DD."_s);
    controller.exportConversation(int(kConv.value), file, u"json"_s, u"2025-02-01"_s,
                                  u"2025-01-01"_s);
    QCOMPARE(controller.errorText(), u"The start date is after the end date."_s);
    controller.exportConversation(int(kConv.value), QUrl(u"https://example.org/x"_s), u"json"_s, {},
                                  {});
    QCOMPARE(controller.errorText(), u"Choose a file on this computer."_s);
    QVERIFY(!controller.running());

    QSignalSpy finished(&controller, &TranscriptExportController::finished);
    controller.exportConversation(99, file, u"json"_s, {}, {});
    QVERIFY(finished.wait(20000));
    QCOMPARE(controller.errorText(), u"That conversation is not in this profile any more."_s);
    QVERIFY(!QFile::exists(file.toLocalFile()));

    TranscriptExportController locked([] { return std::optional<Profile>(); });
    locked.exportAccount(file);
    QCOMPARE(locked.errorText(), u"Unlock your profile first."_s);
}

QTEST_GUILESS_MAIN(TestAppTranscriptExport)
#include "tst_app_transcript_export.moc"
