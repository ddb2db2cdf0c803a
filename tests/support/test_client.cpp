// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/test_client.h"

#include "sync/protocol/protocol.h"

#include <QTest>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;
using protocol::Frame;
using protocol::ProtocolError;
using protocol::ProtocolResult;

namespace {

// why: raw requests get ids far above anything RelayConnection hands out, so their replies
// can be told apart from (and never complete) a pending call().
constexpr quint64 kRawIdBase = quint64(1) << 40;

ProtocolError timeoutError(const QString &what, int timeoutMs) {
    return ProtocolError{protocol::ErrorCode::Unavailable,
                         u"test timeout: no reply to %1 within %2 ms"_s.arg(what).arg(timeoutMs),
                         std::nullopt};
}

} // namespace

std::optional<Frame> takeFrame(QList<Frame> &frames,
                               const std::function<bool(const Frame &)> &matches, int timeoutMs) {
    std::optional<Frame> found;
    const auto take = [&] {
        const auto it = std::find_if(frames.begin(), frames.end(), matches);
        if (it == frames.end())
            return false;
        found = *it;
        frames.erase(it);
        return true;
    };
    (void)QTest::qWaitFor(take, timeoutMs);
    return found;
}

TestClient::TestClient()
    : m_nextRawId(kRawIdBase) {
    QObject::connect(&m_connection, &engine::RelayConnection::pushed, &m_connection,
                     [this](const Frame &frame) { m_pushes.append(frame); });
    QObject::connect(&m_connection, &engine::RelayConnection::closed, &m_connection,
                     [this](int code, const QString &) { m_closeCode = code; });
    QObject::connect(&m_connection.socket(), &QWebSocket::binaryMessageReceived, &m_connection,
                     [this](const QByteArray &bytes) { onBinaryMessage(bytes); });
}

TestClient::~TestClient() = default;

bool TestClient::connect(const QUrl &url, int timeoutMs) {
    m_closeCode.reset();
    m_lastError.clear();
    m_connection.open(url);
    const bool settled = QTest::qWaitFor(
        [this] { return m_connection.isReady() || m_closeCode.has_value(); }, timeoutMs);
    if (m_connection.isReady())
        return true;
    m_lastError =
        settled ? u"connection to %1 closed (code %2) before the hello reply"_s.arg(url.toString())
                      .arg(m_closeCode.value_or(-1))
                : u"no hello reply from %1 within %2 ms"_s.arg(url.toString()).arg(timeoutMs);
    return false;
}

ProtocolResult<Frame>
TestClient::waitForReply(const QString &what,
                         const std::function<void(engine::RelayConnection::ReplyHandler)> &send,
                         int timeoutMs) {
    // why: shared, so a reply arriving after a timeout writes to live memory.
    auto reply = std::make_shared<std::optional<ProtocolResult<Frame>>>();
    send([reply](const ProtocolResult<Frame> &result) { *reply = result; });
    if (!QTest::qWaitFor([&reply] { return reply->has_value(); }, timeoutMs))
        return timeoutError(what, timeoutMs);
    return **reply;
}

ProtocolResult<Frame> TestClient::call(QLatin1StringView type, const QCborMap &fields,
                                       int timeoutMs) {
    return waitForReply(
        QString(type),
        [&](engine::RelayConnection::ReplyHandler handler) {
            m_connection.request(type, fields, std::move(handler));
        },
        timeoutMs);
}

QList<ProtocolResult<Frame>> TestClient::callAll(QLatin1StringView type,
                                                 const QList<QCborMap> &fieldsList, int timeoutMs) {
    auto replies = std::make_shared<QList<std::optional<ProtocolResult<Frame>>>>(fieldsList.size());
    for (qsizetype i = 0; i < fieldsList.size(); ++i) {
        m_connection.request(
            type, fieldsList[i],
            [replies, i](const ProtocolResult<Frame> &result) { (*replies)[i] = result; });
    }
    const auto allAnswered = [&replies] {
        return std::all_of(replies->cbegin(), replies->cend(),
                           [](const auto &reply) { return reply.has_value(); });
    };
    (void)QTest::qWaitFor(allAnswered, timeoutMs);
    QList<ProtocolResult<Frame>> results;
    for (const auto &reply : std::as_const(*replies))
        results.append(reply ? *reply
                             : ProtocolResult<Frame>(timeoutError(QString(type), timeoutMs)));
    return results;
}

ProtocolResult<engine::DeviceCredentials>
TestClient::addDevice(const QString &user, const QString &password, const QString &name) {
    engine::DeviceCredentials credentials = engine::DeviceCredentials::generate(user);
    QCborMap fields;
    fields.insert("user"_L1, user);
    fields.insert("password"_L1, password);
    fields.insert("sign_key"_L1, credentials.signingKey->publicKey());
    fields.insert("dh_key"_L1, credentials.dhKey->publicKey());
    if (!name.isEmpty())
        fields.insert("name"_L1, name);
    const ProtocolResult<Frame> reply = call(protocol::type::kAddDevice, fields);
    if (!reply)
        return reply.error();
    credentials.device = reply.value().uint("device"_L1);
    return credentials;
}

ProtocolResult<engine::DeviceCredentials>
TestClient::registerAndAddDevice(const QString &user, const QString &password,
                                 const QString &deviceName) {
    QCborMap fields;
    fields.insert("user"_L1, user);
    fields.insert("password"_L1, password);
    const ProtocolResult<Frame> registered = call(protocol::type::kRegister, fields);
    if (!registered)
        return registered.error();
    return addDevice(user, password, deviceName);
}

ProtocolResult<Frame> TestClient::authenticate(const engine::DeviceCredentials &credentials) {
    ProtocolResult<Frame> reply = waitForReply(
        u"auth"_s,
        [&](engine::RelayConnection::ReplyHandler handler) {
            m_connection.authenticate(credentials, std::move(handler));
        },
        kWaitMs);
    if (reply)
        m_credentials = credentials;
    return reply;
}

std::optional<Frame> TestClient::waitForPush(QLatin1StringView type, int timeoutMs) {
    return waitForPush([type](const Frame &frame) { return frame.type() == type; }, timeoutMs);
}

std::optional<Frame> TestClient::waitForPush(const std::function<bool(const Frame &)> &matches,
                                             int timeoutMs) {
    return takeFrame(m_pushes, matches, timeoutMs);
}

quint64 TestClient::sendRawFrame(QCborMap frame) {
    const quint64 id = m_nextRawId++;
    frame.insert(protocol::field::kId, static_cast<qint64>(id));
    sendRaw(QCborValue(frame).toCbor());
    return id;
}

std::optional<Frame> TestClient::waitForRawReply(quint64 id, int timeoutMs) {
    return takeFrame(
        m_rawReplies, [id](const Frame &frame) { return frame.id().value_or(0) == id; }, timeoutMs);
}

int TestClient::waitForClose(int timeoutMs) {
    (void)QTest::qWaitFor([this] { return m_closeCode.has_value(); }, timeoutMs);
    return m_closeCode.value_or(-1);
}

void TestClient::onBinaryMessage(const QByteArray &bytes) {
    ProtocolResult<Frame> decoded = protocol::decodeFrame(bytes);
    if (!decoded || !decoded.value().isReply())
        return;
    // An error about an unreadable frame carries id 0 (or, if the relay is wrong, none).
    const quint64 id = decoded.value().id().value_or(0);
    if (id == 0 || id >= kRawIdBase)
        m_rawReplies.append(std::move(decoded).value());
}

} // namespace hearth::test
