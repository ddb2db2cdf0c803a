// SPDX-License-Identifier: GPL-3.0-or-later
// The permission rules as pure functions: every role against every action and kind.
#include "relay/roles.h"

#include <QTest>

using namespace hearth::relay;
using hearth::protocol::ErrorCode;
using namespace Qt::Literals::StringLiterals;

namespace {
QString outcome(const std::optional<Refusal> &refusal) {
    return refusal ? QString(hearth::protocol::errorCodeName(refusal->code)) : u"ok"_s;
}

//! The columns of an add or remove table: the conversation kind, the actor's role, the role
//! at stake (given to the new member, or the target's) and the expected outcome.
void addRuleColumns() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("expected");
}

//! Checks the current row of an addRuleColumns() table against `check`.
template <class Check> void checkRule(Check check) {
    QFETCH(QString, kind);
    QFETCH(QString, actor);
    QFETCH(QString, role);
    QFETCH(QString, expected);
    QCOMPARE(outcome(check(kind, actor, role)), expected);
}
} // namespace

class TestRoles final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ranks() {
        QVERIFY(roleRank(u"owner") > roleRank(u"admin"));
        QVERIFY(roleRank(u"admin") > roleRank(u"member"));
        QCOMPARE(roleRank(u"member"), 1);
        QCOMPARE(roleRank(u"root"), 0);
        QCOMPARE(roleRank(u""), 0);
    }

    void add_data() {
        addRuleColumns();
        QTest::newRow("owner adds member") << u"group"_s << u"owner"_s << u"member"_s << u"ok"_s;
        QTest::newRow("owner adds admin") << u"group"_s << u"owner"_s << u"admin"_s << u"ok"_s;
        QTest::newRow("admin adds member") << u"channel"_s << u"admin"_s << u"member"_s << u"ok"_s;
        QTest::newRow("admin adds admin")
            << u"group"_s << u"admin"_s << u"admin"_s << u"forbidden"_s;
        QTest::newRow("member adds") << u"group"_s << u"member"_s << u"member"_s << u"forbidden"_s;
        QTest::newRow("owner adds owner")
            << u"group"_s << u"owner"_s << u"owner"_s << u"invalid_argument"_s;
        QTest::newRow("unknown role")
            << u"group"_s << u"owner"_s << u"king"_s << u"invalid_argument"_s;
        QTest::newRow("dm") << u"dm"_s << u"owner"_s << u"member"_s << u"forbidden"_s;
    }
    void add() { checkRule(checkAdd); }

    void remove_data() {
        addRuleColumns();
        QTest::newRow("owner removes admin") << u"group"_s << u"owner"_s << u"admin"_s << u"ok"_s;
        QTest::newRow("owner removes member") << u"group"_s << u"owner"_s << u"member"_s << u"ok"_s;
        QTest::newRow("owner removes owner")
            << u"group"_s << u"owner"_s << u"owner"_s << u"forbidden"_s;
        QTest::newRow("admin removes member") << u"group"_s << u"admin"_s << u"member"_s << u"ok"_s;
        QTest::newRow("admin removes admin")
            << u"group"_s << u"admin"_s << u"admin"_s << u"forbidden"_s;
        QTest::newRow("member removes member")
            << u"group"_s << u"member"_s << u"member"_s << u"forbidden"_s;
        QTest::newRow("dm") << u"dm"_s << u"owner"_s << u"member"_s << u"forbidden"_s;
    }
    void remove() { checkRule(checkRemove); }

    void leave() {
        QCOMPARE(outcome(checkLeave(u"group", u"member", 1, 3)), u"ok"_s);
        QCOMPARE(outcome(checkLeave(u"group", u"owner", 1, 3)), u"last_owner"_s);
        QCOMPARE(outcome(checkLeave(u"group", u"owner", 2, 3)), u"ok"_s);
        QCOMPARE(outcome(checkLeave(u"group", u"owner", 1, 1)), u"ok"_s); // alone: may leave
        QCOMPARE(outcome(checkLeave(u"dm", u"owner", 1, 2)), u"forbidden"_s);
    }

    void setRole() {
        QCOMPARE(outcome(checkSetRole(u"group", u"owner", u"member", u"admin", false, 1)), u"ok"_s);
        QCOMPARE(outcome(checkSetRole(u"group", u"owner", u"member", u"owner", false, 1)), u"ok"_s);
        QCOMPARE(outcome(checkSetRole(u"group", u"admin", u"member", u"admin", false, 1)),
                 u"forbidden"_s);
        QCOMPARE(outcome(checkSetRole(u"group", u"owner", u"owner", u"member", true, 1)),
                 u"last_owner"_s);
        QCOMPARE(outcome(checkSetRole(u"group", u"owner", u"owner", u"member", true, 2)), u"ok"_s);
        QCOMPARE(outcome(checkSetRole(u"group", u"owner", u"member", u"boss", false, 1)),
                 u"invalid_argument"_s);
        QCOMPARE(outcome(checkSetRole(u"dm", u"owner", u"member", u"admin", false, 1)),
                 u"forbidden"_s);
    }

    void send() {
        QCOMPARE(outcome(checkSend(u"group", u"member")), u"ok"_s);
        QCOMPARE(outcome(checkSend(u"dm", u"member")), u"ok"_s);
        QCOMPARE(outcome(checkSend(u"channel", u"member")), u"forbidden"_s);
        QCOMPARE(outcome(checkSend(u"channel", u"admin")), u"ok"_s);
        QCOMPARE(outcome(checkSend(u"channel", u"owner")), u"ok"_s);
    }

    void messagePolicy() {
        for (bool shares : {false, true})
            QCOMPARE(outcome(checkMessagePolicy(u"everyone", u"amy"_s, shares)), u"ok"_s);
        QCOMPARE(outcome(checkMessagePolicy(u"shared", u"amy"_s, true)), u"ok"_s);
        QCOMPARE(outcome(checkMessagePolicy(u"shared", u"amy"_s, false)), u"not_accepting"_s);
        QCOMPARE(outcome(checkMessagePolicy(u"nobody", u"amy"_s, true)), u"not_accepting"_s);
        // An unknown stored value fails closed.
        QCOMPARE(outcome(checkMessagePolicy(u"friends", u"amy"_s, true)), u"not_accepting"_s);
        const auto refusal = checkMessagePolicy(u"shared", u"amy"_s, false);
        QVERIFY(refusal && refusal->message.contains(u"amy"_s) &&
                refusal->message.contains(u"\"shared\""_s));
        QVERIFY(isMessagePolicy(u"everyone") && isMessagePolicy(u"shared") &&
                isMessagePolicy(u"nobody"));
        QVERIFY(!isMessagePolicy(u"") && !isMessagePolicy(u"Everyone"));
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
