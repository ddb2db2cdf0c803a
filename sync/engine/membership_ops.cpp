// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/membership_ops.h"

#include "crypto/signing_key.h"

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

EngineResult<crypto::MembershipOp> signCreation(const Identity &self, hearth::ConversationKind kind,
                                                const QString &title, const QStringList &members) {
    crypto::MembershipChange change;
    change.chain = crypto::ChainId::generate();
    change.action = hearth::MembershipAction::Create;
    change.actor = self.address();
    change.timestampMs = static_cast<quint64>(EngineContext::now());
    change.kind = kind;
    change.title = kind == hearth::ConversationKind::Dm ? QString() : title;
    for (const QString &member : members)
        change.members.append(crypto::InitialMember{UserId{member}, hearth::Role::Member});
    auto op = crypto::MembershipOp::sign(change, *self.signingKey);
    if (!op)
        return cryptoError(op.error());
    return std::move(*op);
}

EngineResult<crypto::MembershipOp> signChange(EngineContext &context, ConversationId conversation,
                                              hearth::MembershipAction action, const UserId &target,
                                              std::optional<hearth::Role> role) {
    auto chain = context.store.membership().chain(conversation);
    if (!chain)
        return storeError(chain.error());
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
    change.role = role;
    auto op = crypto::MembershipOp::sign(change, *context.identity.signingKey);
    if (!op)
        return cryptoError(op.error());
    return std::move(*op);
}

} // namespace hearth::engine
