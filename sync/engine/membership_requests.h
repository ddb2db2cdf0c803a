// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/membership_op.h"
#include "sync/engine/engine_context.h"

#include <QCborMap>
#include <QObject>
#include <QStringList>
#include <functional>

namespace hearth::engine {

class Reconciler;

//! Conversation creation and membership changes, each signed by this device and chained to the
//! membership this device validated (docs/crypto.md, "Membership chain"). A change the relay
//! finds stale (another member changed the membership first) is re-signed once after a sync.
class MembershipRequests final : public QObject {
    Q_OBJECT

public:
    using CreateDone = std::function<void(const EngineResult<ConversationId> &)>;

    MembershipRequests(EngineContext &context, Reconciler &reconciler, QObject *parent = nullptr);

    void create(hearth::ConversationKind kind, const QString &title, const QStringList &members,
                CreateDone done);
    void add(ConversationId conversation, const UserId &user, Completion done);
    void remove(ConversationId conversation, const UserId &user, Completion done);
    void leave(ConversationId conversation, Completion done);
    void setRole(ConversationId conversation, const UserId &user, hearth::Role role,
                 Completion done);

private:
    //! Signs the change, sends it as `type`, then syncs the conversation.
    void change(QLatin1StringView type, ConversationId conversation,
                hearth::MembershipAction action, const UserId &target,
                std::optional<hearth::Role> role, bool retryIfStale, Completion done);

    EngineContext &m_context;
    Reconciler &m_reconciler;
};

} // namespace hearth::engine
