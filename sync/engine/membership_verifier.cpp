// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/membership_verifier.h"

#include "crypto/membership_state.h"
#include "crypto/public_keys.h"
#include "sync/engine/conversation_info.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/membership_ops.h"
#include "sync/protocol/protocol.h"

#include <QLoggingCategory>
#include <QSet>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;
using store::MemberTrust;

Q_LOGGING_CATEGORY(lcMembership, "hearth.engine.membership")

namespace {

//! The signed change a relay event carries; empty for a message or an unsigned change.
QByteArray opOf(const protocol::Event &wire) {
    return wire.kind == protocol::event_kind::kMembership ? wire.op.value_or(QByteArray())
                                                          : QByteArray();
}

store::ChainRecord recordOf(const crypto::MembershipState &state, quint64 fetchedSeq) {
    store::ChainRecord record{state.chain(),  state.kind(), state.head(),
                              state.length(), fetchedSeq,   {}};
    for (auto it = state.members().cbegin(); it != state.members().cend(); ++it)
        record.members.insert(it.key(), it.value());
    return record;
}

crypto::CryptoResult<crypto::MembershipState> stateOf(const store::ChainRecord &record) {
    QMap<QString, hearth::Role> members;
    for (auto it = record.members.cbegin(); it != record.members.cend(); ++it)
        members.insert(it.key(), it.value());
    return crypto::MembershipState::restore(record.chain, record.kind, record.head, record.length,
                                            std::move(members));
}

//! The store's view of a verified change: what the signed bytes say, not the relay.
store::MembershipChange changeOf(const crypto::MembershipOp &op) {
    const crypto::MembershipChange &signedChange = op.change();
    store::MembershipChange change;
    change.action = signedChange.action;
    change.trust = MemberTrust::Signed;
    if (signedChange.action == hearth::MembershipAction::Create) {
        change.user = signedChange.actor.user;
        change.role = hearth::Role::Owner;
        change.conversationKind = signedChange.kind;
        change.title = signedChange.title;
    } else {
        change.user = signedChange.target;
        if (signedChange.role)
            change.role = *signedChange.role;
    }
    return change;
}

} // namespace

MembershipVerifier::MembershipVerifier(EngineContext &context, DeviceDirectory &directory)
    : m_context(context)
    , m_directory(directory) {}

QList<QByteArray> MembershipVerifier::opsOf(const QList<protocol::Event> &events) {
    QList<QByteArray> ops;
    for (const protocol::Event &wire : events) {
        if (QByteArray op = opOf(wire); !op.isEmpty())
            ops.append(std::move(op));
    }
    return ops;
}

bool MembershipVerifier::needsChain(ConversationId conversation,
                                    const QList<protocol::Event> &events) {
    const QList<QByteArray> ops = opsOf(events);
    if (ops.isEmpty())
        return false;
    auto first = crypto::MembershipOp::parse(ops.constFirst());
    if (first && first->change().action == hearth::MembershipAction::Create)
        return false; // the page starts at the creation: nothing earlier to fetch
    auto head = m_context.store.membership().head(conversation);
    auto legacy = m_context.store.membership().isLegacy(conversation);
    return head && !*head && legacy && !*legacy;
}

QList<UserId> MembershipVerifier::unknownSigners(const QList<QByteArray> &ops) {
    QList<UserId> users;
    QSet<QString> seen;
    for (const QByteArray &bytes : ops) {
        auto op = crypto::MembershipOp::parse(bytes);
        if (!op || seen.contains(op->change().actor.user.name) || signerKey(op->change().actor))
            continue;
        seen.insert(op->change().actor.user.name);
        users.append(op->change().actor.user);
    }
    return users;
}

bool MembershipVerifier::ownAccountKeyPinned() {
    auto own = m_context.store.contacts().user(m_context.identity.user);
    return own && *own && (*own)->accountKey.has_value();
}

std::optional<crypto::SigningPublicKey> MembershipVerifier::signerKey(const DeviceAddress &actor) {
    // why: this device knows its own key without asking anyone; a relay withholding this
    // account's list must not make it refuse its own changes.
    if (actor == m_context.identity.address())
        return crypto::publicKeyOf(*m_context.identity.signingKey);
    if (auto trusted = m_directory.trustedDevice(actor))
        return trusted->keys.signingKey;
    // why: a device that has since left its account's list still signed the history made while
    // it was on it; refusing its old changes would break the chain for everyone after. The
    // store only ever holds devices that were on a verified list.
    auto known = m_context.store.contacts().device(actor.user, actor.device);
    if (known && *known && (*known)->trust != store::Trust::Blocked)
        return (*known)->keys.signingKey;
    return std::nullopt;
}

store::StoreResult<std::optional<QString>> MembershipVerifier::verify(store::IncomingEvent &event,
                                                                      const protocol::Event &wire) {
    const QByteArray bytes = opOf(wire);
    if (!bytes.isEmpty())
        return verifySigned(event, bytes);
    const store::MembershipChange &claimed = *event.membership;
    if (claimed.action == hearth::MembershipAction::Add)
        return verifyInitialMember(event);
    const bool removal = claimed.action == hearth::MembershipAction::Remove ||
                         claimed.action == hearth::MembershipAction::Leave;
    if (!removal)
        return refuse(event, u"a membership change that no member signed"_s);
    // A removal by the relay on its own (an account deleted, a ban): it can only remove, so it
    // is applied, and shown as the relay's.
    event.membership->trust = MemberTrust::ByRelay;
    return std::optional<QString>();
}

store::StoreResult<std::optional<QString>>
MembershipVerifier::verifySigned(store::IncomingEvent &event, const QByteArray &bytes) {
    auto op = crypto::MembershipOp::parse(bytes);
    if (!op)
        return refuse(event, u"a malformed membership change"_s);
    const crypto::MembershipChange &change = op->change();
    const auto key = signerKey(change.actor);
    if (!key)
        return refuse(event, u"a membership change signed by a device its account never listed"_s);
    if (!op->verify(*key))
        return refuse(event, u"a membership change with a forged signature"_s);

    store::MembershipStore &chains = m_context.store.membership();
    auto stored = chains.chain(event.conversation);
    if (!stored)
        return stored.error();
    if (*stored) {
        auto known = chains.knowsHead(event.conversation, op->hash());
        if (!known)
            return known.error();
        if (*known && event.seq <= (*stored)->fetchedSeq) {
            // Part of the chain this device fetched whole (it joined after the change).
            event.sender = change.actor;
            event.membership = changeOf(*op);
            return std::optional<QString>();
        }
        if (*known)
            return refuse(event, u"a membership change delivered again"_s);
    }
    std::optional<crypto::MembershipState> state;
    if (change.action == hearth::MembershipAction::Create) {
        if (*stored)
            return refuse(event, u"a second creation of the conversation"_s);
        auto legacy = chains.isLegacy(event.conversation);
        if (!legacy)
            return legacy.error();
        if (*legacy)
            return refuse(event, u"a creation of a conversation that already existed"_s);
        auto owner = chains.conversationOf(change.chain);
        if (!owner)
            return owner.error();
        if (*owner && !(**owner == event.conversation))
            return refuse(event, u"another conversation's membership"_s);
        auto genesis = crypto::MembershipState::genesis(*op);
        if (!genesis)
            return refuse(event, crypto::cryptoErrorMessage(genesis.error()));
        state = std::move(*genesis);
    } else {
        if (!*stored)
            return refuse(event, u"a membership change of a conversation without a signed "
                                 "creation"_s);
        auto restored = stateOf(**stored);
        if (!restored)
            return refuse(event, crypto::cryptoErrorMessage(restored.error()));
        if (auto applied = restored->apply(*op); !applied)
            return refuse(event, crypto::cryptoErrorMessage(applied.error()));
        state = std::move(*restored);
    }
    if (auto saved = chains.saveChain(event.conversation,
                                      recordOf(*state, (*stored) ? (*stored)->fetchedSeq : 0));
        !saved)
        return saved.error();
    event.sender = change.actor;
    event.membership = changeOf(*op);
    return std::optional<QString>();
}

store::StoreStatus
MembershipVerifier::adoptChain(ConversationId conversation,
                               const QList<std::pair<quint64, QByteArray>> &ops) {
    store::MembershipStore &chains = m_context.store.membership();
    auto stored = chains.chain(conversation);
    if (!stored)
        return stored.error();
    if (*stored || ops.isEmpty())
        return {};
    std::optional<crypto::MembershipState> state;
    QString title;
    quint64 lastSeq = 0;
    QString refusal;
    for (const auto &[seq, bytes] : ops) {
        auto op = crypto::MembershipOp::parse(bytes);
        const auto key = op ? signerKey(op->change().actor) : std::nullopt;
        if (!op || !key || !op->verify(*key)) {
            refusal = u"a membership change in its history does not verify"_s;
        } else if (!state) {
            auto owner = chains.conversationOf(op->change().chain);
            if (!owner)
                return owner.error();
            auto genesis = *owner ? crypto::CryptoResult<crypto::MembershipState>(
                                        crypto::CryptoError::BrokenChain)
                                  : crypto::MembershipState::genesis(*op);
            if (genesis) {
                state = std::move(*genesis);
                title = op->change().title;
            } else {
                refusal = crypto::cryptoErrorMessage(genesis.error());
            }
        } else if (auto applied = state->apply(*op); !applied) {
            refusal = crypto::cryptoErrorMessage(applied.error());
        }
        if (!refusal.isEmpty()) {
            // why: a chain only moves forward from a change that verified; what follows a bad
            // one is not believed either. The members stay as the last verified state.
            qCWarning(lcMembership) << "a fetched membership history stops:" << refusal;
            if (auto raised =
                    chains.raiseAlert(conversation, store::MembershipAlert::RefusedChange, seq);
                !raised)
                return raised;
            break;
        }
        lastSeq = seq;
        // why: a member who wrote under any of these heads wrote under a history seen here too.
        if (auto remembered = chains.rememberHead(conversation, state->head(), state->length());
            !remembered)
            return remembered;
    }
    if (!state)
        return {};
    if (auto saved = chains.saveChain(conversation, recordOf(*state, lastSeq)); !saved)
        return saved;
    if (auto described = chains.describe(conversation, title); !described)
        return described;
    auto current = m_context.store.conversations().members(conversation);
    if (!current)
        return current.error();
    QList<store::Member> members;
    for (auto it = state->members().cbegin(); it != state->members().cend(); ++it) {
        quint64 joined = 0;
        for (const store::Member &known : *current) {
            if (known.user.name == it.key())
                joined = known.joinedSeq;
        }
        members.append(store::Member{UserId{it.key()}, it.value(), joined});
    }
    return m_context.store.conversations().replaceMembers(conversation, members, lastSeq);
}

store::StoreResult<std::optional<QString>>
MembershipVerifier::verifyInitialMember(store::IncomingEvent &event) {
    // why: the relay logs a creation as one signed create event and then an add per initial
    // member, which carries no signature of its own: the signed creation lists them. Such an
    // add is believed only for a member the creation lists, with the role it gave, and only
    // before any later change (replayed after a removal, it would re-add someone).
    auto chain = m_context.store.membership().chain(event.conversation);
    if (!chain)
        return chain.error();
    const store::MembershipChange &claimed = *event.membership;
    if (!*chain || (*chain)->length != 1)
        return refuse(event, u"a membership change that no member signed"_s);
    const auto role = (*chain)->members.constFind(claimed.user.name);
    if (role == (*chain)->members.cend() || *role == hearth::Role::Owner)
        return refuse(event, u"an initial member the signed creation does not list"_s);
    event.membership = store::MembershipChange{
        hearth::MembershipAction::Add, claimed.user, *role, std::nullopt, {}, MemberTrust::Signed};
    return std::optional<QString>();
}

store::StoreResult<std::optional<QString>> MembershipVerifier::refuse(store::IncomingEvent &event,
                                                                      const QString &reason) {
    event.membership->trust = MemberTrust::Refused;
    if (event.membership->user.name.isEmpty())
        event.membership->user = event.sender.user; // shown as the relay's claim about its sender
    if (auto raised = m_context.store.membership().raiseAlert(
            event.conversation, store::MembershipAlert::RefusedChange, event.seq);
        !raised)
        return raised.error();
    return std::optional<QString>(reason);
}

} // namespace hearth::engine
