// SPDX-License-Identifier: GPL-3.0-or-later
// create_conv against the real relay: the member limit is judged on the names as sent, before
// any of them is looked up, so an oversized list is refused as too_many_members even when it
// names no one who exists; repeats and the creator's own name don't count.
#include "sync/protocol/protocol.h"
#include "tests/relay/relay_fixture.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

constexpr int kMaxMembers = 3; // --limit max_members

QStringList unknownNames(int count) {
    QStringList names;
    for (int i = 0; i < count; ++i)
        names.append(u"ghost%1"_s.arg(i));
    return names;
}

} // namespace

class TestRelayMemberLimit final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }

    void oversizedListsAreRefusedBeforeLookup() {
        auto creator = m_fixture.signUp();
        QVERIFY(creator);
        // Not one of these exists: had they been looked up, the answer would be no_such_user.
        HEARTH_COMPARE_CODE(
            createConv(*creator->client, protocol::kind::kGroup, unknownNames(kMaxMembers)),
            "too_many_members"_L1);
        HEARTH_COMPARE_CODE(
            createConv(*creator->client, protocol::kind::kChannel, unknownNames(1000)),
            "too_many_members"_L1);
        const ProtocolResult<Frame> convs = creator->client->call(type::kConversations);
        HEARTH_VERIFY_OK(convs);
        QVERIFY(convs.value().array("convs"_L1).isEmpty());
    }

    void aListWithinTheLimitIsStillResolved() {
        auto creator = m_fixture.signUp();
        QVERIFY(creator);
        // Two distinct others (repeats and the creator's own name aside) fit a limit of 3...
        HEARTH_COMPARE_CODE(createConv(*creator->client, protocol::kind::kGroup,
                                       {u"ghost1"_s, u"ghost2"_s, u"ghost1"_s, creator->user()}),
                            "no_such_user"_L1);
        auto b = m_fixture.signUp();
        auto c = m_fixture.signUp();
        QVERIFY(b && c);
        HEARTH_VERIFY_OK(createConv(*creator->client, protocol::kind::kGroup,
                                    {b->user(), c->user(), b->user(), creator->user()}));
        // ...and a third one does not, existing or not.
        auto d = m_fixture.signUp();
        QVERIFY(d);
        HEARTH_COMPARE_CODE(
            createConv(*creator->client, protocol::kind::kGroup, {b->user(), c->user(), d->user()}),
            "too_many_members"_L1);
    }

private:
    RelayFixture m_fixture{limitArgs({{"max_members"_L1, kMaxMembers}})};
};

QTEST_GUILESS_MAIN(TestRelayMemberLimit)
#include "tst_relay_member_limit.moc"
