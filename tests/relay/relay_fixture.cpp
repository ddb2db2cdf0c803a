// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/relay/relay_fixture.h"

#include "sync/protocol/protocol.h"
#include "tests/relay/signed_membership.h"

#include <QCborArray>
#include <QRandomGenerator>
#include <QTest>

namespace hearth::test {

namespace {

// why: a relay that keeps answering more=true must fail the test, not hang it.
constexpr int kMaxSyncPages = 10000;

std::optional<Device> authenticated(std::unique_ptr<TestClient> client,
                                    engine::DeviceCredentials credentials) {
    if (!client)
        return std::nullopt;
    const ProtocolResult<Frame> auth = client->authenticate(credentials);
    if (!auth) {
        qWarning("auth of %s failed: %s", qPrintable(credentials.user), qPrintable(describe(auth)));
        return std::nullopt;
    }
    return Device{std::move(credentials), std::move(client)};
}

//! The event map carried by an "event" push.
QCborMap eventOf(const Frame &push) {
    return push.value("event"_L1).toMap();
}

} // namespace

bool RelayFixture::start() {
    if (m_relay.start())
        return true;
    qWarning("%s", qPrintable(m_relay.errorString()));
    return false;
}

QString RelayFixture::freshUser(const QString &prefix) {
    return prefix + QString::number(++m_users);
}

std::unique_ptr<TestClient> RelayFixture::connect() {
    auto client = std::make_unique<TestClient>();
    if (client->connect(m_relay.wsUrl()))
        return client;
    qWarning("%s", qPrintable(client->lastError()));
    return nullptr;
}

std::optional<Device> RelayFixture::signUp(const QString &user) {
    auto client = connect();
    if (!client)
        return std::nullopt;
    const ProtocolResult<engine::DeviceCredentials> credentials =
        client->registerAndAddDevice(user.isEmpty() ? freshUser() : user, kPassword);
    if (!credentials) {
        qWarning("sign-up failed: %s", qPrintable(describe(credentials)));
        return std::nullopt;
    }
    return authenticated(std::move(client), credentials.value());
}

std::optional<Device> RelayFixture::addDevice(const QString &user) {
    auto client = connect();
    if (!client)
        return std::nullopt;
    const ProtocolResult<engine::DeviceCredentials> credentials =
        client->addDevice(user, kPassword);
    if (!credentials) {
        qWarning("add_device failed: %s", qPrintable(describe(credentials)));
        return std::nullopt;
    }
    return authenticated(std::move(client), credentials.value());
}

std::optional<Device> RelayFixture::reconnect(const engine::DeviceCredentials &credentials) {
    return authenticated(connect(), credentials);
}

std::optional<GroupOfTwo> RelayFixture::groupOfTwo() {
    auto a = signUp();
    auto b = signUp();
    if (!a || !b)
        return std::nullopt;
    const quint64 conv = createGroup(*a->client, {b->user()});
    if (!conv)
        return std::nullopt;
    return GroupOfTwo{std::move(*a), std::move(*b), conv};
}

std::optional<TwoUsersThreeDevices> RelayFixture::twoUsersThreeDevices() {
    auto a1 = signUp();
    if (!a1)
        return std::nullopt;
    auto a2 = addDevice(a1->user());
    auto b = signUp();
    if (!a2 || !b)
        return std::nullopt;
    const quint64 conv = createGroup(*a1->client, {b->user()});
    if (!conv)
        return std::nullopt;
    return TwoUsersThreeDevices{std::move(*a1), std::move(*a2), std::move(*b), conv};
}

RawSocket::RawSocket() {
    QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, &m_socket,
                     [this](const QByteArray &bytes) {
                         ProtocolResult<Frame> frame = protocol::decodeFrame(bytes);
                         if (frame && frame.value().isReply())
                             m_replies.append(std::move(frame).value());
                     });
}

bool RawSocket::open(const QUrl &url) {
    m_socket.open(url);
    if (QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                        kWaitMs))
        return true;
    qWarning("raw socket could not connect to %s", qPrintable(url.toString()));
    return false;
}

std::optional<Frame> RawSocket::request(QLatin1StringView type, quint64 id,
                                        const QCborMap &fields) {
    m_socket.sendBinaryMessage(Frame::request(type, id, fields).encode());
    auto reply = takeFrame(m_replies, [id](const Frame &frame) { return frame.id() == id; });
    if (!reply)
        qWarning("no reply to raw %s within %d ms", type.data(), kWaitMs);
    return reply;
}

QStringList limitArgs(std::initializer_list<std::pair<QLatin1StringView, qint64>> limits) {
    QStringList args;
    for (const auto &[name, value] : limits)
        args << u"--limit"_s << u"%1=%2"_s.arg(name).arg(value);
    return args;
}

QByteArray randomBytes(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QByteArray randomCmid() {
    return randomBytes(protocol::kClientMessageIdSize);
}

QCborMap credentialsFields(const QString &user, const QString &password) {
    QCborMap fields;
    fields.insert("user"_L1, user);
    fields.insert("password"_L1, password);
    return fields;
}

QCborMap createConvFields(QLatin1StringView kind, const QStringList &members,
                          const QString &title) {
    QCborMap fields;
    fields.insert("kind"_L1, kind);
    fields.insert("members"_L1, QCborArray::fromStringList(members));
    if (!title.isEmpty())
        fields.insert("title"_L1, title);
    return fields;
}

QCborMap convField(quint64 conv) {
    QCborMap fields;
    fields.insert("conv"_L1, static_cast<qint64>(conv));
    return fields;
}

QCborMap syncFields(quint64 conv, quint64 after, std::optional<quint64> limit) {
    QCborMap fields = convField(conv);
    fields.insert("after"_L1, static_cast<qint64>(after));
    if (limit)
        fields.insert("limit"_L1, static_cast<qint64>(*limit));
    return fields;
}

QCborMap sendFields(quint64 conv, const QByteArray &body, const QByteArray &cmid) {
    QCborMap fields = convField(conv);
    fields.insert("cmid"_L1, cmid);
    fields.insert("body"_L1, body);
    return fields;
}

QCborMap memberFields(quint64 conv, const QString &user, QLatin1StringView role) {
    QCborMap fields = convField(conv);
    fields.insert("user"_L1, user);
    if (!role.isEmpty())
        fields.insert("role"_L1, role);
    return fields;
}

ProtocolResult<Frame> createConv(TestClient &client, QLatin1StringView kind,
                                 const QStringList &members, const QString &title) {
    QCborMap fields = createConvFields(kind, members, title);
    fields.insert("op"_L1, signChange(client, createChange(client, kind, members, title)));
    return client.call(protocol::type::kCreateConversation, fields);
}

quint64 createGroup(TestClient &creator, const QStringList &members, const QString &title) {
    const ProtocolResult<Frame> created =
        createConv(creator, protocol::kind::kGroup, members, title);
    if (!created)
        qWarning("create_conv failed: %s", qPrintable(describe(created)));
    return created ? created.value().uint("conv"_L1) : 0;
}

ProtocolResult<Frame> sendMessage(TestClient &client, quint64 conv, const QByteArray &body) {
    return client.call(protocol::type::kSend, sendFields(conv, body));
}

ProtocolResult<Frame> changeMember(TestClient &client, QLatin1StringView type, quint64 conv,
                                   const QString &user, QLatin1StringView role) {
    QCborMap fields =
        type == protocol::type::kLeave ? convField(conv) : memberFields(conv, user, role);
    fields.insert("op"_L1, signChange(client, requestChange(client, type, conv, user, role)));
    return client.call(type, fields);
}

ProtocolResult<Frame> leave(TestClient &client, quint64 conv) {
    return changeMember(client, protocol::type::kLeave, conv, {});
}

std::optional<QList<QCborMap>> syncAll(TestClient &client, quint64 conv, quint64 after,
                                       quint64 limit) {
    QList<QCborMap> events;
    for (int page = 0; page < kMaxSyncPages; ++page) {
        const ProtocolResult<Frame> reply =
            client.call(protocol::type::kSync,
                        syncFields(conv, after, limit > 0 ? std::optional(limit) : std::nullopt));
        if (!reply) {
            qWarning("sync of %llu after %llu failed: %s", conv, after,
                     qPrintable(describe(reply)));
            return std::nullopt;
        }
        const QCborArray batch = reply.value().array("events"_L1);
        for (const QCborValue &event : batch)
            events.append(event.toMap());
        if (!reply.value().boolean("more"_L1))
            return events;
        if (batch.isEmpty()) {
            qWarning("sync of %llu answered more=true with no events", conv);
            return std::nullopt;
        }
        after = static_cast<quint64>(batch.last().toMap().value("seq"_L1).toInteger());
    }
    qWarning("sync of %llu did not finish within %d pages", conv, kMaxSyncPages);
    return std::nullopt;
}

QList<quint64> seqsOf(const QList<QCborMap> &events) {
    QList<quint64> seqs;
    for (const QCborMap &event : events)
        seqs.append(static_cast<quint64>(event.value("seq"_L1).toInteger()));
    return seqs;
}

QList<quint64> seqsUpTo(quint64 last) {
    QList<quint64> seqs;
    for (quint64 seq = 1; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

QList<QCborMap> messagesOf(const QList<QCborMap> &events) {
    QList<QCborMap> messages;
    std::copy_if(events.cbegin(), events.cend(), std::back_inserter(messages),
                 [](const QCborMap &event) {
                     return event.value("kind"_L1).toString() == protocol::event_kind::kMessage;
                 });
    return messages;
}

QCborMap findConv(const Frame &reply, quint64 conv) {
    for (const QCborValue &entry : reply.array("convs"_L1)) {
        if (entry.toMap().value("conv"_L1).toInteger() == static_cast<qint64>(conv))
            return entry.toMap();
    }
    return {};
}

bool isEventPush(const Frame &push, quint64 conv, quint64 seq) {
    if (push.type() != protocol::type::kEvent)
        return false;
    const QCborMap event = eventOf(push);
    return event.value("conv"_L1).toInteger() == static_cast<qint64>(conv) &&
           event.value("seq"_L1).toInteger() == static_cast<qint64>(seq);
}

bool hasEventPush(const QList<Frame> &pushes, quint64 conv, quint64 seq) {
    return std::any_of(pushes.cbegin(), pushes.cend(),
                       [&](const Frame &push) { return isEventPush(push, conv, seq); });
}

std::optional<QCborMap> waitForEvent(TestClient &client, quint64 conv, quint64 seq) {
    const auto push =
        client.waitForPush([&](const Frame &frame) { return isEventPush(frame, conv, seq); });
    if (!push)
        return std::nullopt;
    return eventOf(*push);
}

} // namespace hearth::test
