// SPDX-License-Identifier: GPL-3.0-or-later
// Transcript and account exports over a real SQLCipher profile: every event in order, date
// ranges, edits, deletions, reactions, undecryptable messages, cancellation, progress, HTML
// escaping, and no secret in the account archive.
#include "crypto/dh_key.h"
#include "crypto/signing_key.h"
#include "sync/engine/account_export.h"
#include "sync/engine/transcript_export.h"
#include "tests/store/store_test_support.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
using engine::ExportErrorCode;

namespace {

constexpr qint64 kBase = 1'700'000'000'000; // ts of seq 0 in the helpers
constexpr qint64 kExportedTs = 1'800'000'000'000;

//! A message this device (me, device 1: TempProfile's account) sent.
IncomingEvent ownMessage(quint64 seq, const QString &text) {
    IncomingEvent event = message(seq, kMe, text);
    event.sender = DeviceAddress{kMe, DeviceId{1}};
    return event;
}

IncomingEvent undecrypted(quint64 seq, DecryptionState state) {
    IncomingEvent event = message(seq, kBob, {});
    event.decryption = state;
    event.content = {};
    event.ciphertext = "ciphertext"_ba;
    if (state == DecryptionState::Pending)
        event.sessionId = crypto::SessionId::generate();
    return event;
}

//! Book club: created by me, bob added, messages (one edited, one deleted, one with reactions,
//! one with markup, one own, two undecryptable).
void fill(Store &store) {
    if (!store.conversations().upsert(
            {kConv, ConversationKind::Group, u"Book club"_s, Role::Owner, 0, 1, std::nullopt}))
        qFatal("cannot store the conversation");
    QList<IncomingEvent> events;
    events.push_back(membership(1, MembershipAction::Create, kMe, Role::Owner));
    events.push_back(membership(2, MembershipAction::Add, kBob, Role::Member));
    IncomingEvent hello = message(3, kAlice, u"hello\nsecond line"_s);
    events.push_back(hello);
    events.push_back(message(4, kBob, u"<script>alert('x')</script> & more"_s));
    IncomingEvent doomed = message(5, kBob, u"to be deleted"_s);
    events.push_back(doomed);
    events.push_back(ownMessage(6, u"mine"_s));
    events.push_back(undecrypted(7, DecryptionState::Pending));
    events.push_back(undecrypted(8, DecryptionState::Failed));
    events.push_back(relation(9, kAlice, Relation::Edit, EventRef::byCmid(kAlice, *hello.cmid),
                              u"hello, edited"_s));
    events.push_back(relation(10, kBob, Relation::Delete, EventRef::byCmid(kBob, *doomed.cmid)));
    events.push_back(
        relation(11, kBob, Relation::React, EventRef::byCmid(kAlice, *hello.cmid), u"👍"_s));
    events.push_back(
        relation(12, kMe, Relation::React, EventRef::byCmid(kAlice, *hello.cmid), u"👍"_s));
    if (!store.events().insertAll(events))
        qFatal("cannot store the events");
}

struct Exported {
    engine::ExportStatus status;
    QByteArray bytes;
};

Exported exportTo(Store &store, const engine::TranscriptOptions &options,
                  const engine::ExportControl &control = {}) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    engine::ExportStatus status = engine::exportTranscript(store, kConv, options, buffer, control);
    return {status, buffer.data()};
}

engine::TranscriptOptions jsonOptions(engine::TimeRange range = {}) {
    engine::TranscriptOptions options;
    options.range = range;
    options.exportedTs = kExportedTs;
    options.timeZone = QTimeZone::utc();
    return options;
}

QJsonObject parsed(const QByteArray &bytes) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

QList<qint64> seqsIn(const QJsonObject &json) {
    QList<qint64> seqs;
    for (const QJsonValue &event : json.value(u"events"_s).toArray())
        seqs.append(event.toObject().value(u"seq"_s).toInteger());
    return seqs;
}

QJsonObject eventAt(const QJsonObject &json, qint64 seq) {
    for (const QJsonValue &event : json.value(u"events"_s).toArray()) {
        if (event.toObject().value(u"seq"_s).toInteger() == seq)
            return event.toObject();
    }
    return {};
}

} // namespace

class TestTranscriptExport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonHasEveryEventInOrder();
    void jsonMarksSignatures();
    void dateRangeIsInclusive();
    void progressReachesTheTotal();
    void cancelRemovesThePartialFile();
    void unknownConversation();
    void htmlEscapesAndShowsEachMessage();
    void accountArchive();
};

void TestTranscriptExport::jsonHasEveryEventInOrder() {
    TempProfile temp;
    fill(*temp.store);
    const Exported out = exportTo(*temp.store, jsonOptions());
    QVERIFY2(out.status.ok(), qPrintable(out.status.ok() ? QString() : out.status.error().message));
    const QJsonObject json = parsed(out.bytes);
    QCOMPARE(json.value(u"conv"_s).toInteger(), qint64(kConv.value));
    QCOMPARE(json.value(u"title"_s).toString(), u"Book club"_s);
    QCOMPARE(json.value(u"kind"_s).toString(), u"group"_s);
    QCOMPARE(json.value(u"schema_version"_s).toInt(), 2);
    QCOMPARE(json.value(u"exported_ts"_s).toInteger(), kExportedTs);
    QCOMPARE(json.value(u"exported_by"_s).toString(), u"me"_s);
    QVERIFY(!json.contains(u"from_ts"_s));
    QCOMPARE(seqsIn(json), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8})); // relations are applied

    const QJsonObject created = eventAt(json, 1);
    QCOMPARE(created.value(u"kind"_s).toString(), u"membership"_s);
    QCOMPARE(created.value(u"action"_s).toString(), u"create"_s);
    QCOMPARE(created.value(u"trust"_s).toString(), u"signed"_s);
    QVERIFY(!created.contains(u"signature"_s));

    const QJsonObject hello = eventAt(json, 3);
    QCOMPARE(hello.value(u"text"_s).toString(), u"hello, edited"_s);
    QCOMPARE(hello.value(u"edited_ts"_s).toInteger(), kBase + 9000);
    QCOMPARE(hello.value(u"ts"_s).toInteger(), kBase + 3000);
    QCOMPARE(hello.value(u"sender"_s).toString(), u"alice"_s);
    QCOMPARE(hello.value(u"cmid"_s).toString().size(), 32);
    const QJsonArray reactions = hello.value(u"reactions"_s).toArray();
    QCOMPARE(reactions.size(), 1);
    QCOMPARE(reactions[0].toObject().value(u"emoji"_s).toString(), u"👍"_s);
    QCOMPARE(reactions[0].toObject().value(u"users"_s).toArray(), (QJsonArray{u"bob"_s, u"me"_s}));

    const QJsonObject deleted = eventAt(json, 5);
    QVERIFY(deleted.value(u"deleted"_s).toBool());
    QVERIFY(deleted.value(u"text"_s).toString().isEmpty());
    QCOMPARE(eventAt(json, 4).value(u"text"_s).toString(), u"<script>alert('x')</script> & more"_s);
}

void TestTranscriptExport::jsonMarksSignatures() {
    TempProfile temp;
    fill(*temp.store);
    const QJsonObject json = parsed(exportTo(*temp.store, jsonOptions()).bytes);
    QCOMPARE(eventAt(json, 3).value(u"signature"_s).toString(), u"verified"_s);
    QCOMPARE(eventAt(json, 6).value(u"signature"_s).toString(), u"this_device"_s);
    const QJsonObject pending = eventAt(json, 7);
    QCOMPARE(pending.value(u"signature"_s).toString(), u"unverified"_s);
    QCOMPARE(pending.value(u"undecrypted"_s).toString(), u"waiting for key"_s);
    QVERIFY(!pending.contains(u"text"_s));
    const QJsonObject failed = eventAt(json, 8);
    QCOMPARE(failed.value(u"signature"_s).toString(), u"unverified"_s);
    QCOMPARE(failed.value(u"undecrypted"_s).toString(), u"cannot decrypt"_s);
}

void TestTranscriptExport::dateRangeIsInclusive() {
    TempProfile temp;
    fill(*temp.store);
    const QJsonObject json =
        parsed(exportTo(*temp.store, jsonOptions({kBase + 3000, kBase + 6000})).bytes);
    QCOMPARE(seqsIn(json), (QList<qint64>{3, 4, 5, 6}));
    QCOMPARE(json.value(u"from_ts"_s).toInteger(), kBase + 3000);
    QCOMPARE(json.value(u"to_ts"_s).toInteger(), kBase + 6000);
    QCOMPARE(seqsIn(parsed(exportTo(*temp.store, jsonOptions({kBase + 7000, {}})).bytes)),
             (QList<qint64>{7, 8}));
    QCOMPARE(seqsIn(parsed(exportTo(*temp.store, jsonOptions({{}, kBase + 1999})).bytes)),
             (QList<qint64>{1}));
    const Exported none = exportTo(*temp.store, jsonOptions({kBase + 100'000, {}}));
    QVERIFY(none.status.ok());
    QCOMPARE(seqsIn(parsed(none.bytes)), QList<qint64>());

    // Whole days in a time zone.
    const QDate day = QDateTime::fromMSecsSinceEpoch(kBase, QTimeZone::utc()).date();
    const engine::TimeRange days = engine::dayRange(day, day, QTimeZone::utc());
    QCOMPARE(*days.fromTs, QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(*days.toTs, *days.fromTs + 86'400'000 - 1);
    QVERIFY(!engine::dayRange(QDate(), day, QTimeZone::utc()).fromTs);
}

void TestTranscriptExport::progressReachesTheTotal() {
    TempProfile temp;
    fill(*temp.store);
    QList<IncomingEvent> more;
    for (quint64 seq = 13; seq <= 250; ++seq)
        more.push_back(message(seq, kAlice, u"m%1"_s.arg(seq)));
    STORE_OK(temp.store->events().insertAll(more));
    QList<std::pair<qint64, qint64>> reports;
    engine::ExportControl control;
    control.pageSize = 50;
    control.progress = [&reports](qint64 written, qint64 total) {
        reports.append({written, total});
    };
    const Exported out = exportTo(*temp.store, jsonOptions(), control);
    QVERIFY(out.status.ok());
    QCOMPARE(seqsIn(parsed(out.bytes)).size(), 246);
    QVERIFY(reports.size() >= 5);
    QCOMPARE(reports.front().second, 246);
    QCOMPARE(reports.back(), (std::pair<qint64, qint64>{246, 246}));
    for (qsizetype i = 1; i < reports.size(); ++i)
        QVERIFY(reports[i].first >= reports[i - 1].first);
}

void TestTranscriptExport::cancelRemovesThePartialFile() {
    TempProfile temp;
    fill(*temp.store);
    QList<IncomingEvent> more;
    for (quint64 seq = 13; seq <= 1000; ++seq)
        more.push_back(message(seq, kAlice, u"m%1"_s.arg(seq)));
    STORE_OK(temp.store->events().insertAll(more));
    std::atomic<bool> cancel = false;
    qint64 lastWritten = 0;
    engine::ExportControl control;
    control.pageSize = 100;
    control.cancel = &cancel;
    control.progress = [&](qint64 written, qint64) {
        lastWritten = written;
        if (written >= 200)
            cancel = true; // midway
    };
    const QString path = temp.dir.filePath(u"out.html"_s);
    engine::TranscriptOptions options = jsonOptions();
    options.format = engine::TranscriptFormat::Html;
    auto status = engine::writeExportFile(path, [&](QIODevice &out) {
        return engine::exportTranscript(*temp.store, kConv, options, out, control);
    });
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ExportErrorCode::Cancelled);
    QVERIFY(lastWritten >= 200 && lastWritten < 996);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(temp.dir.path()).entryList(QDir::Files), QStringList()); // no temporary left

    // An existing file stays as it was; a complete export replaces it.
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    cancel = false;
    status = engine::writeExportFile(path, [&](QIODevice &out) {
        return engine::exportTranscript(*temp.store, kConv, options, out, control);
    });
    QVERIFY(!status.ok());
    QCOMPARE(sha256Of(path), QCryptographicHash::hash("old", QCryptographicHash::Sha256));
    control.progress = {};
    cancel = false;
    status = engine::writeExportFile(path, [&](QIODevice &out) {
        return engine::exportTranscript(*temp.store, kConv, options, out, control);
    });
    QVERIFY(status.ok());
    QFile done(path);
    QVERIFY(done.open(QIODevice::ReadOnly));
    QVERIFY(done.readAll().endsWith("</html>\n"));
}

void TestTranscriptExport::unknownConversation() {
    TempProfile temp;
    fill(*temp.store);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto status = engine::exportTranscript(*temp.store, ConversationId{999}, jsonOptions(), buffer);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ExportErrorCode::NotFound);
    QVERIFY(buffer.data().isEmpty());
}

void TestTranscriptExport::htmlEscapesAndShowsEachMessage() {
    TempProfile temp;
    fill(*temp.store);
    engine::TranscriptOptions options = jsonOptions({kBase, {}});
    options.format = engine::TranscriptFormat::Html;
    const Exported out = exportTo(*temp.store, options);
    QVERIFY(out.status.ok());
    const QString html = QString::fromUtf8(out.bytes);
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(!html.contains(u"<script"_s)); // no scripts, and the message's markup is text
    QVERIFY(html.contains(u"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"_s) ||
            html.contains(u"&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"_s));
    QVERIFY(html.contains(u"hello, edited"_s));
    QVERIFY(html.contains(u"hello, edited</p>"_s) || html.contains(u"hello, edited"_s));
    QVERIFY(html.contains(u"mine"_s));
    QVERIFY(html.contains(u"Message deleted"_s));
    QVERIFY(!html.contains(u"to be deleted"_s));
    QVERIFY(html.contains(u"(edited)"_s));
    QVERIFY(html.contains(u"waiting for its key"_s));
    QVERIFY(html.contains(u"⚠"_s));
    QVERIFY(html.contains(u"✓"_s));
    QVERIFY(html.contains(u"me created the conversation"_s));
    QVERIFY(html.contains(u"👍 <span class=\"who\">bob, me</span>"_s));
    QVERIFY(html.contains(u"<h1>Book club</h1>"_s));
    QVERIFY(html.contains(u"prefers-color-scheme: dark"_s));
    QVERIFY(!html.contains(u"http://"_s) && !html.contains(u"https://"_s)); // nothing external
    QVERIFY(html.contains(u"class=\"day\""_s));
    QCOMPARE(html.count(u"<article"_s), 6);
    QVERIFY(html.contains(u"6 messages"_s));
    QVERIFY(html.trimmed().endsWith(u"</html>"_s));
}

void TestTranscriptExport::accountArchive() {
    TempProfile temp;
    fill(*temp.store);
    STORE_OK(temp.store->account().setSetting(u"read_receipts"_s, "0"));
    const crypto::DeviceKeys keys{DeviceId{1},
                                  crypto::publicKeyOf(crypto::SigningKeyPair::generate()),
                                  crypto::publicKeyOf(crypto::DhKeyPair::generate())};
    STORE_OK(temp.store->contacts().addDevice(kMe, keys, 5));
    STORE_OK(temp.store->conversations().upsert(
        {ConversationId{8}, ConversationKind::Dm, u"alice"_s, Role::Member, 0, 1, std::nullopt}));
    STORE_OK(temp.store->events().insert(message(1, kAlice, u"dm text"_s, ConversationId{8})));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QList<qint64> written;
    engine::ExportControl control;
    control.progress = [&written](qint64 done, qint64) { written.append(done); };
    auto status = engine::exportAccount(*temp.store, buffer, control, kExportedTs);
    QVERIFY(status.ok());
    const QJsonObject json = parsed(buffer.data());
    QCOMPARE(json.value(u"format"_s).toString(), u"hearth-account"_s);
    QCOMPARE(json.value(u"schema_version"_s).toInt(), 2);
    QCOMPARE(json.value(u"account"_s).toObject().value(u"user"_s).toString(), u"me"_s);
    QCOMPARE(json.value(u"account"_s).toObject().value(u"device"_s).toInt(), 1);
    QCOMPARE(json.value(u"settings"_s).toObject().value(u"read_receipts"_s).toBool(), false);
    const QJsonArray devices = json.value(u"devices"_s).toArray();
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices[0].toObject().value(u"this_device"_s).toBool(), true);
    QCOMPARE(devices[0].toObject().value(u"signing_key"_s).toString(),
             QString::fromLatin1(keys.signingKey.bytes().toHex()));
    QCOMPARE(devices[0].toObject().value(u"trust"_s).toString(), u"unverified"_s);
    const QJsonArray conversations = json.value(u"conversations"_s).toArray();
    QCOMPARE(conversations.size(), 2);
    QList<qint64> ids;
    for (const QJsonValue &conversation : conversations) {
        const QJsonObject object = conversation.toObject();
        ids.append(object.value(u"conv"_s).toInteger());
        if (object.value(u"conv"_s).toInteger() == qint64(kConv.value)) {
            QCOMPARE(seqsIn(object), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
            QCOMPARE(object.value(u"role"_s).toString(), u"owner"_s);
            QCOMPARE(eventAt(object, 3).value(u"text"_s).toString(), u"hello, edited"_s);
        } else {
            QCOMPARE(object.value(u"kind"_s).toString(), u"dm"_s);
            QCOMPARE(eventAt(object, 1).value(u"text"_s).toString(), u"dm text"_s);
        }
    }
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<qint64>{7, 8}));
    QCOMPARE(written.last(), 9);

    // No secret key in any encoding.
    const AccountSecrets secrets = valueOf(temp.store->account().secrets());
    for (const crypto::SecretBytes *secret : {&secrets.deviceSigningKey, &secrets.deviceDhKey}) {
        const QByteArray bytes(reinterpret_cast<const char *>(secret->data()),
                               qsizetype(secret->size()));
        QVERIFY(!buffer.data().contains(bytes.toHex()));
        QVERIFY(!buffer.data().contains(bytes.toBase64()));
    }
}

QTEST_GUILESS_MAIN(TestTranscriptExport)
#include "tst_transcript_export.moc"
