// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/chain_key.h"
#include "crypto/crypto_result.h"
#include "crypto/group_session_key.h"
#include "crypto/ids.h"
#include "crypto/public_keys.h"
#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDebug>

namespace hearth::crypto {

class SigningKeyPair;

//! The sending side of a Megolm-style group session: one per (conversation, sending device),
//! with a random 16-byte id and a 32-byte chain key ratcheted forward after every message.
//! Share sessionKey() with every member device (sealPairwise) before sending with it; replace
//! the session when rotationNeeded() says so.
class OutboundGroupSession final {
public:
    //! A new session at index 0. InvalidArgument for an invalid sender address.
    [[nodiscard]] static CryptoResult<OutboundGroupSession> create(ConversationId conversation,
                                                                   DeviceAddress sender,
                                                                   const SigningKeyPair &senderKey,
                                                                   qint64 createdAtMs);

    //! Encrypts and signs one message at messageIndex(), then ratchets the chain (the key used is
    //! gone). InvalidKey when `senderKey` is not the key the session was created with;
    //! SessionExhausted after 2^32 - 1 messages.
    [[nodiscard]] CryptoResult<QByteArray> encrypt(QByteArrayView plaintext,
                                                   const SigningKeyPair &senderKey);

    //! The key to share: receivers can decrypt from messageIndex() on, nothing before it.
    [[nodiscard]] GroupSessionKey sessionKey() const;

    [[nodiscard]] const SessionId &sessionId() const { return m_key.sessionId(); }
    [[nodiscard]] ConversationId conversation() const { return m_key.conversation(); }
    [[nodiscard]] const DeviceAddress &sender() const { return m_key.sender(); }
    [[nodiscard]] const SigningPublicKey &senderKey() const { return m_key.senderKey(); }
    //! Index of the next message, which is also the number of messages sent.
    [[nodiscard]] quint32 messageIndex() const { return m_key.index(); }
    [[nodiscard]] qint64 createdAtMs() const { return m_createdAtMs; }

    //! State for the local store: version 0x01 || type 0x10 || u64 BE createdAtMs ||
    //! sessionKey() bytes. In secret memory.
    [[nodiscard]] SecretBytes serialize() const;
    [[nodiscard]] static CryptoResult<OutboundGroupSession> deserialize(QByteArrayView state);

private:
    OutboundGroupSession(GroupSessionKey key, qint64 createdAtMs);

    // why: the session is its key at the next index; encrypt() ratchets the key's chain in place.
    GroupSessionKey m_key;
    qint64 m_createdAtMs = 0;
};

//! Shows the message index only.
QDebug operator<<(QDebug debug, const OutboundGroupSession &session);

} // namespace hearth::crypto
