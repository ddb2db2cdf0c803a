// SPDX-License-Identifier: GPL-3.0-or-later
// Reconciler over a scripted link: each page is stored together with its cursor, a page the
// relay fails (or the connection loses) leaves the cursor where it was and is asked for again,
// `event` pushes that arrive during a sync are caught by one more sync instead of stored out
// of order, and run() goes convs → sync → inbox → caughtUp. The events are real group
// messages, encrypted by this device's own KeySharing (its own session decrypts them).
#include "sync/engine/device_directory.h"
#include "sync/engine/event_processor.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/payload_codec.h"
#include "sync/engine/reconciler.h"
#include "sync/protocol/protocol.h"
#include "tests/engine/unit_fixture.h"

#include <QCborArray>
#include <QSignalSpy>

using namespace hearth;
using namespace hearth::test;
using namespace hearth::store::test;

namespace {

struct Rig : UnitFixture {
    Rig() {
        routePushes(protocol::type::kEvent, &reconciler,
                    [this](const protocol::Frame &frame) { reconciler.onEventPush(frame); });
        // why: the session is started before the tests so they see only catch-up's requests
        // (KeySharing looks up this account's devices first; the relay lists none).
        link.goOnline();
        keys.prepare(kConv, [](const auto &) {});
        link.reply(0, QCborMap{{u"devices"_s, QCborArray{}}});
        link.clear();
    }

    //! A message event at `seq` as the relay sends it, encrypted with this device's session.
    QCborMap event(quint64 seq) {
        const auto cmid = store::ClientMessageId::generate();
        store::MessageContent content;
        content.contentType = u"text"_s;
        content.text = u"message %1"_s.arg(seq);
        auto body = keys.encrypt(kConv, *engine::encodePayload(cmid, content));
        if (!body)
            qFatal("cannot encrypt: %s", qPrintable(body.error().message));
        QCborMap map;
        map.insert("conv"_L1, qint64(kConv.value));
        map.insert("seq"_L1, qint64(seq));
        map.insert("ts"_L1, qint64(1'700'000'000'000 + seq));
        map.insert("sender"_L1, kMe.name);
        map.insert("device"_L1, qint64(context.identity.device.value));
        map.insert("kind"_L1, protocol::event_kind::kMessage);
        map.insert("cmid"_L1, cmid.bytes());
        map.insert("body"_L1, body.value());
        return map;
    }
    //! A `sync` reply holding events `first`..`last`.
    QCborMap page(quint64 first, quint64 last, bool more) {
        QCborArray events;
        for (quint64 seq = first; seq <= last; ++seq)
            events.append(event(seq));
        return QCborMap{{u"events"_s, events}, {u"more"_s, more}};
    }
    [[nodiscard]] qint64 afterOf(qsizetype index) const {
        return link.sent().at(index).fields.value("after"_L1).toInteger();
    }
    [[nodiscard]] quint64 cursor() { return valueOf(temp.store->conversations().cursor(kConv)); }
    [[nodiscard]] QStringList texts() {
        QStringList texts;
        for (const store::TimelineEvent &event : valueOf(temp.store->timeline().latest(kConv, 50)))
            texts.append(event.text);
        return texts;
    }
    //! Starts syncing kConv; `result` is set when it ends ("ok" or the error message).
    void sync(std::optional<QString> &result) {
        reconciler.syncConversation(kConv,
                                    [&result](const std::optional<engine::EngineError> &error) {
                                        result = error ? error->message : u"ok"_s;
                                    });
    }

    engine::DeviceDirectory directory{context};
    engine::KeySharing keys{context, temp.store->sessions(), directory};
    engine::EventProcessor processor{context, directory, keys};
    engine::Reconciler reconciler{context, processor, keys};
};

QStringList messages(quint64 first, quint64 last) {
    QStringList texts;
    for (quint64 seq = first; seq <= last; ++seq)
        texts.append(u"message %1"_s.arg(seq));
    return texts;
}

} // namespace

class TestReconcilerUnit final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pagesAreStoredWithTheirCursor();
    void failedPageIsAskedForAgain();
    void pushDuringSyncIsCaughtByAnotherSync();
    void pushesInOrderAreStoredDirectly();
    void runGoesConvsSyncInbox();
};

void TestReconcilerUnit::pagesAreStoredWithTheirCursor() {
    Rig rig;
    std::optional<QString> result;
    rig.sync(result);
    QCOMPARE(rig.link.sentTypes(), QStringList{u"sync"_s});
    QCOMPARE(rig.afterOf(0), 0);

    rig.link.reply(0, rig.page(1, 2, true));
    // The next page was asked for (after the last seq) before this one was stored.
    QCOMPARE(rig.link.sentTypes(), (QStringList{u"sync"_s, u"sync"_s}));
    QCOMPARE(rig.afterOf(1), 2);
    QCOMPARE(rig.cursor(), 2u);
    QCOMPARE(rig.texts(), messages(1, 2));
    QVERIFY(!result);

    rig.link.reply(1, rig.page(3, 3, false));
    QCOMPARE(rig.cursor(), 3u);
    QCOMPARE(rig.texts(), messages(1, 3));
    QCOMPARE(result, std::optional(u"ok"_s));
    QCOMPARE(rig.link.sent().size(), 2); // done: nothing more asked
}

void TestReconcilerUnit::failedPageIsAskedForAgain() {
    Rig rig;
    std::optional<QString> result;
    rig.sync(result);
    rig.link.reply(0, rig.page(1, 2, true));
    rig.link.fail(1, protocol::ErrorCode::Internal, u"disk trouble"_s);
    QVERIFY(result && *result != u"ok"_s);
    QCOMPARE(rig.cursor(), 2u); // the stored page stays, the failed one moved nothing
    QCOMPARE(rig.texts(), messages(1, 2));

    result.reset();
    rig.sync(result);
    QCOMPARE(rig.link.sent().size(), 3);
    QCOMPARE(rig.afterOf(2), 2); // from the cursor: the failed page again
    rig.link.goOffline();        // and this time the connection drops
    QVERIFY(result && *result != u"ok"_s);
    QCOMPARE(rig.cursor(), 2u);

    result.reset();
    rig.link.goOnline();
    rig.sync(result);
    QCOMPARE(rig.afterOf(3), 2);
    rig.link.reply(3, rig.page(3, 4, false));
    QCOMPARE(result, std::optional(u"ok"_s));
    QCOMPARE(rig.cursor(), 4u);
    QCOMPARE(rig.texts(), messages(1, 4)); // each once
}

void TestReconcilerUnit::pushDuringSyncIsCaughtByAnotherSync() {
    Rig rig;
    std::optional<QString> result;
    rig.sync(result);
    const QCborMap page = rig.page(1, 2, false);
    // Event 3 is pushed while page 1–2 is on its way: not stored ahead of it.
    rig.link.push(protocol::type::kEvent, QCborMap{{u"event"_s, rig.event(3)}});
    QCOMPARE(rig.cursor(), 0u);
    QVERIFY(rig.texts().isEmpty());
    QCOMPARE(rig.link.sent().size(), 1);

    rig.link.reply(0, page);
    QCOMPARE(rig.cursor(), 2u);
    QVERIFY(!result); // one more round for what was pushed meanwhile
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.afterOf(1), 2);
    rig.link.reply(1, rig.page(3, 3, false));
    QCOMPARE(result, std::optional(u"ok"_s));
    QCOMPARE(rig.cursor(), 3u);
    QCOMPARE(rig.texts(), messages(1, 3));
}

void TestReconcilerUnit::pushesInOrderAreStoredDirectly() {
    Rig rig;
    QSignalSpy changed(&rig.processor, &engine::EventProcessor::eventsChanged);
    const QCborMap first = rig.event(1);
    rig.link.push(protocol::type::kEvent, QCborMap{{u"event"_s, first}});
    rig.link.push(protocol::type::kEvent, QCborMap{{u"event"_s, rig.event(2)}});
    QVERIFY(rig.link.sent().isEmpty()); // each followed the cursor: no sync needed
    QCOMPARE(rig.cursor(), 2u);
    QCOMPARE(rig.texts(), messages(1, 2));
    QCOMPARE(changed.size(), 2);

    rig.link.push(protocol::type::kEvent, QCborMap{{u"event"_s, first}}); // a repeat
    QVERIFY(rig.link.sent().isEmpty());
    QCOMPARE(rig.texts(), messages(1, 2));
    // A gap (4 after 2): a sync fetches what is missing.
    rig.link.push(protocol::type::kEvent, QCborMap{{u"event"_s, rig.event(4)}});
    QCOMPARE(rig.link.sentTypes(), QStringList{u"sync"_s});
    QCOMPARE(rig.afterOf(0), 2);
}

void TestReconcilerUnit::runGoesConvsSyncInbox() {
    Rig rig;
    QSignalSpy caughtUp(&rig.reconciler, &engine::Reconciler::caughtUp);
    QSignalSpy markers(&rig.reconciler, &engine::Reconciler::readMarkerSeen);
    rig.reconciler.run();
    QCOMPARE(rig.link.sentTypes(), QStringList{u"convs"_s});
    QCborMap conv{{u"conv"_s, qint64(kConv.value)},
                  {u"kind"_s, u"group"_s},
                  {u"title"_s, u"unit"_s},
                  {u"role"_s, u"owner"_s},
                  {u"last_seq"_s, 2},
                  {u"joined_seq"_s, 0},
                  {u"read_seq"_s, 1}};
    rig.link.reply(0, QCborMap{{u"convs"_s, QCborArray{conv}}});
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers.at(0).at(1).toULongLong(), 1u);
    QCOMPARE(rig.link.sentTypes(), (QStringList{u"convs"_s, u"sync"_s})); // behind: 0 < 2
    rig.link.reply(1, rig.page(1, 2, false));
    QCOMPARE(rig.link.sentTypes(), (QStringList{u"convs"_s, u"sync"_s, u"inbox"_s}));
    QCOMPARE(caughtUp.size(), 0);
    rig.link.reply(2, QCborMap{{u"messages"_s, QCborArray{}}, {u"more"_s, false}});
    QCOMPARE(caughtUp.size(), 1);
    QCOMPARE(rig.texts(), messages(1, 2));
}

QTEST_GUILESS_MAIN(TestReconcilerUnit)
#include "tst_reconciler_unit.moc"
