// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/rotation_policy.h"
#include "sync/engine/awareness.h"
#include "sync/engine/connection_manager.h"
#include "sync/engine/engine_context.h"
#include "sync/engine/engine_types.h"
#include "sync/engine/timeline_change.h"
#include "sync/store/event.h"
#include "sync/store/profile.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <memory>

namespace hearth::engine {

class Reconciler;
class DeviceDirectory;
class EventProcessor;
class KeySharing;
class MembershipRequests;
class OutboxSender;
class OwnDevices;
class ReadState;

//! The sync engine of one profile: keeps its encrypted store in step with the relay. It lives
//! on the thread its owner chooses and uses its store there (the app gives it a thread of its
//! own, so nothing here ever runs on the UI thread); every relay operation is asynchronous and
//! reports through a Completion or a signal. Reads for a UI go through store() on this thread,
//! or through other (read-only) connections of the profile.
class SyncEngine final : public QObject {
    Q_OBJECT

public:
    //! Opens the profile's read-write store and loads its account, if it has one. Items a crash
    //! left "sending" go back to pending.
    [[nodiscard]] static EngineResult<std::unique_ptr<SyncEngine>>
    open(const store::Profile &profile, QObject *parent = nullptr);
    ~SyncEngine() override;

    // Account and devices.
    //! True once this device is registered with a relay.
    [[nodiscard]] bool hasAccount() const { return m_context->identity.device.value != 0; }
    [[nodiscard]] const UserId &user() const { return m_context->identity.user; }
    [[nodiscard]] DeviceId device() const { return m_context->identity.device; }
    //! True when this device holds the account key (it can approve devices).
    [[nodiscard]] bool holdsAccountKey() const { return bool(m_context->identity.accountKey); }
    //! Creates the account on `relay` with this as its first device, then starts.
    void registerAccount(const QUrl &relay, const QString &user, const QString &password,
                         const QString &deviceName, Completion done);
    //! Adds this device to an existing account, then starts. The device gets keys once a
    //! device holding the account key approves it.
    void addDevice(const QUrl &relay, const QString &user, const QString &password,
                   const QString &deviceName, Completion done);
    //! Approves `device` when `code` is the one it shows (docs/crypto.md, "Device approval"):
    //! signs its keys (those its approval request proved) onto the account's list and sends
    //! it the account key. This device must hold the account key. WrongApprovalCode when the
    //! code does not verify; InvalidArgument for a malformed code or no request from it yet.
    void approveDevice(DeviceId device, const QString &code, Completion done);
    //! The code this device shows while it waits for approval ("7K3Q-M9ZD-X2PA-4HNB"); empty
    //! once approved (or on the device that created the account).
    [[nodiscard]] QString approvalCode() const;
    //! True when the account's verified list names this device with exactly its keys.
    [[nodiscard]] bool isApproved();
    //! New devices whose approval request waits here (kept across restarts).
    [[nodiscard]] QList<DeviceId> pendingApprovals();
    //! Accounts whose relay served another account key than the pinned one, until dismissed.
    [[nodiscard]] QStringList refusedAccountKeys();
    [[nodiscard]] std::optional<EngineError> dismissRefusedAccountKey(const QString &user);
    //! Revokes a lost device of this account (the account password proves ownership) and
    //! signs it off the device list, so it receives no further keys.
    void removeDevice(DeviceId device, const QString &password, Completion done);
    //! The member looked at `user`'s changed devices: clears the flag (devicesChanged follows).
    [[nodiscard]] std::optional<EngineError> acknowledgeDeviceChange(const UserId &user);

    // Connection.
    void setConnectionTiming(const ConnectionTiming &timing);
    void setRotationPolicy(const crypto::RotationPolicy &policy);
    //! Connects (and keeps reconnecting) to the stored relay. NoAccount before registration.
    [[nodiscard]] std::optional<EngineError> start();
    void stop();
    [[nodiscard]] ConnectionState state() const;

    // Conversations.
    void createConversation(hearth::ConversationKind kind, const QString &title,
                            const QStringList &members,
                            std::function<void(const EngineResult<ConversationId> &)> done);
    void addMember(ConversationId conversation, const QString &user, Completion done);
    void removeMember(ConversationId conversation, const QString &user, Completion done);
    void leave(ConversationId conversation, Completion done);
    //! Owners only (the relay and every member check it): `user`'s new role.
    void setRole(ConversationId conversation, const QString &user, hearth::Role role,
                 Completion done);
    //! The member has read the conversation's membership warning (store::MembershipAlert).
    [[nodiscard]] std::optional<EngineError> dismissMembershipAlert(ConversationId conversation);
    //! Syncs one conversation now.
    void sync(ConversationId conversation, Completion done);

    // Messages: written to the outbox at once, sent in order when online.
    [[nodiscard]] EngineResult<ClientMessageId> sendMessage(ConversationId conversation,
                                                            const store::MessageContent &content);
    [[nodiscard]] EngineResult<ClientMessageId> sendText(ConversationId conversation,
                                                         const QString &text);
    //! Queues a message that failed for good (the member asked to try again). NotFound-like
    //! InvalidArgument when no failed message has that id.
    [[nodiscard]] std::optional<EngineError> retryFailed(const ClientMessageId &cmid);

    // Read state.
    [[nodiscard]] std::optional<EngineError> markRead(ConversationId conversation, quint64 seq);
    [[nodiscard]] std::optional<EngineError> setReadReceiptsEnabled(bool enabled);

    // Ephemeral state (relayed, never stored).
    void sendTyping(ConversationId conversation, bool active);
    //! "online" or "away"; kept across reconnects (awareness.h).
    void setPresence(const QString &status, Completion done = {});
    //! Status and last seen of `users`; strangers (no shared conversation) read as offline.
    void queryPresence(const QStringList &users, PresenceCompletion done);

    // Privacy.
    //! Who may add this account to conversations; the relay enforces it (not_accepting).
    void setMessagePolicy(MessagePolicy policy, Completion done);
    //! The policy last learnt from the relay; nullopt before the first connect.
    [[nodiscard]] std::optional<MessagePolicy> messagePolicy() const;

    //! The store, for reads (timeline, summaries, unread counts, search) on this thread.
    [[nodiscard]] store::Store &store() { return *m_store; }
    //! Decrypts a message body with the sessions this profile holds, storing nothing. `cmid`:
    //! the relay's for it, which the signed payload must carry.
    [[nodiscard]] EngineResult<store::MessageContent> decryptBody(ConversationId conversation,
                                                                  const DeviceAddress &sender,
                                                                  const ClientMessageId &cmid,
                                                                  const QByteArray &body);
    //! Events refused since start (forged, altered, or from an unsigned device).
    [[nodiscard]] int rejectedEvents() const;

Q_SIGNALS:
    void stateChanged(hearth::engine::ConnectionState state);
    void authenticationFailed(const QString &message);
    //! Catch-up after a connect finished: the store has what the relay had.
    void caughtUp();
    void conversationsChanged();
    //! Events of `conversation` were stored or changed (see timelineChanged() for which).
    void eventsChanged(quint64 conversation);
    void outboxChanged();
    //! One conversation's timeline changed: which rows and how (stored events, relations, the
    //! outbox's local echo and states, this account's read marker, others' receipts). Views
    //! apply it to the rows it names instead of re-reading (emitted before eventsChanged,
    //! outboxChanged, readMarkerChanged and receiptChanged, which stay for coarse listeners).
    void timelineChanged(const hearth::engine::TimelineChange &change);
    void messageSent(quint64 conversation, quint64 seq);
    void eventRejected(quint64 conversation, quint64 seq, const QString &reason);
    //! Membership events of the conversation were stored: its members may have changed.
    void membersChanged(quint64 conversation);
    //! The conversation's membership warning was raised (a refused change or a fork).
    void membershipAlertRaised(quint64 conversation);
    void readMarkerChanged(quint64 conversation, quint64 seq);
    void receiptChanged(quint64 conversation, const QString &user, quint64 seq);
    void untrustedDevice(const QString &user, quint64 device);
    //! A new device of this account asked for approval (its code is needed to approve it).
    void deviceAwaitingApproval(quint64 device);
    //! This device received the account key through a verified approval.
    void thisDeviceApproved();
    //! The relay served `user` another account key than the pinned one: refused (and kept in
    //! refusedAccountKeys() until dismissed).
    void accountKeyChanged(const QString &user);
    //! The relay served two different signed device lists of `user` under one version (stored
    //! in ContactStore::deviceListConflicts() before this is emitted): show the member.
    void deviceListConflict(const QString &user);
    //! `user`'s signed device list changed its devices (KnownUser::devicesChanged).
    void devicesChanged(const QString &user);
    void typing(quint64 conversation, const QString &user, bool active);
    //! `lastSeenMs`: ms since the epoch for an offline user, when known; else 0.
    void presence(const QString &user, const QString &status, qint64 lastSeenMs);
    void messagePolicyChanged(hearth::engine::MessagePolicy policy);

private:
    explicit SyncEngine(std::unique_ptr<store::Store> store, QObject *parent);
    [[nodiscard]] std::optional<EngineError> loadIdentity();
    void setUpDevice(const QUrl &relay, const QString &user, const QString &password,
                     const QString &deviceName, bool newAccount, Completion done);
    void onOnline();
    void onPush(const protocol::Frame &frame);

    std::unique_ptr<store::Store> m_store;
    ConnectionManager m_connection;
    std::unique_ptr<EngineContext> m_context;
    std::unique_ptr<DeviceDirectory> m_directory;
    std::unique_ptr<KeySharing> m_keys;
    std::unique_ptr<EventProcessor> m_events;
    std::unique_ptr<Reconciler> m_reconciler;
    std::unique_ptr<MembershipRequests> m_membership;
    std::unique_ptr<OutboxSender> m_outbox;
    std::unique_ptr<ReadState> m_readState;
    std::unique_ptr<OwnDevices> m_ownDevices;
    std::unique_ptr<Awareness> m_awareness;
    QUrl m_relay;
};

} // namespace hearth::engine
