// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the relay integration tests: a running relay plus users, devices,
// conversations and messages on it, each one call.
#pragma once

#include "sync/protocol/protocol.h"
#include "tests/support/relay_process.h"
#include "tests/support/test_client.h"

#include <QCborMap>
#include <QList>
#include <QStringList>
#include <QWebSocket>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;
// why: every relay test spells these; declared once here, they come with
// `using namespace hearth::test`.
using protocol::Frame;
using protocol::ProtocolResult;
namespace type = protocol::type;

inline constexpr auto kPassword = "correct horse battery staple"_L1;

//! "ok", or the error's code name followed by its message (for failure messages).
template <class T> [[nodiscard]] QString describe(const protocol::ProtocolResult<T> &result) {
    if (result)
        return u"ok"_s;
    return protocol::errorCodeName(result.error().code) + u": "_s + result.error().message;
}
//! "ok", or the error's code name (for QCOMPARE against the spec's codes).
template <class T> [[nodiscard]] QString codeOf(const protocol::ProtocolResult<T> &result) {
    return result ? u"ok"_s : QString(protocol::errorCodeName(result.error().code));
}

//! Fails the current test function unless `expr` (evaluated once) is an "ok" result.
#define HEARTH_VERIFY_OK(expr)                                                                     \
    do {                                                                                           \
        const auto &hearthResult = (expr);                                                         \
        QVERIFY2(hearthResult.ok(), qPrintable(::hearth::test::describe(hearthResult)));           \
    } while (false)
//! Fails the current test function unless `result` is an error with code `code`.
#define HEARTH_COMPARE_CODE(result, code) QCOMPARE(::hearth::test::codeOf(result), QString(code))

//! One device of a user with its own authenticated connection.
struct Device {
    engine::DeviceCredentials credentials;
    std::unique_ptr<TestClient> client;

    TestClient *operator->() const { return client.get(); }
    [[nodiscard]] const QString &user() const { return credentials.user; }
    [[nodiscard]] quint64 id() const { return credentials.device; }
};

//! Two users sharing a group that `a` created, both online.
struct GroupOfTwo {
    Device a, b;
    quint64 conv = 0;
};

//! User a with two devices and user b with one, all online, in a group that a1 created.
struct TwoUsersThreeDevices {
    Device a1, a2, b;
    quint64 conv = 0;
};

//! A relay process of the test's own, and helpers to populate it. Helpers that fail print
//! why (qWarning) and return an empty value for the test to QVERIFY.
class RelayFixture final {
public:
    explicit RelayFixture(QStringList extraArgs = {})
        : m_relay(std::move(extraArgs)) {}

    //! Starts the relay; false with a warning explaining why.
    [[nodiscard]] bool start();
    [[nodiscard]] RelayProcess &relay() { return m_relay; }

    //! A fresh valid username, unique within this fixture.
    [[nodiscard]] QString freshUser(const QString &prefix = u"user"_s);
    //! A connection that finished hello but is not authenticated.
    [[nodiscard]] std::unique_ptr<TestClient> connect();
    //! Registers `user` (fresh when empty) with one device and authenticates it.
    [[nodiscard]] std::optional<Device> signUp(const QString &user = {});
    //! Adds another device to an existing `user` and authenticates it.
    [[nodiscard]] std::optional<Device> addDevice(const QString &user);
    //! A new authenticated connection for existing credentials.
    [[nodiscard]] std::optional<Device> reconnect(const engine::DeviceCredentials &credentials);
    [[nodiscard]] std::optional<GroupOfTwo> groupOfTwo();
    [[nodiscard]] std::optional<TwoUsersThreeDevices> twoUsersThreeDevices();

private:
    RelayProcess m_relay;
    int m_users = 0;
};

//! A WebSocket with no protocol logic at all (no automatic hello), for the first frames of a
//! connection.
class RawSocket final {
public:
    RawSocket();
    [[nodiscard]] bool open(const QUrl &url);
    //! Sends a request with `id` and waits for the reply ("ok" or "error") carrying that id.
    [[nodiscard]] std::optional<protocol::Frame> request(QLatin1StringView type, quint64 id,
                                                         const QCborMap &fields = {});

private:
    QWebSocket m_socket;
    QList<protocol::Frame> m_replies;
};

//! Relay arguments setting protocol limits: "--limit name=value" for each entry.
[[nodiscard]] QStringList
limitArgs(std::initializer_list<std::pair<QLatin1StringView, qint64>> limits);

//! `size` random bytes (message ids, bodies).
[[nodiscard]] QByteArray randomBytes(qsizetype size);
[[nodiscard]] QByteArray randomCmid();

//! The request fields of common calls.
[[nodiscard]] QCborMap credentialsFields(const QString &user, const QString &password);
[[nodiscard]] QCborMap createConvFields(QLatin1StringView kind, const QStringList &members,
                                        const QString &title = {});
[[nodiscard]] QCborMap sendFields(quint64 conv, const QByteArray &body,
                                  const QByteArray &cmid = randomCmid());
[[nodiscard]] QCborMap memberFields(quint64 conv, const QString &user, QLatin1StringView role = {});
[[nodiscard]] QCborMap convField(quint64 conv);
//! sync of `conv` after `after`, with a page `limit` when given.
[[nodiscard]] QCborMap syncFields(quint64 conv, quint64 after,
                                  std::optional<quint64> limit = std::nullopt);

//! create_conv with the creation signed by `client`'s device; returns the reply (conv, seq).
[[nodiscard]] protocol::ProtocolResult<protocol::Frame> createConv(TestClient &client,
                                                                   QLatin1StringView kind,
                                                                   const QStringList &members,
                                                                   const QString &title = {});
//! A group of `creator` and `members`; its conv id, or 0 (with a warning) on failure.
[[nodiscard]] quint64 createGroup(TestClient &creator, const QStringList &members = {},
                                  const QString &title = u"group"_s);
//! send of a message with a fresh cmid.
[[nodiscard]] protocol::ProtocolResult<protocol::Frame>
sendMessage(TestClient &client, quint64 conv, const QByteArray &body);
//! add_member / remove_member / set_role / leave (`type`) of `user` in `conv`, with the op
//! signed by `client`'s device on the chain head it syncs first (signed_membership.h).
[[nodiscard]] protocol::ProtocolResult<protocol::Frame>
changeMember(TestClient &client, QLatin1StringView type, quint64 conv, const QString &user,
             QLatin1StringView role = {});
//! leave of `conv`, signed as changeMember() does.
[[nodiscard]] protocol::ProtocolResult<protocol::Frame> leave(TestClient &client, quint64 conv);

//! Every event after `after` visible to the caller, following "more" page by page with
//! `limit` (0: the relay's default); nullopt (with a warning) when a page fails or the
//! paging does not terminate.
[[nodiscard]] std::optional<QList<QCborMap>> syncAll(TestClient &client, quint64 conv,
                                                     quint64 after = 0, quint64 limit = 0);

//! The sequence numbers of `events` (event maps), in order.
[[nodiscard]] QList<quint64> seqsOf(const QList<QCborMap> &events);
//! 1, 2, ..., `last`: the sequence numbers of a log of `last` events with no gap.
[[nodiscard]] QList<quint64> seqsUpTo(quint64 last);
//! The message events among `events` (membership events left out), in order.
[[nodiscard]] QList<QCborMap> messagesOf(const QList<QCborMap> &events);
//! The entry for `conv` in a convs reply (empty map when absent).
[[nodiscard]] QCborMap findConv(const protocol::Frame &reply, quint64 conv);

//! Whether `push` is the event push of (`conv`, `seq`).
[[nodiscard]] bool isEventPush(const protocol::Frame &push, quint64 conv, quint64 seq);
//! Whether `pushes` contain an event push for (`conv`, `seq`).
[[nodiscard]] bool hasEventPush(const QList<protocol::Frame> &pushes, quint64 conv, quint64 seq);
//! Waits for the event push of (`conv`, `seq`); returns its event map.
[[nodiscard]] std::optional<QCborMap> waitForEvent(TestClient &client, quint64 conv, quint64 seq);

} // namespace hearth::test
