// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_context.h"
#include "sync/protocol/frame.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

namespace hearth::engine {

//! Who may add this account to conversations (a DM with it, a new group or channel naming it,
//! add_member of it). The relay enforces it and refuses others with `not_accepting`.
enum class MessagePolicy {
    Everyone, //!< anyone (the relay's default)
    Shared,   //!< only people who already share a conversation with this account
    Nobody,   //!< no one
};

//! The wire name of `policy` ("everyone", "shared", "nobody").
[[nodiscard]] QLatin1StringView messagePolicyName(MessagePolicy policy);
//! The policy named `name`; nullopt for anything else.
[[nodiscard]] std::optional<MessagePolicy> messagePolicyFromName(QStringView name);

//! One user's presence as the relay reports it.
struct PresenceInfo final {
    QString user;
    QString status;        //!< "online", "away" or "offline"
    qint64 lastSeenMs = 0; //!< ms since the epoch an offline user was last connected; 0: unknown
};

using PresenceCompletion = std::function<void(const EngineResult<QList<PresenceInfo>> &)>;

//! What members learn of each other besides messages, all relayed and none of it stored by
//! the relay: typing, presence, and this account's "who can message me" policy (cached in the
//! store, so it is known offline too).
class Awareness final : public QObject {
    Q_OBJECT

public:
    static constexpr auto kPolicySetting = "message_policy";

    explicit Awareness(EngineContext &context, QObject *parent = nullptr);

    //! Asks the relay to apply `policy`; needs a connection (NotOnline otherwise).
    void setMessagePolicy(MessagePolicy policy, Completion done);
    //! The policy last learnt from the relay; nullopt until the first connect has told it.
    [[nodiscard]] std::optional<MessagePolicy> messagePolicy();

    //! The presence of `users`, in the order asked. The relay reports users who share no
    //! conversation with this account (and unknown users) as offline, last seen unknown.
    void queryPresence(const QStringList &users, PresenceCompletion done);
    //! Tells the other members of `conversation` that this member is (no longer) typing.
    void sendTyping(ConversationId conversation, bool active);
    //! Sets this account's status, "online" or "away". The status is kept and applied again
    //! after every reconnect; `done` (may be empty) reports this attempt (NotOnline while
    //! offline).
    void setPresence(const QString &status, Completion done);

    //! The typing, presence and privacy pushes (SyncEngine's push table routes them here).
    void onTypingPush(const protocol::Frame &frame);
    void onPresencePush(const protocol::Frame &frame);
    void onPrivacyPush(const protocol::Frame &frame);

Q_SIGNALS:
    void typing(quint64 conversation, const QString &user, bool active);
    //! `lastSeenMs`: ms since the epoch, when `status` is "offline" and it is known; else 0.
    void presence(const QString &user, const QString &status, qint64 lastSeenMs);
    //! The policy changed: set here, on another device of the account, or learnt on connect.
    void messagePolicyChanged(hearth::engine::MessagePolicy policy);

private:
    void onOnline();
    //! Caches a policy the relay reported; messagePolicyChanged() when it differs.
    void remember(const QString &name);

    EngineContext &m_context;
    QString m_status; //!< the status asked for; the relay starts every connection "online"
};

} // namespace hearth::engine

Q_DECLARE_METATYPE(hearth::engine::MessagePolicy)
