// SPDX-License-Identifier: GPL-3.0-or-later
// Two members with two devices each, in a group and a DM, sending from every device: all four
// devices converge to the same history, order and read state.
#include "tests/engine/engine_harness.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

class TstConvergence final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fourDevicesConverge() {
        RelayProcess relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        const QUrl url = relay.wsUrl();
        TestDevice alice1, alice2, bob1, bob2;
        QCOMPARE(alice1.registerAccount(url, u"alice"_s), QString());
        QCOMPARE(bob1.registerAccount(url, u"bob"_s), QString());
        QCOMPARE(addApprovedDevice(alice1, alice2, url), QString());
        QCOMPARE(addApprovedDevice(bob1, bob2, url), QString());

        const auto group = createConversation(alice1.engine(), hearth::ConversationKind::Group,
                                              {u"bob"_s}, u"Book club"_s);
        QVERIFY(group);
        const auto dm =
            createConversation(bob2.engine(), hearth::ConversationKind::Dm, {u"alice"_s});
        QVERIFY(dm);

        QList<TestDevice *> devices{&alice1, &alice2, &bob1, &bob2};
        QStringList groupTexts;
        QStringList dmTexts;
        // Every device writes to both conversations, twice, interleaved.
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < devices.size(); ++i) {
                const QString g = u"group %1 from device %2"_s.arg(round).arg(i);
                const QString d = u"dm %1 from device %2"_s.arg(round).arg(i);
                QVERIFY(devices[i]->engine().sendText(*group, g));
                QVERIFY(devices[i]->engine().sendText(*dm, d));
                groupTexts.append(g);
                dmTexts.append(d);
            }
        }
        groupTexts.sort();
        dmTexts.sort();
        auto sorted = [](QStringList list) {
            list.sort();
            return list;
        };
        for (TestDevice *device : devices) {
            QVERIFY2(QTest::qWaitFor([&] { return sorted(device->texts(*group)) == groupTexts; },
                                     kEngineWaitMs),
                     qPrintable(device->history(*group).join(u'\n')));
            QVERIFY2(QTest::qWaitFor([&] { return sorted(device->texts(*dm)) == dmTexts; },
                                     kEngineWaitMs),
                     qPrintable(device->history(*dm).join(u'\n')));
        }
        // Same history, same order (by the relay's seq), on every device.
        for (TestDevice *device : devices) {
            QCOMPARE(device->history(*group), alice1.history(*group));
            QCOMPARE(device->history(*dm), alice1.history(*dm));
        }
        // Edits, deletions and reactions from different devices converge too.
        auto seqOf = [&](const QString &text) {
            for (const QString &line : alice1.history(*group)) {
                if (line.section(u'|', 2, 2) == text)
                    return line.section(u'|', 0, 0).toULongLong();
            }
            return quint64(0);
        };
        // References name the target by its sender and signed cmid.
        auto refOf = [&](const QString &text) -> std::optional<store::EventRef> {
            const quint64 seq = seqOf(text);
            auto event = alice1->store().timeline().event(*group, seq);
            if (seq == 0 || !event || !*event || !(*event)->cmid)
                return std::nullopt;
            return store::EventRef::byCmid((*event)->sender.user, *(*event)->cmid);
        };
        store::MessageContent edit;
        edit.relation = store::Relation::Edit;
        edit.text = u"group 0 from device 0 (edited)"_s;
        edit.target = refOf(u"group 0 from device 0"_s);
        store::MessageContent removal;
        removal.relation = store::Relation::Delete;
        removal.target = refOf(u"group 1 from device 1"_s);
        store::MessageContent reaction;
        reaction.relation = store::Relation::React;
        reaction.text = u"👍"_s;
        reaction.target = edit.target;
        QVERIFY(edit.target && removal.target);
        QVERIFY(alice2->sendMessage(*group, edit));    // alice's own message, other device
        QVERIFY(alice1->sendMessage(*group, removal)); // sent by alice2
        QVERIFY(bob2->sendMessage(*group, reaction));
        QVERIFY(alice1->sendMessage(*group, reaction)); // two users: 👍2
        for (TestDevice *device : devices) {
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             const QString joined = device->history(*group).join(u'\n');
                             return joined.contains(u"(edited)|0|edited|👍2"_s) &&
                                    joined.contains(u"deleted"_s);
                         },
                         kEngineWaitMs),
                     qPrintable(device->history(*group).join(u'\n')));
        }
        for (TestDevice *device : devices)
            QCOMPARE(device->history(*group), alice1.history(*group));
        groupTexts.removeOne(u"group 0 from device 0"_s);
        groupTexts.removeOne(u"group 1 from device 1"_s);
        groupTexts.append(u"group 0 from device 0 (edited)"_s);

        // Own messages are in the timeline once, not twice (sent + synced back).
        QCOMPARE(alice1.texts(*group).size(), groupTexts.size() + 1); // + the deleted one

        // Read state: each member reads on one device; the member's other device agrees.
        const quint64 lastGroup =
            alice1.history(*group).size() > 0
                ? alice1.history(*group).constLast().section(u'|', 0, 0).toULongLong()
                : 0;
        QVERIFY(lastGroup > 0);
        QVERIFY(bob2.unread(*group) > 0);
        QVERIFY(!bob1->markRead(*group, lastGroup).has_value());
        QVERIFY(!alice2->markRead(*group, lastGroup).has_value());
        QVERIFY(QTest::qWaitFor([&] { return bob2.unread(*group) == 0; }, kEngineWaitMs));
        QVERIFY(
            QTest::qWaitFor([&] { return alice1.readMarker(*group) == lastGroup; }, kEngineWaitMs));
        for (TestDevice *device : devices) {
            QCOMPARE(device->readMarker(*group), lastGroup);
            QCOMPARE(device->unread(*group), 0);
        }
        // Nothing was refused along the way.
        for (TestDevice *device : devices)
            QCOMPARE(device->engine().rejectedEvents(), 0);
    }
};

QTEST_GUILESS_MAIN(TstConvergence)
#include "tst_convergence.moc"
