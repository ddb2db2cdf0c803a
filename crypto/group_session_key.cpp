// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/group_session_key.h"

#include "crypto/details/byte_io.h"
#include "crypto/details/redacted_debug.h"
#include "crypto/envelope_type.h"

namespace hearth::crypto {

using namespace Qt::StringLiterals;

GroupSessionKey::GroupSessionKey(SessionId sessionId, ChainKey chain, ConversationId conversation,
                                 DeviceAddress sender, SigningPublicKey senderKey)
    : m_sessionId(std::move(sessionId))
    , m_chain(std::move(chain))
    , m_conversation(conversation)
    , m_sender(std::move(sender))
    , m_senderKey(std::move(senderKey)) {}

CryptoResult<GroupSessionKey> GroupSessionKey::create(SessionId sessionId, ChainKey chain,
                                                      ConversationId conversation,
                                                      DeviceAddress sender,
                                                      SigningPublicKey senderKey) {
    if (!isValidAddress(sender))
        return CryptoError::InvalidArgument;
    return GroupSessionKey(std::move(sessionId), std::move(chain), conversation, std::move(sender),
                           std::move(senderKey));
}

CryptoResult<GroupSessionKey> GroupSessionKey::parse(QByteArrayView bytes) {
    CryptoResult<details::ByteReader> reader =
        details::envelopeReader(bytes, EnvelopeType::SessionKey);
    if (!reader)
        return reader.error();
    details::ByteReader &r = *reader;
    const std::optional<QByteArrayView> sessionId = r.bytes(SessionId::kSize);
    const std::optional<quint32> index = r.u32();
    const std::optional<QByteArrayView> chain = r.bytes(kChainKeySize);
    const std::optional<quint64> conversation = r.u64();
    const std::optional<UserId> user = r.user();
    const std::optional<quint64> device = r.u64();
    const std::optional<QByteArrayView> senderKey = r.bytes(SigningPublicKey::kSize);
    if (!sessionId || !index || !chain || !conversation || !user || !device || !senderKey ||
        !r.atEnd() || *device == 0)
        return CryptoError::Malformed;
    return GroupSessionKey(*SessionId::fromBytes(*sessionId),
                           std::move(ChainKey::fromBytes(*chain, *index).value()),
                           ConversationId{*conversation}, DeviceAddress{*user, DeviceId{*device}},
                           *SigningPublicKey::fromBytes(*senderKey));
}

SecretBytes GroupSessionKey::serialize() const {
    SecretBytes out(static_cast<size_t>(2 + SessionId::kSize + 4 + kChainKeySize + 8 +
                                        details::userFieldSize(m_sender.user) + 8 +
                                        SigningPublicKey::kSize));
    details::SpanWriter w(out);
    w.u8(kEnvelopeVersion);
    w.u8(static_cast<quint8>(EnvelopeType::SessionKey));
    w.bytes(m_sessionId.bytes());
    w.u32(m_chain.index());
    w.bytes(m_chain.bytes().data(), kChainKeySize);
    w.u64(m_conversation.value);
    w.user(m_sender.user);
    w.u64(m_sender.device.value);
    w.bytes(m_senderKey.bytes());
    Q_ASSERT(w.full());
    return out;
}

GroupSessionKey GroupSessionKey::clone() const {
    return GroupSessionKey(m_sessionId, m_chain.clone(), m_conversation, m_sender, m_senderKey);
}

QDebug operator<<(QDebug debug, const GroupSessionKey &key) {
    return details::redactedDebug(debug, "GroupSessionKey", u"index %1"_s.arg(key.index()));
}

} // namespace hearth::crypto
