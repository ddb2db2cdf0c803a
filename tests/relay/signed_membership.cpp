// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/relay/signed_membership.h"

#include "crypto/crypto_error.h"
#include "crypto/signing_key.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <QDateTime>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;
using hearth::MembershipAction;
using protocol::Frame;
using protocol::ProtocolResult;

namespace {

hearth::DeviceAddress actorOf(const TestClient &client) {
    const engine::DeviceCredentials *credentials = client.credentials();
    if (credentials == nullptr)
        return {};
    return hearth::DeviceAddress{hearth::UserId{credentials->user},
                                 hearth::DeviceId{credentials->device}};
}

} // namespace

std::optional<ChainHead> chainHeadOf(TestClient &client, quint64 conv) {
    std::optional<ChainHead> found;
    quint64 after = 0;
    for (bool more = true; more;) {
        QCborMap fields;
        fields.insert("conv"_L1, static_cast<qint64>(conv));
        fields.insert("after"_L1, static_cast<qint64>(after));
        const ProtocolResult<Frame> reply = client.call(protocol::type::kSync, fields);
        if (!reply)
            return std::nullopt;
        const QCborArray events = reply.value().array("events"_L1);
        for (const QCborValue &value : events) {
            const QCborMap event = value.toMap();
            after = static_cast<quint64>(event.value("seq"_L1).toInteger());
            if (!event.contains("op"_L1))
                continue;
            const auto op = crypto::MembershipOp::parse(event.value("op"_L1).toByteArray());
            if (op)
                found = ChainHead{op->change().chain, op->hash()};
        }
        more = reply.value().boolean("more"_L1) && !events.isEmpty();
    }
    return found;
}

std::optional<hearth::Role> memberRole(const QString &role) {
    if (role == protocol::role::kOwner)
        return hearth::Role::Owner;
    if (role == protocol::role::kAdmin)
        return hearth::Role::Admin;
    if (role == protocol::role::kMember)
        return hearth::Role::Member;
    return std::nullopt;
}

std::optional<hearth::ConversationKind> chainKind(const QString &kind) {
    if (kind == protocol::kind::kDm)
        return hearth::ConversationKind::Dm;
    if (kind == protocol::kind::kGroup)
        return hearth::ConversationKind::Group;
    if (kind == protocol::kind::kChannel)
        return hearth::ConversationKind::Channel;
    return std::nullopt;
}

crypto::MembershipChange createChange(const TestClient &client, QLatin1StringView kind,
                                      const QStringList &members, const QString &title) {
    crypto::MembershipChange change;
    change.action = MembershipAction::Create;
    change.actor = actorOf(client);
    change.timestampMs = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    change.kind = chainKind(QString(kind)).value_or(hearth::ConversationKind::Group);
    change.title = kind == protocol::kind::kDm ? QString() : title;
    QStringList seen{change.actor.user.name};
    for (const QString &member : members) {
        if (seen.contains(member))
            continue;
        seen.append(member);
        change.members.append(crypto::InitialMember{hearth::UserId{member}});
    }
    return change;
}

crypto::MembershipChange nextChange(TestClient &client, quint64 conv, MembershipAction action,
                                    const QString &target, std::optional<hearth::Role> role) {
    crypto::MembershipChange change;
    if (const std::optional<ChainHead> chain = chainHeadOf(client, conv)) {
        change.chain = chain->chain;
        change.previous = chain->head;
    } else {
        change.previous = QByteArray(crypto::kMembershipHashSize, '\0');
    }
    change.action = action;
    change.actor = actorOf(client);
    change.timestampMs = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    change.target =
        hearth::UserId{action == MembershipAction::Leave ? change.actor.user.name : target};
    change.role = role;
    return change;
}

crypto::MembershipChange requestChange(TestClient &client, QLatin1StringView type, quint64 conv,
                                       const QString &user, QLatin1StringView role) {
    namespace t = protocol::type;
    const hearth::Role named = memberRole(QString(role)).value_or(hearth::Role::Member);
    if (type == t::kAddMember)
        return nextChange(client, conv, MembershipAction::Add, user, named);
    if (type == t::kRemoveMember)
        return nextChange(client, conv, MembershipAction::Remove, user);
    if (type == t::kLeave)
        return nextChange(client, conv, MembershipAction::Leave, {});
    return nextChange(client, conv, MembershipAction::Role, user, named);
}

QByteArray signChange(const TestClient &signer, const crypto::MembershipChange &change) {
    const engine::DeviceCredentials *credentials = signer.credentials();
    if (credentials == nullptr || !credentials->signingKey) {
        qWarning("signChange: the signing client is not authenticated");
        return {};
    }
    auto op = crypto::MembershipOp::sign(change, *credentials->signingKey);
    if (!op) {
        qWarning("signChange: %s", crypto::cryptoErrorName(op.error()));
        return {};
    }
    return op->bytes();
}

} // namespace hearth::test
