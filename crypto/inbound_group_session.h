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

struct PairwiseMessage;

//! Where an inbound session's key came from; shown to the user as trust.
enum class KeyOrigin : quint8 {
    Own = 1,    //!< this device's own outbound session
    Shared = 2, //!< shared by the sending device itself over the pairwise channel
    Backup = 3, //!< imported from a key backup: authentic to whoever made the backup only
};

//! One decrypted group message.
struct GroupMessage final {
    QByteArray plaintext;
    quint32 index = 0;
};

class InboundGroupSession;
struct GroupEnvelope;

//! A group envelope whose layout, session, conversation, sender and Ed25519 signature
//! InboundGroupSession::verify() checked. Only verify() makes one, and only the session that
//! made it (or one with the same id, conversation, sender and sender key) decrypts it.
class VerifiedGroupEnvelope final {
public:
    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    [[nodiscard]] quint32 index() const { return m_index; }

private:
    friend class InboundGroupSession;
    VerifiedGroupEnvelope(QByteArray bytes, quint32 index, SessionId sessionId,
                          ConversationId conversation, DeviceAddress sender,
                          SigningPublicKey senderKey)
        : m_bytes(std::move(bytes))
        , m_index(index)
        , m_sessionId(sessionId)
        , m_conversation(conversation)
        , m_sender(std::move(sender))
        , m_senderKey(std::move(senderKey)) {}

    QByteArray m_bytes;
    quint32 m_index = 0;
    SessionId m_sessionId;
    ConversationId m_conversation;
    DeviceAddress m_sender;
    SigningPublicKey m_senderKey;
};

//! The receiving side of a group session. Keeps the chain key at the earliest index it was given
//! (it can never go back before it: forward secrecy) and a cursor at the latest index decrypted,
//! so messages decrypt in any order from the earliest index on. Keys behind the cursor are
//! derived from the nearest checkpoint: chain keys every kCheckpointStride indices, cached as
//! they are passed (at most kMaxCheckpoints, not stored by serialize()), so reading history
//! newest-first costs at most kCheckpointStride hashes per message. Holding them gives away
//! nothing the earliest chain key does not already give.
class InboundGroupSession final {
public:
    static constexpr quint32 kCheckpointStride = 128;
    static constexpr quint32 kMaxCheckpoints = 512; //!< 16 KiB, 65,536 indices

    //! From a key this device made or restored; no authenticity check (see fromPairwise).
    [[nodiscard]] static InboundGroupSession fromKey(GroupSessionKey key, KeyOrigin origin);

    //! From a key received over the pairwise channel: the plaintext must be a GroupSessionKey
    //! (Malformed / WrongType otherwise) and its sender — user, device and Ed25519 key — must
    //! be the device that sent the pairwise message (WrongSender), so no device can hand out a
    //! session in another device's name. `pairwiseSenderKey` is the key openPairwise verified.
    [[nodiscard]] static CryptoResult<InboundGroupSession>
    fromPairwise(const PairwiseMessage &message, const SigningPublicKey &pairwiseSenderKey);

    //! Decrypts an envelope received in `conversation` from `sender`. Checks, in order: layout
    //! (Malformed, UnsupportedVersion, WrongType), session id (WrongSession), conversation
    //! (WrongConversation), sender (WrongSender), the sender's signature (BadSignature), the
    //! index (IndexTooOld before the earliest index held; RatchetJumpTooLarge more than
    //! kMaxRatchetJump past the cursor, or past the nearest checkpoint behind it), and the AEAD
    //! (DecryptionFailed). The cursor moves only on success.
    //! Decrypting the same index twice works (the sync engine deduplicates events).
    [[nodiscard]] CryptoResult<GroupMessage>
    decrypt(QByteArrayView envelope, ConversationId conversation, const DeviceAddress &sender);

    //! The checks of decrypt() that come before the ratchet (layout, session id, conversation,
    //! sender, signature), same errors, without changing the session. It reads only what
    //! identifies the session (id, conversation, sender, sender key), which nothing changes
    //! after construction: envelopes may be verified on several threads at once, also while
    //! one thread decrypts with the session (not while it is assigned or destroyed).
    [[nodiscard]] CryptoResult<VerifiedGroupEnvelope> verify(const QByteArray &envelope,
                                                             ConversationId conversation,
                                                             const DeviceAddress &sender) const;
    //! decrypt() of an envelope verify() accepted, without checking the signature again.
    //! WrongSession when `envelope` was verified for another session, conversation, sender or
    //! sender key.
    [[nodiscard]] CryptoResult<GroupMessage> decrypt(const VerifiedGroupEnvelope &envelope);

    [[nodiscard]] const SessionId &sessionId() const { return m_sessionId; }
    [[nodiscard]] ConversationId conversation() const { return m_conversation; }
    [[nodiscard]] const DeviceAddress &sender() const { return m_sender; }
    [[nodiscard]] const SigningPublicKey &senderKey() const { return m_senderKey; }
    //! The earliest index this session can decrypt.
    [[nodiscard]] quint32 firstKnownIndex() const { return m_earliestIndex; }
    [[nodiscard]] KeyOrigin origin() const { return m_origin; }

    //! The key at firstKnownIndex(), e.g. for a key backup.
    [[nodiscard]] GroupSessionKey exportKey() const;
    //! The key at `index`, or at firstKnownIndex() when that is later: what a device given the
    //! session at `index` may hold, and nothing before it. RatchetJumpTooLarge when `index` is
    //! more than kMaxRatchetJump past firstKnownIndex() (nothing is computed then).
    [[nodiscard]] CryptoResult<GroupSessionKey> exportKeyFrom(quint32 index) const;

    //! State for the local store: version 0x01 || type 0x11 || u8 origin || u32 BE cursor index
    //! || cursor chain key 32 || exportKey() bytes. In secret memory.
    [[nodiscard]] SecretBytes serialize() const;
    [[nodiscard]] static CryptoResult<InboundGroupSession> deserialize(QByteArrayView state);

private:
    InboundGroupSession(const GroupSessionKey &key, KeyOrigin origin);
    [[nodiscard]] unsigned char *earliestChain() { return m_chains.data(); }
    [[nodiscard]] const unsigned char *earliestChain() const { return m_chains.data(); }
    [[nodiscard]] unsigned char *cursorChain() { return m_chains.data() + kChainKeySize; }
    [[nodiscard]] const unsigned char *cursorChain() const {
        return m_chains.data() + kChainKeySize;
    }
    void recordCheckpoint(const unsigned char *chain, quint32 index);
    //! Session id, conversation, sender and signature (what decrypt() checks first).
    [[nodiscard]] CryptoStatus checkEnvelope(const GroupEnvelope &envelope,
                                             ConversationId conversation,
                                             const DeviceAddress &sender) const;
    //! decrypt() after the signature check.
    [[nodiscard]] CryptoResult<GroupMessage> decryptAuthentic(const GroupEnvelope &envelope);

    SessionId m_sessionId;
    ConversationId m_conversation;
    DeviceAddress m_sender;
    SigningPublicKey m_senderKey;
    quint32 m_earliestIndex = 0;
    quint32 m_cursorIndex = 0; // the latest index decrypted
    // why: one allocation for both chain keys (earliest, then cursor), reused in place. Each
    // sodium_malloc costs a few syscalls and four memory mappings (the kernel allows 65,530 per
    // process), so a session must not hold more than it needs.
    SecretBytes m_chains;
    SecretBytes m_checkpoints; // chain keys at earliest + k * stride, k = 1 .. m_checkpointCount
    quint32 m_checkpointCount = 0;
    KeyOrigin m_origin;
};

//! Shows the first known index only.
QDebug operator<<(QDebug debug, const InboundGroupSession &session);

} // namespace hearth::crypto
