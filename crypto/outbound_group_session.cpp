// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/outbound_group_session.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/group_cipher.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/details/wiped_buffer.h"
#include "crypto/envelope_type.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"

#include <limits>

namespace hearth::crypto {

using namespace Qt::StringLiterals;

OutboundGroupSession::OutboundGroupSession(GroupSessionKey key, qint64 createdAtMs)
    : m_key(std::move(key))
    , m_createdAtMs(createdAtMs) {}

CryptoResult<OutboundGroupSession> OutboundGroupSession::create(ConversationId conversation,
                                                                DeviceAddress sender,
                                                                const SigningKeyPair &senderKey,
                                                                qint64 createdAtMs) {
    // why: generated one after the other (argument evaluation order is unspecified), so the
    // draws from the RNG are in a fixed order: id, then chain key.
    SessionId sessionId = SessionId::generate();
    ChainKey chain = ChainKey::generate();
    CryptoResult<GroupSessionKey> key =
        GroupSessionKey::create(std::move(sessionId), std::move(chain), conversation,
                                std::move(sender), publicKeyOf(senderKey));
    if (!key)
        return key.error();
    return OutboundGroupSession(std::move(key).value(), createdAtMs);
}

CryptoResult<QByteArray> OutboundGroupSession::encrypt(QByteArrayView plaintext,
                                                       const SigningKeyPair &senderKey) {
    if (senderKey.publicKey() != m_key.senderKey().bytes())
        return CryptoError::InvalidKey;
    ChainKey &chain = m_key.m_chain;
    // why: the last index is never used, so advance() below cannot fail after a message went out
    // with a key that then stays in memory.
    if (chain.index() == std::numeric_limits<quint32>::max())
        return CryptoError::SessionExhausted;
    details::WipedBuffer<kMessageKeySize> messageKey;
    chain.deriveMessageKey(messageKey.data);
    QByteArray envelope =
        details::sealGroupEnvelope(m_key.conversation(), m_key.sender(), senderKey,
                                   m_key.sessionId(), chain.index(), messageKey.data, plaintext);
    if (CryptoStatus advanced = chain.advance(); !advanced)
        return advanced.error();
    return envelope;
}

GroupSessionKey OutboundGroupSession::sessionKey() const {
    return m_key.clone();
}

SecretBytes OutboundGroupSession::serialize() const {
    const SecretBytes key = m_key.serialize();
    SecretBytes out(2 + 8 + key.size());
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::OutboundState));
    w.u64(static_cast<quint64>(m_createdAtMs));
    w.bytes(secretView(key));
    Q_ASSERT(w.full());
    return out;
}

CryptoResult<OutboundGroupSession> OutboundGroupSession::deserialize(QByteArrayView state) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(state, EnvelopeType::OutboundState);
    if (!reader)
        return reader.error();
    details::ByteReader &r = *reader;
    const std::optional<quint64> createdAt = r.u64();
    if (!createdAt)
        return CryptoError::Malformed;
    CryptoResult<GroupSessionKey> key = GroupSessionKey::parse(*r.bytes(r.remaining()));
    if (!key)
        return key.error() == CryptoError::UnsupportedVersion ? CryptoError::UnsupportedVersion
                                                              : CryptoError::Malformed;
    return OutboundGroupSession(std::move(key).value(), static_cast<qint64>(*createdAt));
}

QDebug operator<<(QDebug debug, const OutboundGroupSession &session) {
    return details::redactedDebug(debug, "OutboundGroupSession",
                                  u"index %1"_s.arg(session.messageIndex()));
}

} // namespace hearth::crypto
