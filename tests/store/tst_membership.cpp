// SPDX-License-Identifier: GPL-3.0-or-later
// Signed membership in the store: only verified changes (and the relay's own removals) change
// the members keys go to; the validated chain, its heads and the conversation's alert.
#include "store_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const UserId kMallory{u"mallory"_s};

ChainRecord chainOf(QByteArray head, quint64 length, QMap<QString, Role> members) {
    return ChainRecord{*hearth::crypto::ChainId::fromBytes(QByteArray(16, '\x42')),
                       ConversationKind::Dm,
                       std::move(head),
                       length,
                       0,
                       std::move(members)};
}

} // namespace

class TestMembership final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void onlyVerifiedChangesApply() {
        TempProfile temp;
        STORE_OK(temp.store->events().insert(
            membership(1, MembershipAction::Create, kAlice, Role::Owner)));
        STORE_OK(
            temp.store->events().insert(membership(2, MembershipAction::Add, kBob, Role::Member)));
        // The relay's unsigned add of mallory is stored and shown, and applies to nothing.
        STORE_OK(temp.store->events().insert(
            membership(3, MembershipAction::Add, kMallory, Role::Admin, MemberTrust::Refused)));
        // The relay may remove on its own (shown as such), never add.
        STORE_OK(temp.store->events().insert(
            membership(4, MembershipAction::Add, kMallory, Role::Member, MemberTrust::ByRelay)));
        QCOMPARE(valueOf(temp.store->conversations().members(kConv)),
                 (QList<Member>{{kAlice, Role::Owner, 1}, {kBob, Role::Member, 2}}));
        STORE_OK(temp.store->events().insert(
            membership(5, MembershipAction::Remove, kBob, std::nullopt, MemberTrust::ByRelay)));
        QCOMPARE(valueOf(temp.store->conversations().members(kConv)),
                 (QList<Member>{{kAlice, Role::Owner, 1}}));
        // A refused removal removes nobody.
        STORE_OK(temp.store->events().insert(
            membership(6, MembershipAction::Remove, kAlice, std::nullopt, MemberTrust::Refused)));
        QCOMPARE(valueOf(temp.store->conversations().members(kConv)).size(), 1);

        auto page = valueOf(temp.store->timeline().latest(kConv, 10));
        QCOMPARE(page.size(), 6);
        QCOMPARE(page[2].membership->trust, std::optional(MemberTrust::Refused));
        QCOMPARE(page[2].membership->user, kMallory);
        QCOMPARE(page[4].membership->trust, std::optional(MemberTrust::ByRelay));
        QCOMPARE(page[0].membership->trust, std::optional(MemberTrust::Signed));
    }

    void chainRoundTrip() {
        TempProfile temp;
        MembershipStore &chains = temp.store->membership();
        QCOMPARE(valueOf(chains.chain(kConv)), std::nullopt);
        QCOMPARE(valueOf(chains.head(kConv)), std::nullopt);
        const QByteArray first(32, '\x01');
        const QByteArray second(32, '\x02');
        STORE_OK(chains.saveChain(
            kConv, chainOf(first, 1, {{u"alice"_s, Role::Owner}, {u"bob"_s, Role::Member}})));
        STORE_OK(chains.saveChain(kConv, chainOf(second, 2, {{u"alice"_s, Role::Owner}})));
        auto chain = valueOf(chains.chain(kConv));
        QVERIFY(chain);
        QCOMPARE(chain->head, second);
        QCOMPARE(valueOf(chains.head(kConv)), std::optional(second));
        QCOMPARE(chain->length, 2u);
        QCOMPARE(chain->kind, ConversationKind::Dm);
        QCOMPARE(chain->members, (QMap<QString, Role>{{u"alice"_s, Role::Owner}}));
        // Every head the chain had is known; another is not.
        QVERIFY(valueOf(chains.knowsHead(kConv, first)));
        QVERIFY(valueOf(chains.knowsHead(kConv, second)));
        QVERIFY(!valueOf(chains.knowsHead(kConv, QByteArray(32, '\x03'))));
        QCOMPARE(valueOf(chains.conversationOf(chain->chain)), std::optional(kConv));
        // The chain's kind wins over a relay's `convs` snapshot.
        STORE_OK(temp.store->conversations().upsert(
            {kConv, ConversationKind::Group, u"Renamed by relay"_s, Role::Owner, 2, 1, {}}));
        QCOMPARE(valueOf(temp.store->conversations().conversation(kConv))->kind,
                 std::optional(ConversationKind::Dm));
        // A chain belongs to one conversation.
        QVERIFY(!chains.saveChain(ConversationId{kConv.value + 1}, *chain));
    }

    void alertsOnlyRise() {
        TempProfile temp;
        MembershipStore &chains = temp.store->membership();
        QCOMPARE(valueOf(chains.alert(kConv)), MembershipAlert::None);
        STORE_OK(chains.raiseAlert(kConv, MembershipAlert::Fork, 9));
        STORE_OK(chains.raiseAlert(kConv, MembershipAlert::RefusedChange, 10));
        QCOMPARE(valueOf(chains.alert(kConv)), MembershipAlert::Fork);
        QCOMPARE(valueOf(temp.store->conversations().conversation(kConv))->membershipAlert,
                 MembershipAlert::Fork);
        STORE_OK(chains.dismissAlert(kConv));
        QCOMPARE(valueOf(chains.alert(kConv)), MembershipAlert::None);
        STORE_OK(chains.raiseAlert(kConv, MembershipAlert::RefusedChange, 11));
        QCOMPARE(valueOf(chains.alert(kConv)), MembershipAlert::RefusedChange);
        temp.reopen();
        QCOMPARE(valueOf(temp.store->membership().alert(kConv)), MembershipAlert::RefusedChange);
    }
};

QTEST_GUILESS_MAIN(TestMembership)
#include "tst_membership.moc"
