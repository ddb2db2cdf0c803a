// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/inbound_group_session.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/group_cipher.h"
#include "crypto/details/ratchet.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/envelope_type.h"
#include "crypto/group_envelope.h"
#include "crypto/pairwise_channel.h"
#include "crypto/secret_view.h"

#include <algorithm>
#include <cstring>

namespace hearth::crypto {

using namespace Qt::StringLiterals;

namespace {

bool validOrigin(quint8 origin) {
    return origin >= quint8(KeyOrigin::Own) && origin <= quint8(KeyOrigin::Backup);
}

} // namespace

InboundGroupSession::InboundGroupSession(const GroupSessionKey &key, KeyOrigin origin)
    : m_sessionId(key.sessionId())
    , m_conversation(key.conversation())
    , m_sender(key.sender())
    , m_senderKey(key.senderKey())
    , m_earliestIndex(key.index())
    , m_cursorIndex(key.index())
    , m_chains(2 * kChainKeySize)
    , m_origin(origin) {
    std::memcpy(earliestChain(), key.chain().bytes().data(), kChainKeySize);
    std::memcpy(cursorChain(), key.chain().bytes().data(), kChainKeySize);
}

InboundGroupSession InboundGroupSession::fromKey(GroupSessionKey key, KeyOrigin origin) {
    return InboundGroupSession(key, origin);
}

GroupSessionKey InboundGroupSession::exportKey() const {
    // why: the fields were validated when the session was made, so these cannot fail.
    ChainKey chain = std::move(
        ChainKey::fromBytes(
            QByteArrayView(reinterpret_cast<const char *>(earliestChain()), kChainKeySize),
            m_earliestIndex)
            .value());
    return std::move(GroupSessionKey::create(m_sessionId, std::move(chain), m_conversation,
                                             m_sender, m_senderKey)
                         .value());
}

CryptoResult<GroupSessionKey> InboundGroupSession::exportKeyFrom(quint32 index) const {
    GroupSessionKey key = exportKey();
    if (index <= m_earliestIndex)
        return key;
    // why: ratcheted forward from the earliest chain key; the chain at `index` cannot give any
    // key before it (the hash only runs forward), so the receiver learns nothing earlier.
    ChainKey chain = key.chain().clone();
    if (const CryptoStatus advanced = chain.advanceTo(index); !advanced)
        return advanced.error();
    return GroupSessionKey::create(m_sessionId, std::move(chain), m_conversation, m_sender,
                                   m_senderKey);
}

CryptoResult<InboundGroupSession>
InboundGroupSession::fromPairwise(const PairwiseMessage &message,
                                  const SigningPublicKey &pairwiseSenderKey) {
    CryptoResult<GroupSessionKey> key = GroupSessionKey::parse(secretView(message.plaintext));
    if (!key)
        return key.error();
    if (key->sender() != message.header.sender || key->senderKey() != pairwiseSenderKey)
        return CryptoError::WrongSender;
    return fromKey(std::move(key).value(), KeyOrigin::Shared);
}

CryptoResult<GroupMessage> InboundGroupSession::decrypt(QByteArrayView envelopeBytes,
                                                        ConversationId conversation,
                                                        const DeviceAddress &sender) {
    const CryptoResult<GroupEnvelope> parsed = parseGroupEnvelope(envelopeBytes);
    if (!parsed)
        return parsed.error();
    const GroupEnvelope &envelope = *parsed;
    if (CryptoStatus authentic = checkEnvelope(envelope, conversation, sender); !authentic)
        return authentic.error();
    return decryptAuthentic(envelope);
}

CryptoStatus InboundGroupSession::checkEnvelope(const GroupEnvelope &envelope,
                                                ConversationId conversation,
                                                const DeviceAddress &sender) const {
    if (envelope.header.sessionId != m_sessionId)
        return CryptoError::WrongSession;
    if (conversation != m_conversation)
        return CryptoError::WrongConversation;
    if (sender != m_sender)
        return CryptoError::WrongSender;
    // why: the signature is checked before any ratcheting, so only the real sending device can
    // make us hash forward, and other members (who hold the same chain key) cannot forge.
    return details::verifyGroupEnvelope(envelope, m_conversation, m_sender, m_senderKey);
}

CryptoResult<VerifiedGroupEnvelope> InboundGroupSession::verify(const QByteArray &envelopeBytes,
                                                                ConversationId conversation,
                                                                const DeviceAddress &sender) const {
    const CryptoResult<GroupEnvelope> parsed = parseGroupEnvelope(envelopeBytes);
    if (!parsed)
        return parsed.error();
    const GroupEnvelope &envelope = *parsed;
    if (CryptoStatus authentic = checkEnvelope(envelope, conversation, sender); !authentic)
        return authentic.error();
    return VerifiedGroupEnvelope(envelopeBytes, envelope.header.index, m_sessionId, m_conversation,
                                 m_sender, m_senderKey);
}

CryptoResult<GroupMessage> InboundGroupSession::decrypt(const VerifiedGroupEnvelope &verified) {
    // why: a proof made for another session (or a session with another key under the same id)
    // proves nothing here.
    if (verified.m_sessionId != m_sessionId || verified.m_conversation != m_conversation ||
        verified.m_sender != m_sender || verified.m_senderKey != m_senderKey)
        return CryptoError::WrongSession;
    const CryptoResult<GroupEnvelope> parsed = parseGroupEnvelope(verified.m_bytes);
    if (!parsed)
        return parsed.error(); // cannot happen: verify() parsed the same bytes
    return decryptAuthentic(*parsed);
}

CryptoResult<GroupMessage> InboundGroupSession::decryptAuthentic(const GroupEnvelope &envelope) {
    const quint32 index = envelope.header.index;
    const quint32 earliest = m_earliestIndex;
    if (index < earliest)
        return CryptoError::IndexTooOld;

    // Start from the nearest known chain key at or before `index`: the cursor, the last
    // checkpoint before it, or the earliest key.
    const quint32 k = std::min((index - earliest) / kCheckpointStride, m_checkpointCount);
    const unsigned char *base =
        k == 0 ? earliestChain() : m_checkpoints.data() + (k - 1) * kChainKeySize;
    quint32 baseIndex = earliest + k * kCheckpointStride;
    if (m_cursorIndex <= index && m_cursorIndex > baseIndex) {
        base = cursorChain();
        baseIndex = m_cursorIndex;
    }
    // why: checked before any hashing, so a far-ahead index costs nothing.
    if (index - baseIndex > kMaxRatchetJump)
        return CryptoError::RatchetJumpTooLarge;

    details::WipedBuffer<kChainKeySize> chain;
    std::memcpy(chain.data, base, kChainKeySize);
    for (quint32 i = baseIndex; i < index; ++i) {
        details::ratchetStep(chain.data);
        recordCheckpoint(chain.data, i + 1);
    }
    details::WipedBuffer<kMessageKeySize> messageKey;
    details::ratchetMessageKey(chain.data, messageKey.data);

    CryptoResult<QByteArray> plaintext =
        details::decryptGroupEnvelope(envelope, m_conversation, m_sender, messageKey.data);
    if (!plaintext)
        return plaintext.error();
    // why: only an authentic, decryptable message moves the cursor.
    if (index > m_cursorIndex) {
        std::memcpy(cursorChain(), chain.data, kChainKeySize);
        m_cursorIndex = index;
    }
    return GroupMessage{std::move(plaintext).value(), index};
}

void InboundGroupSession::recordCheckpoint(const unsigned char *chain, quint32 index) {
    const quint32 offset = index - m_earliestIndex;
    // Only the next checkpoint in line is kept, so they stay contiguous from the earliest index.
    if (offset % kCheckpointStride != 0 || offset / kCheckpointStride != m_checkpointCount + 1 ||
        m_checkpointCount == kMaxCheckpoints)
        return;
    const size_t needed = size_t(m_checkpointCount + 1) * kChainKeySize;
    if (m_checkpoints.size() < needed) {
        SecretBytes grown(std::min<size_t>(std::max<size_t>(needed * 2, 16 * kChainKeySize),
                                           size_t(kMaxCheckpoints) * kChainKeySize));
        if (m_checkpointCount > 0)
            std::memcpy(grown.data(), m_checkpoints.data(), m_checkpointCount * kChainKeySize);
        m_checkpoints = std::move(grown);
    }
    std::memcpy(m_checkpoints.data() + m_checkpointCount * kChainKeySize, chain, kChainKeySize);
    ++m_checkpointCount;
}

SecretBytes InboundGroupSession::serialize() const {
    const SecretBytes key = exportKey().serialize();
    SecretBytes out(2 + 1 + 4 + kChainKeySize + key.size());
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::InboundState));
    w.u8(static_cast<quint8>(m_origin));
    w.u32(m_cursorIndex);
    w.bytes(cursorChain(), kChainKeySize);
    w.bytes(secretView(key));
    Q_ASSERT(w.full());
    return out;
}

CryptoResult<InboundGroupSession> InboundGroupSession::deserialize(QByteArrayView state) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(state, EnvelopeType::InboundState);
    if (!reader)
        return reader.error();
    details::ByteReader &r = *reader;
    const std::optional<quint8> origin = r.u8();
    const std::optional<quint32> cursorIndex = r.u32();
    const std::optional<QByteArrayView> cursorBytes = r.bytes(kChainKeySize);
    if (!origin || !validOrigin(*origin) || !cursorIndex || !cursorBytes)
        return CryptoError::Malformed;
    CryptoResult<GroupSessionKey> key = GroupSessionKey::parse(*r.bytes(r.remaining()));
    if (!key)
        return key.error() == CryptoError::UnsupportedVersion ? CryptoError::UnsupportedVersion
                                                              : CryptoError::Malformed;
    if (*cursorIndex < key->index())
        return CryptoError::Malformed;
    InboundGroupSession session(*key, static_cast<KeyOrigin>(*origin));
    session.m_cursorIndex = *cursorIndex;
    std::memcpy(session.cursorChain(), cursorBytes->data(), kChainKeySize);
    return session;
}

QDebug operator<<(QDebug debug, const InboundGroupSession &session) {
    return details::redactedDebug(debug, "InboundGroupSession",
                                  u"first index %1"_s.arg(session.firstKnownIndex()));
}

} // namespace hearth::crypto
