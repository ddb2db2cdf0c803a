// SPDX-License-Identifier: GPL-3.0-or-later
// TimelineChange: what storing a batch of events tells the views (no relay, no store).
#include "sync/engine/timeline_change.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth;
using Kind = engine::TimelineChange::Kind;

namespace {

const hearth::ConversationId kConversation{7};

store::EventRef refTo(const QString &sender, const store::ClientMessageId &cmid) {
    return store::EventRef::byCmid(hearth::UserId{sender}, cmid);
}

store::IncomingEvent message(quint64 seq, store::Relation relation = store::Relation::None,
                             std::optional<store::EventRef> target = std::nullopt) {
    store::IncomingEvent event;
    event.conversation = kConversation;
    event.seq = seq;
    event.kind = store::EventKind::Message;
    event.cmid = store::ClientMessageId::generate();
    event.content.relation = relation;
    event.content.target = std::move(target);
    return event;
}

const engine::TimelineChange *find(const QList<engine::TimelineChange> &changes, Kind kind) {
    for (const engine::TimelineChange &change : changes) {
        if (change.kind == kind)
            return &change;
    }
    return nullptr;
}

} // namespace

class TestTimelineChange final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPageIsOneAppendAndOneChangePerRelationKind();
    void batchesWidenTheAppend();
    void relationsNameTheirTarget();
};

void TestTimelineChange::aPageIsOneAppendAndOneChangePerRelationKind() {
    const auto a = store::ClientMessageId::generate();
    const auto b = store::ClientMessageId::generate();
    const auto c = store::ClientMessageId::generate();
    std::vector<store::IncomingEvent> page{
        message(5),
        message(6, store::Relation::Edit, refTo(u"bob"_s, a)),
        message(7, store::Relation::React, refTo(u"bob"_s, a)),
        message(8, store::Relation::Unreact, refTo(u"carol"_s, b)),
        message(9, store::Relation::React, refTo(u"bob"_s, a)), // the same target again
        message(10, store::Relation::Delete, refTo(u"bob"_s, c)),
    };
    // Not decrypted yet: its relation is unknown, so it names no target.
    store::IncomingEvent waiting = message(11, store::Relation::Edit, refTo(u"bob"_s, b));
    waiting.decryption = store::DecryptionState::Pending;
    page.push_back(waiting);
    store::IncomingEvent joined;
    joined.conversation = kConversation;
    joined.seq = 4;
    joined.kind = store::EventKind::Membership;
    page.push_back(joined);

    QList<engine::TimelineChange> changes;
    engine::addChanges(changes, page);
    QCOMPARE(changes.size(), 4);
    QCOMPARE(changes.first().kind, Kind::Appended);
    QCOMPARE(changes.first().conversation, kConversation.value);
    QCOMPARE(changes.first().firstSeq, 4u);
    QCOMPARE(changes.first().lastSeq, 11u);
    QCOMPARE(find(changes, Kind::Edited)->targets, QList{refTo(u"bob"_s, a)});
    QCOMPARE(find(changes, Kind::Reacted)->targets,
             (QList{refTo(u"bob"_s, a), refTo(u"carol"_s, b)}));
    QCOMPARE(find(changes, Kind::Removed)->targets, QList{refTo(u"bob"_s, c)});
}

void TestTimelineChange::batchesWidenTheAppend() {
    QList<engine::TimelineChange> changes;
    const std::vector<store::IncomingEvent> first{message(20), message(21)};
    const std::vector<store::IncomingEvent> second{message(22), message(23)};
    engine::addChanges(changes, first);
    engine::addChanges(changes, second);
    engine::addChanges(changes, {});
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().firstSeq, 20u);
    QCOMPARE(changes.first().lastSeq, 23u);
}

void TestTimelineChange::relationsNameTheirTarget() {
    store::MessageContent plain;
    QVERIFY(!engine::relationChange(kConversation, plain));
    store::MessageContent edit;
    edit.relation = store::Relation::Edit;
    edit.target = store::EventRef::bySeq(3); // a row from before schema 4
    const auto change = engine::relationChange(kConversation, edit);
    QVERIFY(change);
    QCOMPARE(change->kind, Kind::Edited);
    QCOMPARE(change->conversation, kConversation.value);
    QCOMPARE(change->targets, QList{store::EventRef::bySeq(3)});
}

QTEST_GUILESS_MAIN(TestTimelineChange)
#include "tst_timeline_change.moc"
