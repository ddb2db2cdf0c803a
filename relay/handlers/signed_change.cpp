// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/handlers/signed_change.h"

#include "relay/client_session.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "sync/protocol/names.h"
#include "sync/protocol/protocol.h"

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;
using crypto::MembershipOp;
using protocol::ErrorCode;
namespace proto = hearth::protocol;

namespace {

Refusal invalid(const QString &message) {
    return {ErrorCode::InvalidArgument, message};
}

//! A refusal for an op that says something else than its request.
Refusal mismatch(const QString &what) {
    return invalid(u"the signed membership change (op) does not match the request: %1"_s.arg(what));
}

} // namespace

std::variant<Refusal, MembershipOp>
readSignedChange(RelayContext &ctx, const ClientSession &session, QByteArrayView bytes) {
    crypto::CryptoResult<MembershipOp> op = MembershipOp::parse(bytes);
    if (!op)
        return invalid(u"op is not a signed membership change (%1)"_s.arg(
            QLatin1StringView(crypto::cryptoErrorName(op.error()))));
    const hearth::DeviceAddress &actor = op->change().actor;
    if (actor.user.name != session.user() ||
        actor.device.value != static_cast<quint64>(session.device().value))
        return invalid(u"op names another member or device as its actor; sign it with the "
                       "device that sends the request"_s);
    const std::optional<Device> device = ctx.storage.device(session.device());
    const auto key = device ? crypto::SigningPublicKey::fromBytes(device->signKey) : std::nullopt;
    if (!key)
        return Refusal{ErrorCode::Internal, u"the key of this device is not known"_s};
    if (!op->verify(*key))
        return invalid(u"op is not signed by this device's key"_s);
    return std::move(op).value();
}

std::optional<Refusal> checkCreateOp(const MembershipOp &op, QStringView kind, const QString &title,
                                     const QStringList &members) {
    const crypto::MembershipChange &change = op.change();
    if (change.action != MembershipAction::Create)
        return mismatch(u"it is not a creation"_s);
    if (proto::kindFromName(kind) != change.kind)
        return mismatch(u"kind"_s);
    if (change.title != title)
        return mismatch(kind == proto::kind::kDm ? u"title (a dm has none)"_s : u"title"_s);
    if (change.members.size() != members.size())
        return mismatch(u"members"_s);
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (change.members[i].user.name != members[i])
            return mismatch(u"members (the same users, in the same order)"_s);
        if (change.members[i].role != hearth::Role::Member)
            return mismatch(u"members (everyone starts as a member)"_s);
    }
    return std::nullopt;
}

std::optional<Refusal> checkChangeOp(const MembershipOp &op, MembershipAction action,
                                     const QString &target, const QString &role) {
    const crypto::MembershipChange &change = op.change();
    if (change.action != action)
        return mismatch(u"action"_s);
    if (change.target.name != target)
        return mismatch(u"user"_s);
    if (role.isEmpty())
        return change.role ? std::optional(mismatch(u"role (this change has none)"_s))
                           : std::nullopt;
    const std::optional<hearth::Role> wanted = proto::roleFromName(role);
    if (!wanted)
        return invalid(u"role must be owner, admin or member"_s);
    if (change.role != wanted)
        return mismatch(u"role"_s);
    return std::nullopt;
}

std::optional<Refusal> checkFollowsHead(const Conversation &conv, const MembershipOp &op) {
    if (conv.isLegacy())
        return Refusal{ErrorCode::Forbidden,
                       u"this conversation predates signed membership; its members cannot "
                       "change"_s};
    if (op.change().chain.bytes() != conv.chainId)
        return Refusal{ErrorCode::StaleMembership,
                       u"op names another conversation's membership chain"_s};
    if (op.change().previous != conv.chainHead)
        return Refusal{ErrorCode::StaleMembership,
                       u"op does not follow the latest membership change; sync and sign it "
                       "again"_s};
    return std::nullopt;
}

} // namespace hearth::relay
