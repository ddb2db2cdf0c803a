// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"
#include "relay/roles.h"

#include <QCborMap>
#include <QSet>
#include <optional>

namespace hearth::protocol {
class Frame;
}

namespace hearth::relay {

struct Account;
struct ConversationState;
struct RelayContext;
class ClientSession;

//! Why `account` may not act in the conversation `state` (nullptr: it doesn't exist);
//! nullopt when it is a current member.
[[nodiscard]] std::optional<Refusal> memberRefusal(const ConversationState *state,
                                                   AccountId account);

//! The conversation when the session's account is a current member of it; otherwise replies
//! to request `id` with the refusal and returns nullptr.
[[nodiscard]] const ConversationState *requireMember(RelayContext &ctx, ClientSession &session,
                                                     quint64 id, ConversationId conv);

//! The page size request `id` asks for (its "limit", `requested`; default and cap
//! max_page_size); 0 after replying invalid_argument to a limit of 0.
[[nodiscard]] qint64 pageLimit(RelayContext &ctx, ClientSession &session, quint64 id,
                               std::optional<quint64> requested);

//! Answers a request whose write went through the WriteQueue: `internal` ("`what` was not
//! stored") when the batch did not commit, the refusal when a rule said no, else ok with
//! `fields`. Does nothing when the session is gone.
void replyAfterWrite(ClientSession *session, quint64 id, bool committed,
                     const std::optional<Refusal> &refusal, const QString &what,
                     const QCborMap &fields = {});

//! Accounts sharing a current conversation with `account` (itself excluded), online or not.
[[nodiscard]] QSet<AccountId> contactsOf(RelayContext &ctx, AccountId account);

//! Judges whether the accounts one request of `actor` adds to a conversation accept it, by
//! their message_policy. Run it inside the write batch that adds them, so a policy change and
//! a membership change are judged in the order they are logged. The actor's contacts are
//! looked up once, and only when a "shared" policy needs them.
class AdmissionCheck final {
public:
    AdmissionCheck(RelayContext &ctx, AccountId actor)
        : m_ctx(ctx)
        , m_actor(actor) {}

    //! Why `target` refuses being added by the actor; nullopt when it accepts.
    [[nodiscard]] std::optional<Refusal> refusal(const Account &target);

private:
    RelayContext &m_ctx;
    AccountId m_actor;
    std::optional<QSet<AccountId>> m_contacts;
};

} // namespace hearth::relay
