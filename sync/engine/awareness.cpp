// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/awareness.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <QHash>
#include <array>
#include <utility>

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;
namespace proto = hearth::protocol;

namespace {

constexpr std::array kPolicyNames = {
    std::pair{MessagePolicy::Everyone, proto::message_policy::kEveryone},
    std::pair{MessagePolicy::Shared, proto::message_policy::kShared},
    std::pair{MessagePolicy::Nobody, proto::message_policy::kNobody},
};

PresenceInfo presenceFrom(const QCborMap &map) {
    return PresenceInfo{map.value("user"_L1).toString(), map.value("status"_L1).toString(),
                        map.value("last_seen"_L1).toInteger(0)};
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
    QCborMap fields;
    fields.insert("message_policy"_L1, messagePolicyName(policy));
    m_context.connection.request(proto::type::kSetPrivacy, fields,
                                 [this, done = std::move(done)](const auto &reply) {
                                     if (!reply) {
                                         done(relayError(reply.error()));
                                         return;
                                     }
                                     remember(reply.value().text("message_policy"_L1));
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
    QCborMap fields;
    fields.insert("users"_L1, QCborArray::fromStringList(users));
    m_context.connection.request(
        proto::type::kPresenceQuery, fields, [users, done = std::move(done)](const auto &reply) {
            if (!reply) {
                done(relayError(reply.error()));
                return;
            }
            QHash<QString, PresenceInfo> byUser;
            for (const QCborValue &entry : reply.value().array("presence"_L1)) {
                PresenceInfo info = presenceFrom(entry.toMap());
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
    QCborMap fields;
    fields.insert("conv"_L1, static_cast<qint64>(conversation.value));
    fields.insert("active"_L1, active);
    m_context.connection.request(proto::type::kTyping, fields, [](const auto &) {});
}

void Awareness::setPresence(const QString &status, Completion done) {
    if (!done)
        done = [](const auto &) {};
    if (status != proto::presence::kOnline && status != proto::presence::kAway) {
        done(engineError(EngineErrorCode::InvalidArgument, u"status must be online or away"_s));
        return;
    }
    m_status = status;
    QCborMap fields;
    fields.insert("status"_L1, status);
    m_context.connection.request(
        proto::type::kPresence, fields, [done = std::move(done)](const auto &reply) {
            done(reply ? std::nullopt : std::optional(relayError(reply.error())));
        });
}

void Awareness::onOnline() {
    // why: the relay marks an account online when its first device connects; a member who
    // stepped away stays away across reconnects.
    if (m_status != proto::presence::kOnline)
        setPresence(m_status, {});
    m_context.connection.request(proto::type::kGetPrivacy, {}, [this](const auto &reply) {
        if (reply)
            remember(reply.value().text("message_policy"_L1));
    });
}

bool Awareness::handlePush(const protocol::Frame &frame) {
    const QString type = frame.type();
    if (type == proto::type::kTyping) {
        Q_EMIT typing(frame.uint("conv"_L1), frame.text("user"_L1), frame.boolean("active"_L1));
    } else if (type == proto::type::kPresence) {
        const PresenceInfo info = presenceFrom(frame.map());
        Q_EMIT presence(info.user, info.status, info.lastSeenMs);
    } else if (type == proto::type::kPrivacy) {
        remember(frame.text("message_policy"_L1));
    } else {
        return false;
    }
    return true;
}

} // namespace hearth::sync
