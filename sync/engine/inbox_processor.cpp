// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/inbox_processor.h"

#include "crypto/group_envelope.h"
#include "crypto/inbound_group_session.h"
#include "crypto/secret_view.h"
#include "sync/engine/conversation_info.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/payload_codec.h"
#include "sync/protocol/protocol.h"

#include <QLoggingCategory>
#include <algorithm>

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;
using store::DecryptionState;

Q_LOGGING_CATEGORY(lcInbox, "hearth.sync.inbox")

InboxProcessor::InboxProcessor(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
                               QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_directory(directory)
    , m_keys(keys) {}

std::optional<EngineError> InboxProcessor::storeEvents(ConversationId conversation,
                                                       const QCborArray &events,
                                                       bool advanceCursor) {
    store::Store &store = m_context.store;
    QList<Rejection> rejections;
    // why: one transaction per page. Decrypting saves each advanced inbound session; inside
    // the page's transaction those writes are one commit with the events and the cursor (not
    // one per message), and a failed page leaves the sessions as they were.
    auto stored = store.transaction([&]() -> store::StoreResult<int> {
        std::vector<store::IncomingEvent> incoming;
        quint64 lastSeq = 0;
        for (const QCborValue &value : events) {
            const QCborMap map = value.toMap();
            if (static_cast<quint64>(map.value("conv"_L1).toInteger()) != conversation.value)
                continue;
            lastSeq = std::max(lastSeq, static_cast<quint64>(map.value("seq"_L1).toInteger()));
            if (auto event = toIncoming(map, rejections))
                incoming.push_back(std::move(*event));
        }
        auto inserted = store.events().insertAll(incoming);
        if (!inserted || !advanceCursor || lastSeq == 0)
            return inserted;
        if (auto moved = store.conversations().advanceCursor(conversation, lastSeq); !moved)
            return moved.failure();
        return inserted;
    });
    if (!stored)
        return storeError(stored.failure()); // the page comes again: rejections reported then
    for (const Rejection &rejection : std::as_const(rejections)) {
        ++m_rejected;
        qCWarning(lcInbox) << "rejected an event:" << rejection.reason;
        Q_EMIT eventRejected(conversation.value, rejection.seq, rejection.reason);
    }
    if (*stored > 0)
        Q_EMIT eventsChanged(conversation.value);
    return std::nullopt;
}

std::optional<store::IncomingEvent> InboxProcessor::toIncoming(const QCborMap &map,
                                                               QList<Rejection> &rejections) {
    store::IncomingEvent event;
    event.conversation = ConversationId{static_cast<quint64>(map.value("conv"_L1).toInteger())};
    event.seq = static_cast<quint64>(map.value("seq"_L1).toInteger());
    event.ts = map.value("ts"_L1).toInteger();
    event.sender =
        DeviceAddress{UserId{map.value("sender"_L1).toString()},
                      DeviceId{static_cast<quint64>(map.value("device"_L1).toInteger())}};
    const QString kind = map.value("kind"_L1).toString();
    if (kind == protocol::event_kind::kMembership) {
        const auto action = actionFromName(map.value("action"_L1).toString());
        if (!action)
            return std::nullopt;
        event.kind = store::EventKind::Membership;
        event.membership = store::MembershipChange{
            *action, UserId{map.value("user"_L1).toString()},
            roleFromName(map.value("role"_L1).toString()),
            kindFromName(map.value("conv_kind"_L1).toString()), map.value("title"_L1).toString()};
        return event;
    }
    if (kind != protocol::event_kind::kMessage)
        return std::nullopt;
    event.kind = store::EventKind::Message;
    event.cmid = store::ClientMessageId::fromBytes(map.value("cmid"_L1).toByteArray());
    const QByteArray body = map.value("body"_L1).toByteArray();
    Decrypted decrypted = decrypt(event.conversation, event.sender, body, true);
    if (!decrypted.rejectReason.isEmpty()) {
        rejections.append(Rejection{event.seq, decrypted.rejectReason});
        return std::nullopt;
    }
    event.decryption = decrypted.state;
    if (decrypted.state == DecryptionState::Ok) {
        event.content = std::move(decrypted.content);
    } else {
        event.ciphertext = body;
        event.sessionId = decrypted.sessionId;
    }
    return event;
}

InboxProcessor::Decrypted InboxProcessor::decrypt(ConversationId conversation,
                                                  const DeviceAddress &sender,
                                                  const QByteArray &body, bool requestMissingKey) {
    Decrypted result;
    auto header = crypto::peekGroupEnvelope(body);
    if (!header) {
        result.rejectReason = QString::fromLatin1(crypto::cryptoErrorName(header.error()));
        return result;
    }
    result.sessionId = header->sessionId;
    auto record =
        m_context.store.sessions().inbound(conversation, sender.device, header->sessionId);
    if (!record || !*record) {
        if (m_directory.hasVerifiedList(sender.user) && !m_directory.trustedDevice(sender)) {
            result.rejectReason = u"sender device is not on its account's signed list"_s;
            return result;
        }
        result.state = DecryptionState::Pending;
        if (requestMissingKey)
            m_keys.requestKey(conversation, sender, header->sessionId);
        return result;
    }
    auto session = crypto::InboundGroupSession::deserialize(crypto::secretView((*record)->state));
    if (!session) {
        result.state = DecryptionState::Failed;
        return result;
    }
    auto message = session->decrypt(body, conversation, sender);
    if (!message) {
        if (message.error() == crypto::CryptoError::IndexTooOld) {
            result.state = DecryptionState::Failed;
            return result;
        }
        result.rejectReason = QString::fromLatin1(crypto::cryptoErrorName(message.error()));
        return result;
    }
    // why: keeping the advanced cursor makes the next message a single ratchet step.
    store::InboundSessionRecord advanced{conversation,          (*record)->sender,
                                         (*record)->sessionId,  session->serialize(),
                                         (*record)->firstIndex, (*record)->receivedTs};
    (void)m_context.store.sessions().saveInbound(advanced);
    auto content = decodePayload(message->plaintext);
    if (!content) {
        result.rejectReason = u"malformed payload"_s;
        return result;
    }
    result.content = std::move(*content);
    return result;
}

void InboxProcessor::retryPending(const crypto::SessionId &sessionId) {
    store::EventStore &events = m_context.store.events();
    auto pending = events.pending(sessionId, 1000);
    if (!pending)
        return;
    QSet<quint64> changed;
    // why: one commit for the whole batch (resolutions and advanced sessions), not per event.
    auto retried = m_context.store.transaction([&]() -> store::StoreStatus {
        for (const store::UndecryptedEvent &event : *pending) {
            Decrypted decrypted =
                decrypt(event.conversation, event.sender, event.ciphertext, false);
            if (decrypted.state == DecryptionState::Pending && decrypted.rejectReason.isEmpty())
                continue;
            if (decrypted.rejectReason.isEmpty() && decrypted.state == DecryptionState::Ok) {
                if (auto resolved =
                        events.resolve(event.conversation, event.seq, decrypted.content);
                    !resolved)
                    continue;
            } else if (auto failed = events.markFailed(event.conversation, event.seq); !failed) {
                continue;
            }
            changed.insert(event.conversation.value);
        }
        return {};
    });
    if (!retried)
        return;
    for (const quint64 conversation : changed)
        Q_EMIT eventsChanged(conversation);
}

EngineResult<store::MessageContent> InboxProcessor::decryptBody(ConversationId conversation,
                                                                const DeviceAddress &sender,
                                                                const QByteArray &body) {
    Decrypted decrypted = decrypt(conversation, sender, body, false);
    if (!decrypted.rejectReason.isEmpty())
        return engineError(EngineErrorCode::Crypto, decrypted.rejectReason);
    if (decrypted.state != DecryptionState::Ok)
        return engineError(EngineErrorCode::Crypto, u"no session key for this message"_s);
    return decrypted.content;
}

} // namespace hearth::sync
