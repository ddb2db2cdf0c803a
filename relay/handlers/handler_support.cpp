// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/handlers/handler_support.h"

#include "relay/client_session.h"
#include "relay/conversation_cache.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;

std::optional<Refusal> memberRefusal(const ConversationState *state, AccountId account) {
    if (state == nullptr)
        return Refusal{ErrorCode::NoSuchConversation, u"no such conversation"_s};
    if (state->member(account) == nullptr)
        return Refusal{ErrorCode::NotMember, u"you are not a member"_s};
    return std::nullopt;
}

const ConversationState *requireMember(RelayContext &ctx, ClientSession &session, quint64 id,
                                       ConversationId conv) {
    const ConversationState *state = ctx.conversations.get(conv);
    if (const auto refusal = memberRefusal(state, session.account())) {
        session.fail(id, refusal->code, refusal->message);
        return nullptr;
    }
    return state;
}

qint64 pageLimit(RelayContext &ctx, ClientSession &session, quint64 id,
                 std::optional<quint64> requested) {
    const qint64 maxPage = ctx.config.limits.maxPageSize;
    if (!requested)
        return maxPage;
    const qint64 limit = static_cast<qint64>(qMin(*requested, static_cast<quint64>(maxPage)));
    if (limit == 0)
        session.fail(id, ErrorCode::InvalidArgument, u"limit must be positive"_s);
    return limit;
}

void replyAfterWrite(ClientSession *session, quint64 id, bool committed,
                     const std::optional<Refusal> &refusal, const QString &what,
                     const QCborMap &fields) {
    if (session == nullptr)
        return;
    if (!committed)
        return session->fail(id, ErrorCode::Internal, what + u" was not stored"_s);
    if (refusal)
        return session->fail(id, refusal->code, refusal->message);
    session->reply(id, fields);
}

QSet<AccountId> contactsOf(RelayContext &ctx, AccountId account) {
    QSet<AccountId> contacts;
    for (const Membership &m : ctx.storage.membershipsOf(account)) {
        if (!m.isActive())
            continue;
        if (const ConversationState *state = ctx.conversations.get(m.conv))
            for (auto it = state->members.cbegin(); it != state->members.cend(); ++it)
                contacts.insert(it.key());
    }
    contacts.remove(account);
    return contacts;
}

std::optional<Refusal> AdmissionCheck::refusal(const Account &target) {
    if (target.id == m_actor)
        return std::nullopt;
    bool shares = false;
    if (target.messagePolicy == protocol::message_policy::kShared) {
        if (!m_contacts)
            m_contacts = contactsOf(m_ctx, m_actor);
        shares = m_contacts->contains(target.id);
    }
    return checkMessagePolicy(target.messagePolicy, target.name, shares);
}

} // namespace hearth::relay
