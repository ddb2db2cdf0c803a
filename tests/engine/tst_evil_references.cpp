// SPDX-License-Identifier: GPL-3.0-or-later
// A malicious relay (a proxy rewriting frames in front of the real one) against references:
// swapping the seqs of two of alice's messages on the way to bob cannot make alice's edit,
// deletion or reaction land on the other one (references name (sender, signed cmid)), and
// swapping their cmids gets both refused (the payload carries the cmid its sender signed).
// Padding: an edit, a reaction, a deletion and a one-word message are the same size on the
// wire. And an edit of a message still in the outbox, written offline, reaches its target.
#include "crypto/group_envelope.h"
#include "crypto/padding.h"
#include "tests/engine/engine_harness.h"
#include "tests/engine/evil_proxy.h"

#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

enum class Swap { Seqs, Cmids };

//! `device`'s stored message showing `text`.
std::optional<store::TimelineEvent>
eventWithText(TestDevice &device, hearth::ConversationId conversation, const QString &text) {
    auto events = device->store().timeline().after(conversation, 0, 1000);
    for (const store::TimelineEvent &event : events ? *events : QList<store::TimelineEvent>()) {
        if (event.kind == store::EventKind::Message && event.text == text)
            return event;
    }
    return std::nullopt;
}

//! `device`'s stored event with `cmid` from alice, if any.
std::optional<store::TimelineEvent> eventWithCmid(TestDevice &device,
                                                  hearth::ConversationId conversation,
                                                  const store::ClientMessageId &cmid) {
    auto events = device->store().timeline().after(conversation, 0, 1000);
    for (const store::TimelineEvent &event : events ? *events : QList<store::TimelineEvent>()) {
        if (event.cmid && *event.cmid == cmid)
            return event;
    }
    return std::nullopt;
}

//! Whether any message of `device` in `conversation` carries an edit, a deletion or reactions.
bool anyRelationApplied(TestDevice &device, hearth::ConversationId conversation) {
    auto events = device->store().timeline().after(conversation, 0, 1000);
    for (const store::TimelineEvent &event : events ? *events : QList<store::TimelineEvent>()) {
        if (event.editedTs || event.deleted || !event.reactions.isEmpty())
            return true;
    }
    return false;
}

//! The bodies of every `send` a client made through `proxy`, oldest first.
QList<QByteArray> sentBodies(const EvilProxy &proxy) {
    QList<QByteArray> bodies;
    for (const QByteArray &frame : proxy.clientFrames()) {
        const QCborMap map = EvilProxy::decode(frame);
        if (map.value("t"_L1).toString() == u"send"_s)
            bodies.append(map.value("body"_L1).toByteArray());
    }
    return bodies;
}

} // namespace

class TstEvilReferences final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString())); }

    void retargetedRelation_data() {
        QTest::addColumn<int>("swap");
        QTest::addColumn<int>("relation");
        const std::pair<Swap, const char *> swaps[] = {{Swap::Seqs, "seqs"},
                                                       {Swap::Cmids, "cmids"}};
        const std::pair<store::Relation, const char *> relations[] = {
            {store::Relation::Edit, "edit"},
            {store::Relation::Delete, "delete"},
            {store::Relation::React, "reaction"}};
        for (const auto &[swap, swapName] : swaps) {
            for (const auto &[relation, relationName] : relations)
                QTest::addRow("%s swapped, %s", swapName, relationName)
                    << int(swap) << int(relation);
        }
    }

    void retargetedRelation() {
        QFETCH(int, swap);
        QFETCH(int, relation);
        const QString suffix = QString::number(swap) + u'-' + QString::number(relation);
        const QString bobName = u"bob-r"_s + suffix;
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice-r"_s + suffix), QString());
        QCOMPARE(bob.registerAccount(proxy.url(), bobName), QString());
        const auto dm = createConversation(alice.engine(), hearth::ConversationKind::Dm, {bobName});
        QVERIFY(dm);
        QVERIFY(alice->sendText(*dm, u"warm-up"_s));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm) == QStringList{u"warm-up"_s}; },
                                kEngineWaitMs));

        // Bob away; alice sends two messages, acknowledged with their seqs.
        bob.close();
        QVERIFY(alice->sendText(*dm, u"first"_s));
        QVERIFY(alice->sendText(*dm, u"second"_s));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return eventWithText(alice, *dm, u"first"_s) &&
                       eventWithText(alice, *dm, u"second"_s);
            },
            kEngineWaitMs));
        const store::TimelineEvent first = *eventWithText(alice, *dm, u"first"_s);
        const store::TimelineEvent second = *eventWithText(alice, *dm, u"second"_s);
        QVERIFY(first.cmid && second.cmid);

        // The relay swaps the two events' seqs, or their cmids, in everything bob receives.
        proxy.setToClientHook([&](const QByteArray &frame) {
            return QList<QByteArray>{EvilProxy::rewriteMessages(frame, [&](QCborMap &event) {
                const auto seq = quint64(event.value("seq"_L1).toInteger());
                if (seq != first.seq && seq != second.seq)
                    return;
                const store::TimelineEvent &other = seq == first.seq ? second : first;
                if (Swap(swap) == Swap::Seqs)
                    event.insert("seq"_L1, qint64(other.seq));
                else
                    event.insert("cmid"_L1, other.cmid->bytes());
            })};
        });
        QVERIFY(bob.reopen());
        QSignalSpy rejected(&bob.engine(), &engine::SyncEngine::eventRejected);
        if (Swap(swap) == Swap::Seqs) {
            // Accepted, in the relay's (swapped) order: the relay orders, it cannot retarget.
            QVERIFY(QTest::qWaitFor(
                [&] {
                    return bob.texts(*dm) == QStringList{u"warm-up"_s, u"second"_s, u"first"_s};
                },
                kEngineWaitMs));
        } else {
            // Each payload names the cmid alice signed: both events are refused.
            QVERIFY(QTest::qWaitFor([&] { return rejected.size() >= 2; }, kEngineWaitMs));
            for (const auto &args : std::as_const(rejected))
                QCOMPARE(args.at(2).toString(),
                         u"the relay's cmid differs from the one the sender signed"_s);
        }

        // Alice edits, deletes or reacts to "first", then sends a marker after it.
        store::MessageContent content;
        content.contentType = u"text"_s;
        content.relation = store::Relation(relation);
        content.text = content.relation == store::Relation::Edit    ? u"first, edited"_s
                       : content.relation == store::Relation::React ? u"👍"_s
                                                                    : QString();
        content.target = store::EventRef::byCmid(first.sender.user, *first.cmid);
        QVERIFY(alice->sendMessage(*dm, content));
        QVERIFY(alice->sendText(*dm, u"marker"_s));
        QVERIFY(
            QTest::qWaitFor([&] { return bob.texts(*dm).contains(u"marker"_s); }, kEngineWaitMs));

        const auto bobsFirst = eventWithCmid(bob, *dm, *first.cmid);
        const auto bobsSecond = eventWithCmid(bob, *dm, *second.cmid);
        if (Swap(swap) == Swap::Cmids) {
            // Neither message is shown, so the relation has nothing to land on.
            QVERIFY(!bobsFirst && !bobsSecond);
            QCOMPARE(bob.texts(*dm), (QStringList{u"warm-up"_s, u"marker"_s}));
            QVERIFY(!anyRelationApplied(bob, *dm));
            return;
        }
        QVERIFY(bobsFirst && bobsSecond);
        QCOMPARE(bobsFirst->seq, second.seq); // the swap did happen
        // "second" is untouched: not edited, not deleted, no reaction.
        QCOMPARE(bobsSecond->text, u"second"_s);
        QVERIFY(!bobsSecond->editedTs && !bobsSecond->deleted && bobsSecond->reactions.isEmpty());
        // "first" got the relation.
        switch (store::Relation(relation)) {
        case store::Relation::Edit:
            QCOMPARE(bobsFirst->text, u"first, edited"_s);
            QVERIFY(bobsFirst->editedTs);
            break;
        case store::Relation::Delete:
            QVERIFY(bobsFirst->deleted);
            QVERIFY(bobsFirst->text.isEmpty());
            break;
        default:
            QCOMPARE(bobsFirst->reactions,
                     (QList<store::ReactionGroup>{{u"👍"_s, {first.sender.user}}}));
            break;
        }
    }

    void relationsAndShortMessagesPadToOneSize() {
        EvilProxy proxy(m_relay.wsUrl());
        QVERIFY(proxy.listen());
        TestDevice alice, bob;
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob-p"_s), QString());
        QCOMPARE(alice.registerAccount(proxy.url(), u"alice-p"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob-p"_s});
        QVERIFY(dm);
        auto hi = alice->sendText(*dm, u"hi"_s);
        QVERIFY(hi);
        const auto target = store::EventRef::byCmid(hearth::UserId{u"alice-p"_s}, hi.value());
        store::MessageContent edit;
        edit.relation = store::Relation::Edit;
        edit.text = u"hey"_s;
        edit.target = target;
        store::MessageContent reaction;
        reaction.relation = store::Relation::React;
        reaction.text = u"👍"_s;
        reaction.target = target;
        store::MessageContent removal;
        removal.relation = store::Relation::Delete;
        removal.target = target;
        for (const auto &content : {edit, reaction, removal})
            QVERIFY(alice->sendMessage(*dm, content));
        const QString longText(2000, u'x');
        QVERIFY(alice->sendText(*dm, longText));
        QVERIFY(QTest::qWaitFor([&] { return sentBodies(proxy).size() == 5; }, kEngineWaitMs));
        QVERIFY(QTest::qWaitFor([&] { return bob.texts(*dm).contains(longText); }, kEngineWaitMs));

        const QList<QByteArray> bodies = sentBodies(proxy);
        // The one-word message, the edit, the reaction and the deletion: one size, the smallest
        // bucket plus the envelope.
        for (qsizetype i = 0; i < 4; ++i)
            QCOMPARE(bodies[i].size(), crypto::kMinPaddedLength + crypto::kGroupEnvelopeOverhead);
        // A long message goes to a bucket of its own, at most 6.25 % above its payload.
        const qsizetype longBody = bodies[4].size() - crypto::kGroupEnvelopeOverhead;
        QVERIFY(longBody > longText.size());
        QVERIFY(longBody <= longText.size() + longText.size() / 16 + 64);
        // Bob saw all of it: the message was edited, reacted to, then deleted.
        const auto bobsHi = eventWithCmid(bob, *dm, hi.value());
        QVERIFY(bobsHi);
        QVERIFY(bobsHi->deleted);
    }

    void offlineEditOfUnsentMessage() {
        TestDevice alice, bob;
        QCOMPARE(alice.registerAccount(m_relay.wsUrl(), u"alice-o"_s), QString());
        QCOMPARE(bob.registerAccount(m_relay.wsUrl(), u"bob-o"_s), QString());
        const auto dm =
            createConversation(alice.engine(), hearth::ConversationKind::Dm, {u"bob-o"_s});
        QVERIFY(dm);
        alice->stop();
        // Offline: the message has no seq yet; its edit names it by (alice, cmid).
        auto draft = alice->sendText(*dm, u"typed offline"_s);
        QVERIFY(draft);
        store::MessageContent edit;
        edit.relation = store::Relation::Edit;
        edit.text = u"typed offline, fixed"_s;
        edit.target = store::EventRef::byCmid(hearth::UserId{u"alice-o"_s}, draft.value());
        QVERIFY(alice->sendMessage(*dm, edit));
        QVERIFY(!alice->start());
        QVERIFY(QTest::qWaitFor(
            [&] { return bob.texts(*dm) == QStringList{u"typed offline, fixed"_s}; },
            kEngineWaitMs));
        QCOMPARE(alice.texts(*dm), QStringList{u"typed offline, fixed"_s});
    }

private:
    RelayProcess m_relay;
};

QTEST_GUILESS_MAIN(TstEvilReferences)
#include "tst_evil_references.moc"
