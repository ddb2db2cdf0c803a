// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/membership_ops.h"

#include "crypto/signing_key.h"

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;

// why: the crypto enums start at 1 (0 is "none" on the wire), the store's at 0; both keep the
// protocol's order.
store::Role roleFrom(crypto::MemberRole role) {
    return static_cast<store::Role>(quint8(role) - 1);
}

crypto::MemberRole memberRoleFrom(store::Role role) {
    return static_cast<crypto::MemberRole>(quint8(role) + 1);
}

store::ConversationKind kindFrom(crypto::ChainKind kind) {
    return static_cast<store::ConversationKind>(quint8(kind) - 1);
}

crypto::ChainKind chainKindFrom(store::ConversationKind kind) {
    return static_cast<crypto::ChainKind>(quint8(kind) + 1);
}

store::MembershipAction actionFrom(crypto::MembershipAction action) {
    return static_cast<store::MembershipAction>(quint8(action) - 1);
}

EngineResult<crypto::MembershipOp> signCreation(const Identity &self, store::ConversationKind kind,
                                                const QString &title, const QStringList &members) {
    crypto::MembershipChange change;
    change.chain = crypto::ChainId::generate();
    change.action = crypto::MembershipAction::Create;
    change.actor = self.address();
    change.timestampMs = static_cast<quint64>(EngineContext::now());
    change.kind = chainKindFrom(kind);
    change.title = kind == store::ConversationKind::Dm ? QString() : title;
    for (const QString &member : members)
        change.members.append(crypto::InitialMember{UserId{member}, crypto::MemberRole::Member});
    auto op = crypto::MembershipOp::sign(change, *self.signingKey);
    if (!op)
        return cryptoError(op.error());
    return std::move(*op);
}

EngineResult<crypto::MembershipOp> signChange(EngineContext &context, ConversationId conversation,
                                              crypto::MembershipAction action, const UserId &target,
                                              std::optional<store::Role> role) {
    auto chain = context.store.membership().chain(conversation);
    if (!chain)
        return storeError(chain.failure());
    if (!*chain)
        return engineError(EngineErrorCode::Untrusted,
                           u"This conversation was made before members were signed, so its "
                           "members can't change. Start a new conversation to add people."_s);
    crypto::MembershipChange change;
    change.chain = (*chain)->chain;
    change.previous = (*chain)->head;
    change.action = action;
    change.actor = context.identity.address();
    change.timestampMs = static_cast<quint64>(EngineContext::now());
    change.target = target;
    if (role)
        change.role = memberRoleFrom(*role);
    auto op = crypto::MembershipOp::sign(change, *context.identity.signingKey);
    if (!op)
        return cryptoError(op.error());
    return std::move(*op);
}

} // namespace hearth::sync
