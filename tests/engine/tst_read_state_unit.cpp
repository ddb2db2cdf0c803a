// SPDX-License-Identifier: GPL-3.0-or-later
// ReadState over the in-memory marker store and a scripted link: markers merge as the maximum
// across devices and never go backwards, a `read` request goes out once per change (none for a
// marker the relay told us about), and one that failed goes again on the next publish.
#include "sync/engine/read_state.h"
#include "sync/protocol/protocol.h"
#include "sync/store/memory_read_marker_store.h"
#include "tests/engine/unit_fixture.h"

#include <QSignalSpy>

using namespace hearth;
using namespace hearth::test;
using namespace hearth::store::test;

namespace {

struct Rig : UnitFixture {
    Rig() {
        routePushes(protocol::type::kRead, &readState,
                    [this](const protocol::Frame &frame) { readState.onReadPush(frame); });
    }
    void pushRead(const hearth::UserId &user, quint64 seq) {
        QCborMap fields;
        fields.insert("conv"_L1, qint64(kConv.value));
        fields.insert("user"_L1, user.name);
        fields.insert("seq"_L1, qint64(seq));
        link.push(protocol::type::kRead, fields);
    }
    [[nodiscard]] quint64 marker() { return valueOf(markers.readMarker(kConv)); }
    [[nodiscard]] quint64 published() { return valueOf(markers.publishedMarker(kConv)); }
    [[nodiscard]] qint64 sentSeq(qsizetype index) const {
        return link.sent().at(index).fields.value("seq"_L1).toInteger();
    }
    //! The relay's reply to a `read`: the account's marker there after the merge.
    static QCborMap readReply(quint64 seq) {
        QCborMap fields;
        fields.insert("seq"_L1, qint64(seq));
        return fields;
    }

    store::MemoryReadMarkerStore markers;
    engine::ReadState readState{context, markers};
};

//! The seqs readMarkerChanged() reported.
QList<quint64> seqsOf(const QSignalSpy &spy) {
    QList<quint64> seqs;
    for (const QList<QVariant> &arguments : spy)
        seqs.append(arguments.at(1).toULongLong());
    return seqs;
}

} // namespace

class TestReadStateUnit final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void publishesOncePerChange();
    void mergesAcrossDevicesByMaximum();
    void offlineMarkerIsPublishedOnConnect();
    void failedPublishGoesAgain();
    void receiptsFollowTheSetting();
};

void TestReadStateUnit::publishesOncePerChange() {
    Rig rig;
    QSignalSpy changed(&rig.readState, &engine::ReadState::readMarkerChanged);
    rig.link.goOnline();
    QVERIFY(!rig.readState.markRead(kConv, 5));
    QCOMPARE(rig.link.sentTypes(), QStringList{u"read"_s});
    QCOMPARE(rig.link.sent().at(0).fields.value("conv"_L1).toInteger(), qint64(kConv.value));
    QCOMPARE(rig.sentSeq(0), 5);
    rig.link.reply(0, Rig::readReply(5));
    QCOMPARE(rig.published(), 5u);

    QVERIFY(!rig.readState.markRead(kConv, 5)); // no change: nothing sent
    QVERIFY(!rig.readState.markRead(kConv, 3)); // older: no change either
    rig.readState.publishAll();
    QCOMPARE(rig.link.sent().size(), 1);
    QCOMPARE(rig.marker(), 5u);

    QVERIFY(!rig.readState.markRead(kConv, 8));
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.sentSeq(1), 8);
    rig.link.reply(1, Rig::readReply(8));
    rig.readState.publishAll();
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(seqsOf(changed), (QList<quint64>{5, 8}));
}

void TestReadStateUnit::mergesAcrossDevicesByMaximum() {
    Rig rig;
    QSignalSpy changed(&rig.readState, &engine::ReadState::readMarkerChanged);
    QSignalSpy receipts(&rig.readState, &engine::ReadState::receiptChanged);
    rig.link.goOnline();
    // This account's other devices, in any order, repeated; and `convs` snapshots.
    rig.pushRead(kMe, 7);
    rig.pushRead(kMe, 4);
    rig.readState.applyOwnMarker(kConv, 6);
    rig.pushRead(kMe, 7);
    QCOMPARE(rig.marker(), 7u);
    QCOMPARE(seqsOf(changed), QList<quint64>{7});
    // What came from the relay is not echoed back to it.
    rig.readState.publishAll();
    QVERIFY(rig.link.sent().isEmpty());
    QVERIFY(!rig.readState.markRead(kConv, 6)); // behind the other device: stays
    QCOMPARE(rig.marker(), 7u);
    QVERIFY(rig.link.sent().isEmpty());

    // Another member's receipt merges the same way, apart from this account's marker.
    rig.pushRead(kAlice, 3);
    rig.pushRead(kAlice, 2);
    const auto stored = valueOf(rig.markers.receipts(kConv));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0).user, kAlice);
    QCOMPARE(stored.at(0).seq, 3u);
    QVERIFY(!receipts.isEmpty());
    for (const QList<QVariant> &arguments : receipts)
        QCOMPARE(arguments.at(2).toULongLong(), 3u); // never reported going back
    QCOMPARE(rig.marker(), 7u);
}

void TestReadStateUnit::offlineMarkerIsPublishedOnConnect() {
    Rig rig;
    QSignalSpy changed(&rig.readState, &engine::ReadState::readMarkerChanged);
    QVERIFY(!rig.readState.markRead(kConv, 4));
    QVERIFY(!rig.readState.markRead(kConv, 9));
    QCOMPARE(rig.marker(), 9u);
    QVERIFY(rig.link.sent().isEmpty());
    QCOMPARE(rig.link.refused(), 0);

    rig.link.goOnline();
    rig.readState.publishAll(); // what SyncEngine does after catch-up
    QCOMPARE(rig.link.sentTypes(), QStringList{u"read"_s});
    QCOMPARE(rig.sentSeq(0), 9);
    // The relay had a later marker from another device: it wins here too, and is not resent.
    rig.link.reply(0, Rig::readReply(12));
    QCOMPARE(rig.marker(), 12u);
    QCOMPARE(rig.published(), 12u);
    rig.readState.publishAll();
    QCOMPARE(rig.link.sent().size(), 1);
    QCOMPARE(seqsOf(changed), (QList<quint64>{4, 9, 12}));
}

void TestReadStateUnit::failedPublishGoesAgain() {
    Rig rig;
    rig.link.goOnline();
    QVERIFY(!rig.readState.markRead(kConv, 6));
    rig.link.goOffline(); // the reply is lost
    QCOMPARE(rig.published(), 0u);
    QCOMPARE(rig.marker(), 6u);
    rig.link.goOnline();
    rig.readState.publishAll();
    QCOMPARE(rig.link.sent().size(), 2);
    QCOMPARE(rig.sentSeq(1), 6);
    rig.link.fail(1, protocol::ErrorCode::Internal);
    rig.readState.publishAll();
    QCOMPARE(rig.link.sent().size(), 3);
    rig.link.reply(2, Rig::readReply(6));
    QCOMPARE(rig.published(), 6u);
    rig.readState.publishAll();
    QCOMPARE(rig.link.sent().size(), 3);
}

void TestReadStateUnit::receiptsFollowTheSetting() {
    Rig rig;
    rig.link.goOnline();
    QVERIFY(rig.readState.receiptsEnabled()); // on by default
    QVERIFY(!rig.readState.markRead(kConv, 1));
    QCOMPARE(rig.link.sent().at(0).fields.value("receipt"_L1).toBool(), true);
    QVERIFY(!rig.readState.setReceiptsEnabled(false));
    QVERIFY(!rig.readState.receiptsEnabled());
    QVERIFY(!rig.readState.markRead(kConv, 2));
    QCOMPARE(rig.link.sent().at(1).fields.value("receipt"_L1).toBool(), false);
}

QTEST_GUILESS_MAIN(TestReadStateUnit)
#include "tst_read_state_unit.moc"
