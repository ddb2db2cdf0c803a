// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"
#include "crypto/pairwise_channel.h"
#include "crypto/replay_guard.h"
#include "crypto/rotation_policy.h"
#include "sync/engine/engine_context.h"
#include "sync/protocol/message_parts.h"
#include "sync/store/contact_store.h"
#include "sync/store/replay_store.h"
#include "sync/store/session_store.h"
#include "sync/store/to_device_store.h"

#include <QCborMap>
#include <QObject>
#include <QSet>

namespace hearth::engine {

class DeviceDirectory;

//! Group session keys between devices: keeps each conversation's outbound session shared with
//! every trusted device of every member (rotating it per the policy, and when a device that
//! had it is no longer a member device), encrypts with it, and handles what arrives over the
//! pairwise channel: session keys, key requests, and the approval messages between this
//! account's devices (handed to OwnDevices through approvalMessage).
class KeySharing final : public QObject {
    Q_OBJECT

public:
    //! `sessions` holds the group sessions (the profile's, or an in-memory one in unit tests).
    KeySharing(EngineContext &context, store::SessionStore &sessions, DeviceDirectory &directory,
               QObject *parent = nullptr);

    void setRotationPolicy(const crypto::RotationPolicy &policy) { m_policy = policy; }

    //! Makes sure the conversation has an outbound session that every current trusted member
    //! device holds (creating, rotating and sharing as needed).
    void prepare(ConversationId conversation, Completion done);
    //! Encrypts with the conversation's outbound session (prepare() first) and stores the
    //! ratcheted state before returning, so an index is never used twice.
    [[nodiscard]] EngineResult<QByteArray> encrypt(ConversationId conversation,
                                                   const QByteArray &plaintext);

    //! Seals `plaintexts[i]` to `devices[i]` and queues them at the relay in batches.
    void sendPairwise(const QList<store::KnownDevice> &devices, const QList<QByteArray> &plaintexts,
                      Completion done);
    //! Sends a control message (a CBOR map) to one device.
    void sendControl(const store::KnownDevice &device, const QCborMap &message, Completion done);
    //! Asks the sending device for a session this device lacks (once per session).
    void requestKey(ConversationId conversation, const DeviceAddress &sender,
                    const crypto::SessionId &sessionId);

    //! Opens and applies one to-device message. Done with an error only when it should be
    //! retried (offline); bad messages are dropped (logged).
    void handle(const store::IncomingToDevice &message, Completion done);

Q_SIGNALS:
    void sessionKeyReceived(hearth::crypto::SessionId sessionId);
    //! An `approval_request` or `account_key` control message from a device of this account,
    //! whose pairwise signature verified under `sender` (trusted, or only listed by the relay:
    //! the message's own MAC under the approval code is what authenticates it).
    void approvalMessage(const QCborMap &control, const hearth::crypto::DeviceKeys &sender);

private:
    void share(ConversationId conversation, const QList<store::KnownDevice> &devices,
               Completion done);
    //! `plaintext` sealed to `device` as a `to_device` entry; nullopt (logged) if it cannot be.
    [[nodiscard]] std::optional<protocol::OutgoingToDevice> seal(const store::KnownDevice &device,
                                                                 QByteArrayView plaintext);
    //! `approvalOnly`: the sender is not on a verified list, so only approval messages count.
    void open(const store::IncomingToDevice &message, const store::KnownDevice &sender,
              bool approvalOnly = false);
    //! A message from a device of this account that no verified list names: opened with the
    //! keys the relay lists for it, for approval messages only.
    void openFromUnlistedOwnDevice(const store::IncomingToDevice &message);
    //! A store failure rolls back what open() recorded (the replay guard's entry too), so the
    //! message is accepted when it is processed again.
    [[nodiscard]] store::StoreStatus onSessionKey(const crypto::PairwiseMessage &message,
                                                  const store::KnownDevice &sender);
    void onControl(const QCborMap &control, const store::KnownDevice &sender, bool approvalOnly);
    void answerKeyRequest(const QCborMap &control, const store::KnownDevice &requester);
    [[nodiscard]] std::optional<EngineError> startSession(ConversationId conversation);

    EngineContext &m_context;
    store::SessionStore &m_sessions;
    DeviceDirectory &m_directory;
    crypto::RotationPolicy m_policy;
    // why: in the store, so a restart does not accept a replayed pairwise message again.
    store::SqlReplayGuard m_replayGuard;
    QSet<crypto::SessionId> m_requested;
};

} // namespace hearth::engine
