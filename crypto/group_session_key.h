// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/chain_key.h"
#include "crypto/crypto_result.h"
#include "crypto/ids.h"
#include "crypto/public_keys.h"
#include "crypto/secret_bytes.h"

#include <QByteArrayView>
#include <QDebug>

namespace hearth::crypto {

//! What a receiver needs to read a group session from one index on: shared with each member
//! device over the pairwise channel, and stored in key backups.
//!
//! Layout (docs/crypto.md): version 0x01 || type 0x03 || session id 16 || u32 BE index ||
//! chain key 32 || u64 BE conversation id || u16 BE len || sender user (UTF-8) ||
//! u64 BE sender device id || sender Ed25519 key 32. Nothing may follow.
class GroupSessionKey final {
public:
    //! InvalidArgument for an invalid sender address.
    [[nodiscard]] static CryptoResult<GroupSessionKey> create(SessionId sessionId, ChainKey chain,
                                                              ConversationId conversation,
                                                              DeviceAddress sender,
                                                              SigningPublicKey senderKey);
    //! Strict parse: Malformed for any size or field error or trailing bytes.
    [[nodiscard]] static CryptoResult<GroupSessionKey> parse(QByteArrayView bytes);
    //! The layout above, in secret memory (it holds the chain key).
    [[nodiscard]] SecretBytes serialize() const;
    //! An explicit copy.
    [[nodiscard]] GroupSessionKey clone() const;

    [[nodiscard]] const SessionId &sessionId() const { return m_sessionId; }
    [[nodiscard]] const ChainKey &chain() const { return m_chain; }
    [[nodiscard]] quint32 index() const { return m_chain.index(); }
    [[nodiscard]] ConversationId conversation() const { return m_conversation; }
    [[nodiscard]] const DeviceAddress &sender() const { return m_sender; }
    [[nodiscard]] const SigningPublicKey &senderKey() const { return m_senderKey; }

private:
    // why: an outbound session is its key at the next index, ratcheted in place.
    friend class OutboundGroupSession;

    GroupSessionKey(SessionId sessionId, ChainKey chain, ConversationId conversation,
                    DeviceAddress sender, SigningPublicKey senderKey);

    SessionId m_sessionId;
    ChainKey m_chain;
    ConversationId m_conversation;
    DeviceAddress m_sender;
    SigningPublicKey m_senderKey;
};

//! Shows the index only.
QDebug operator<<(QDebug debug, const GroupSessionKey &key);

} // namespace hearth::crypto
