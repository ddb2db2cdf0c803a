// SPDX-License-Identifier: GPL-3.0-or-later
// Typing, presence and "who can message me" through the engine, against the real relay:
// typing reaches the other member and stops; presence goes online → away → offline with a
// last-seen time, and an "away" status survives a reconnect; queryPresence answers for
// contacts only; a policy refuses a stranger's dm with not_accepting in the caller's
// Completion.
#include "tests/engine/engine_harness.h"

#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;
using engine::MessagePolicy;

namespace {

//! Runs `operation` and waits for its completion: the error, nullopt on success.
std::optional<engine::EngineError>
awaitError(const std::function<void(engine::Completion)> &operation) {
    bool finished = false;
    std::optional<engine::EngineError> result;
    operation([&](const std::optional<engine::EngineError> &error) {
        finished = true;
        result = error;
    });
    if (!QTest::qWaitFor([&] { return finished; }, kEngineWaitMs))
        return engine::EngineError{engine::EngineErrorCode::InvalidArgument, u"timed out"_s, {}};
    return result;
}

//! The error's message ("" for success), so a failed comparison says what went wrong.
QString failure(const std::optional<engine::EngineError> &error) {
    return error ? u"failed: "_s + error->message : QString();
}

//! create_conv through the engine: the error, nullopt on success.
std::optional<engine::EngineError>
createError(engine::SyncEngine &engine, hearth::ConversationKind kind, const QStringList &members) {
    return awaitError([&](engine::Completion done) {
        engine.createConversation(
            kind, u"t"_s, members,
            [done](const engine::EngineResult<hearth::ConversationId> &result) {
                done(result ? std::nullopt : std::optional(result.error()));
            });
    });
}

//! queryPresence, waiting for the answer; empty (with a warning) on failure.
QList<engine::PresenceInfo> query(engine::SyncEngine &engine, const QStringList &users) {
    std::optional<engine::EngineResult<QList<engine::PresenceInfo>>> answer;
    engine.queryPresence(users, [&](const auto &result) { answer = result; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, kEngineWaitMs) || !answer->ok()) {
        qWarning("queryPresence failed");
        return {};
    }
    return answer->value();
}

//! Index of the first entry of `spy` (a presence spy) at or after `from` about `user` with
//! `status`; -1 when there is none yet.
qsizetype findPresence(const QSignalSpy &spy, const QString &user, const QString &status,
                       qsizetype from = 0) {
    for (qsizetype i = from; i < spy.size(); ++i)
        if (spy.at(i).at(0).toString() == user && spy.at(i).at(1).toString() == status)
            return i;
    return -1;
}

bool waitForPresence(const QSignalSpy &spy, const QString &user, const QString &status,
                     qsizetype from = 0) {
    return QTest::qWaitFor([&] { return findPresence(spy, user, status, from) >= 0; },
                           kEngineWaitMs);
}

} // namespace

class TstAwareness final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
        QCOMPARE(m_alice.registerAccount(m_relay.wsUrl(), u"alice"_s), QString());
        QCOMPARE(m_bob.registerAccount(m_relay.wsUrl(), u"bob"_s), QString());
        QCOMPARE(m_carol.registerAccount(m_relay.wsUrl(), u"carol"_s), QString());
        m_group = createConversation(m_alice.engine(), hearth::ConversationKind::Group, {u"bob"_s});
        QVERIFY(m_group);
    }

    void typingReachesTheOtherMemberAndStops() {
        QSignalSpy typing(&m_bob.engine(), &engine::SyncEngine::typing);
        QSignalSpy ownEcho(&m_alice.engine(), &engine::SyncEngine::typing);
        m_alice->sendTyping(*m_group, true);
        QVERIFY(typing.wait(kEngineWaitMs));
        QCOMPARE(typing.size(), 1);
        QCOMPARE(typing.at(0).at(0).toULongLong(), m_group->value);
        QCOMPARE(typing.at(0).at(1).toString(), u"alice"_s);
        QCOMPARE(typing.at(0).at(2).toBool(), true);
        m_alice->sendTyping(*m_group, false);
        QVERIFY(typing.wait(kEngineWaitMs));
        QCOMPARE(typing.at(1).at(2).toBool(), false);
        QCOMPARE(ownEcho.size(), 0); // the typist is not told about itself
    }

    void presenceGoesAwayThenOfflineWithLastSeen() {
        QSignalSpy presence(&m_alice.engine(), &engine::SyncEngine::presence);
        QCOMPARE(failure(awaitError(
                     [&](engine::Completion done) { m_bob->setPresence(u"away"_s, done); })),
                 QString());
        QVERIFY(waitForPresence(presence, u"bob"_s, u"away"_s));
        QCOMPARE(presence.at(findPresence(presence, u"bob"_s, u"away"_s)).at(2).toLongLong(),
                 qint64(0));
        QCOMPARE(query(m_alice.engine(), {u"bob"_s}).value(0).status, u"away"_s);

        QCOMPARE(failure(awaitError(
                     [&](engine::Completion done) { m_bob->setPresence(u"online"_s, done); })),
                 QString());
        QVERIFY(waitForPresence(presence, u"bob"_s, u"online"_s));
        const auto invalid =
            awaitError([&](engine::Completion done) { m_bob->setPresence(u"busy"_s, done); });
        QVERIFY(invalid);
        QCOMPARE(invalid->code, engine::EngineErrorCode::InvalidArgument);

        m_bob->stop();
        QVERIFY(waitForPresence(presence, u"bob"_s, u"offline"_s));
        const qint64 lastSeen =
            presence.at(findPresence(presence, u"bob"_s, u"offline"_s)).at(2).toLongLong();
        QVERIFY(lastSeen > 0);
        const auto answer = query(m_alice.engine(), {u"bob"_s});
        QCOMPARE(answer.size(), 1);
        QCOMPARE(answer.at(0).status, u"offline"_s);
        QCOMPARE(answer.at(0).lastSeenMs, lastSeen);
        QVERIFY(!m_bob->start().has_value());
        QVERIFY(m_bob.waitCaughtUp());
    }

    void awayIsKeptAcrossAReconnect() {
        QSignalSpy presence(&m_alice.engine(), &engine::SyncEngine::presence);
        m_bob->stop();
        QVERIFY(waitForPresence(presence, u"bob"_s, u"offline"_s));
        // Offline, the request fails, but the status is kept for the next connection.
        const auto offline =
            awaitError([&](engine::Completion done) { m_bob->setPresence(u"away"_s, done); });
        QVERIFY(offline);
        QCOMPARE(offline->code, engine::EngineErrorCode::NotOnline);
        const qsizetype mark = presence.size();
        QVERIFY(!m_bob->start().has_value());
        QVERIFY(waitForPresence(presence, u"bob"_s, u"away"_s, mark));
        QCOMPARE(query(m_alice.engine(), {u"bob"_s}).value(0).status, u"away"_s);
        QCOMPARE(failure(awaitError(
                     [&](engine::Completion done) { m_bob->setPresence(u"online"_s, done); })),
                 QString());
        QVERIFY(waitForPresence(presence, u"bob"_s, u"online"_s, mark));
    }

    void queryPresenceAnswersForContactsOnly() {
        const auto answer =
            query(m_alice.engine(), {u"bob"_s, u"carol"_s, u"alice"_s, u"nobody-here"_s});
        QCOMPARE(answer.size(), 4);
        QCOMPARE(answer.at(0).user, u"bob"_s);
        QCOMPARE(answer.at(0).status, u"online"_s);
        // carol is online, but shares no conversation with alice.
        QCOMPARE(answer.at(1).user, u"carol"_s);
        QCOMPARE(answer.at(1).status, u"offline"_s);
        QCOMPARE(answer.at(1).lastSeenMs, qint64(0));
        QCOMPARE(answer.at(2).status, u"online"_s);
        QCOMPARE(answer.at(3).status, u"offline"_s);
        QCOMPARE(answer.at(3).lastSeenMs, qint64(0));
    }

    void policyRefusesAStrangersDm() {
        // Learnt from the relay on connect: the default.
        QTRY_COMPARE_WITH_TIMEOUT(m_alice->messagePolicy(),
                                  std::optional<MessagePolicy>(MessagePolicy::Everyone),
                                  kEngineWaitMs);
        QSignalSpy changed(&m_alice.engine(), &engine::SyncEngine::messagePolicyChanged);
        QCOMPARE(failure(awaitError([&](engine::Completion done) {
                     m_alice->setMessagePolicy(MessagePolicy::Shared, done);
                 })),
                 QString());
        QCOMPARE(m_alice->messagePolicy(), std::optional<MessagePolicy>(MessagePolicy::Shared));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<MessagePolicy>(), MessagePolicy::Shared);

        const auto refused =
            createError(m_carol.engine(), hearth::ConversationKind::Dm, {u"alice"_s});
        QVERIFY(refused);
        QCOMPARE(refused->code, engine::EngineErrorCode::Relay);
        QCOMPARE(refused->relayCode, std::optional(protocol::ErrorCode::NotAccepting));
        QVERIFY2(refused->message.contains(u"message_policy \"shared\""_s),
                 qPrintable(refused->message));
        // bob shares the group with alice, so his dm goes through.
        QCOMPARE(failure(createError(m_bob.engine(), hearth::ConversationKind::Dm, {u"alice"_s})),
                 QString());

        QCOMPARE(failure(awaitError([&](engine::Completion done) {
                     m_alice->setMessagePolicy(MessagePolicy::Nobody, done);
                 })),
                 QString());
        const auto nobody =
            createError(m_bob.engine(), hearth::ConversationKind::Group, {u"alice"_s});
        QVERIFY(nobody);
        QCOMPARE(nobody->relayCode, std::optional(protocol::ErrorCode::NotAccepting));
    }

    void policyIsCachedAcrossARestart() {
        QCOMPARE(m_alice->messagePolicy(), std::optional<MessagePolicy>(MessagePolicy::Nobody));
        m_alice.close();
        QVERIFY(m_alice.reopen());
        // Known before the connection says so (the store keeps the last value) ...
        QCOMPARE(m_alice->messagePolicy(), std::optional<MessagePolicy>(MessagePolicy::Nobody));
        QVERIFY(m_alice.waitCaughtUp());
        QCOMPARE(failure(awaitError([&](engine::Completion done) {
                     m_alice->setMessagePolicy(MessagePolicy::Everyone, done);
                 })),
                 QString());
        // ... and the relay's value is what counts.
        QCOMPARE(failure(createError(m_carol.engine(), hearth::ConversationKind::Dm, {u"alice"_s})),
                 QString());
    }

private:
    RelayProcess m_relay;
    TestDevice m_alice, m_bob, m_carol;
    std::optional<hearth::ConversationId> m_group;
};

QTEST_GUILESS_MAIN(TstAwareness)
#include "tst_awareness.moc"
