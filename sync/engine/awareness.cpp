// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/awareness.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"

#include <QHash>
#include <array>
#include <utility>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;
namespace proto = hearth::protocol;

namespace {

constexpr std::array kPolicyNames = {
    std::pair{MessagePolicy::Everyone, proto::message_policy::kEveryone},
    std::pair{MessagePolicy::Shared, proto::message_policy::kShared},
    std::pair{MessagePolicy::Nobody, proto::message_policy::kNobody},
};

PresenceInfo presenceFrom(const proto::PresenceEntry &entry) {
    return PresenceInfo{entry.user.name, entry.status,
                        static_cast<qint64>(entry.lastSeen.value_or(0))};
}

} // namespace

QLatin1StringView messagePolicyName(MessagePolicy policy) {
    for (const auto &[value, name] : kPolicyNames)
        if (value == policy)
            return name;
    return proto::message_policy::kEveryone;
}

std::optional<MessagePolicy> messagePolicyFromName(QStringView name) {
    for (const auto &[value, policyName] : kPolicyNames)
        if (name == policyName)
            return value;
    return std::nullopt;
}

Awareness::Awareness(EngineContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_status(proto::presence::kOnline) {
    connect(&m_context.connection, &RelayLink::online, this, &Awareness::onOnline);
}

void Awareness::setMessagePolicy(MessagePolicy policy, Completion done) {
    m_context.connection.send(proto::SetPrivacyRequest{{QString(messagePolicyName(policy))}},
                              [this, done = std::move(done)](const auto &reply) {
                                  if (!reply) {
                                      done(relayError(reply.error()));
                                      return;
                                  }
                                  remember(reply.value().messagePolicy);
                                  done(std::nullopt);
                              });
}

std::optional<MessagePolicy> Awareness::messagePolicy() {
    auto value = m_context.store.account().setting(QString::fromLatin1(kPolicySetting));
    if (!value || !*value)
        return std::nullopt;
    return messagePolicyFromName(QString::fromLatin1(**value));
}

void Awareness::remember(const QString &name) {
    const std::optional<MessagePolicy> policy = messagePolicyFromName(name);
    if (!policy || messagePolicy() == policy)
        return;
    if (!m_context.store.account().setSetting(QString::fromLatin1(kPolicySetting), name.toLatin1()))
        return; // why: not cached, so the next connect learns it again and tells then
    Q_EMIT messagePolicyChanged(*policy);
}

void Awareness::queryPresence(const QStringList &users, PresenceCompletion done) {
    if (users.isEmpty()) {
        done(QList<PresenceInfo>());
        return;
    }
    m_context.connection.send(
        proto::PresenceQueryRequest{users}, [users, done = std::move(done)](const auto &reply) {
            if (!reply) {
                done(relayError(reply.error()));
                return;
            }
            QHash<QString, PresenceInfo> byUser;
            for (const proto::PresenceEntry &entry : reply.value().presence) {
                PresenceInfo info = presenceFrom(entry);
                byUser.insert(info.user, info);
            }
            // why: the relay answers per user; a user it left out reads as never seen.
            QList<PresenceInfo> result;
            for (const QString &user : users)
                result.append(
                    byUser.value(user, PresenceInfo{user, QString(proto::presence::kOffline), 0}));
            done(result);
        });
}

void Awareness::sendTyping(ConversationId conversation, bool active) {
    m_context.connection.send(proto::TypingRequest{conversation, active}, [](const auto &) {});
}

void Awareness::setPresence(const QString &status, Completion done) {
    if (!done)
        done = [](const auto &) {};
    if (status != proto::presence::kOnline && status != proto::presence::kAway) {
        done(engineError(EngineErrorCode::InvalidArgument, u"status must be online or away"_s));
        return;
    }
    m_status = status;
    m_context.connection.send(
        proto::PresenceRequest{status}, [done = std::move(done)](const auto &reply) {
            done(reply ? std::nullopt : std::optional(relayError(reply.error())));
        });
}

void Awareness::onOnline() {
    // why: the relay marks an account online when its first device connects; a member who
    // stepped away stays away across reconnects.
    if (m_status != proto::presence::kOnline)
        setPresence(m_status, {});
    m_context.connection.send(proto::GetPrivacyRequest{}, [this](const auto &reply) {
        if (reply)
            remember(reply.value().messagePolicy);
    });
}

void Awareness::onTypingPush(const protocol::Frame &frame) {
    const auto push = proto::decode<proto::TypingPush>(frame.map());
    Q_EMIT typing(push.conv.value, push.user.name, push.active);
}

void Awareness::onPresencePush(const protocol::Frame &frame) {
    const PresenceInfo info = presenceFrom(proto::decode<proto::PresencePush>(frame.map()));
    Q_EMIT presence(info.user, info.status, info.lastSeenMs);
}

void Awareness::onPrivacyPush(const protocol::Frame &frame) {
    remember(proto::decode<proto::PrivacyPush>(frame.map()).messagePolicy);
}

} // namespace hearth::engine
