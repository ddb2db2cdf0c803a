// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/membership_requests.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/membership_ops.h"
#include "sync/engine/reconciler.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"
#include "sync/protocol/names.h"

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

MembershipRequests::MembershipRequests(EngineContext &context, Reconciler &reconciler,
                                       QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_reconciler(reconciler) {}

void MembershipRequests::create(hearth::ConversationKind kind, const QString &title,
                                const QStringList &members, CreateDone done) {
    auto op = signCreation(m_context.identity, kind, title, members);
    if (!op) {
        done(op.error());
        return;
    }
    const protocol::CreateConversationRequest request{QString(protocol::kindName(kind)), title,
                                                      members, op.value().bytes()};
    m_context.connection.send(request, [this, done](const auto &reply) {
        if (!reply) {
            done(relayError(reply.error()));
            return;
        }
        const ConversationId conversation = reply.value().conv;
        m_reconciler.refreshConversations([this, conversation, done](const auto &error) {
            if (error) {
                done(*error);
                return;
            }
            m_reconciler.syncConversation(conversation, [conversation, done](const auto &e) {
                if (e)
                    done(*e);
                else
                    done(conversation);
            });
        });
    });
}

void MembershipRequests::add(ConversationId conversation, const UserId &user, Completion done) {
    change(protocol::type::kAddMember, conversation, hearth::MembershipAction::Add, user,
           hearth::Role::Member, true, std::move(done));
}

void MembershipRequests::remove(ConversationId conversation, const UserId &user, Completion done) {
    change(protocol::type::kRemoveMember, conversation, hearth::MembershipAction::Remove, user,
           std::nullopt, true, std::move(done));
}

void MembershipRequests::leave(ConversationId conversation, Completion done) {
    change(protocol::type::kLeave, conversation, hearth::MembershipAction::Leave,
           m_context.identity.user, std::nullopt, true, std::move(done));
}

void MembershipRequests::setRole(ConversationId conversation, const UserId &user, hearth::Role role,
                                 Completion done) {
    change(protocol::type::kSetRole, conversation, hearth::MembershipAction::Role, user, role, true,
           std::move(done));
}

void MembershipRequests::change(QLatin1StringView type, ConversationId conversation,
                                hearth::MembershipAction action, const UserId &target,
                                std::optional<hearth::Role> role, bool retryIfStale,
                                Completion done) {
    auto op = signChange(m_context, conversation, action, target, role);
    if (!op) {
        done(op.error());
        return;
    }
    const QByteArray signedOp = op.value().bytes();
    std::optional<QString> roleText;
    if (role)
        roleText = QString(protocol::roleName(*role));
    QCborMap fields;
    switch (action) {
    case hearth::MembershipAction::Leave:
        fields = protocol::encode(protocol::LeaveRequest{conversation, signedOp});
        break;
    case hearth::MembershipAction::Role:
        fields = protocol::encode(
            protocol::SetRoleRequest{conversation, target, roleText.value_or(QString()), signedOp});
        break;
    default: // add, remove
        fields = protocol::encode(protocol::MemberChange{conversation, target, roleText, signedOp});
        break;
    }
    m_context.connection.request(type, fields, [=, this](const auto &reply) {
        const bool stale =
            !reply && reply.error().code == protocol::ErrorCode::StaleMembership && retryIfStale;
        if (stale) {
            // why: another member changed the membership first; sign again on top of it.
            m_reconciler.syncConversation(conversation, [=, this](const auto &error) {
                if (error)
                    done(error);
                else
                    change(type, conversation, action, target, role, false, done);
            });
            return;
        }
        if (!reply) {
            done(relayError(reply.error()));
            return;
        }
        m_reconciler.syncConversation(conversation, done);
    });
}

} // namespace hearth::engine
