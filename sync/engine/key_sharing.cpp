// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/key_sharing.h"

#include "crypto/envelope_type.h"
#include "crypto/inbound_group_session.h"
#include "crypto/outbound_group_session.h"
#include "crypto/pairwise_channel.h"
#include "crypto/secret_view.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/engine/to_device_batches.h"
#include "sync/protocol/protocol.h"

#include <QCborValue>
#include <QLoggingCategory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcKeys, "hearth.engine.keys")

namespace {
constexpr auto kKeyRequest = "key_request"_L1;
constexpr auto kAccountKey = "account_key"_L1;
constexpr auto kApprovalRequest = "approval_request"_L1;

DeviceAddress addressOf(const store::KnownDevice &device) {
    return DeviceAddress{device.user, device.keys.id};
}
} // namespace

KeySharing::KeySharing(EngineContext &context, store::SessionStore &sessions,
                       DeviceDirectory &directory, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_sessions(sessions)
    , m_directory(directory)
    , m_replayGuard(context.store.database()) {}

void KeySharing::prepare(ConversationId conversation, Completion done) {
    auto alert = m_context.store.membership().alert(conversation);
    if (!alert) {
        done(storeError(alert.error()));
        return;
    }
    // why: members were shown different membership histories (a removal withheld from some,
    // say): sharing a key now could reach someone removed. Nothing is sent until the member
    // has looked at the warning.
    if (*alert == store::MembershipAlert::Fork) {
        done(engineError(EngineErrorCode::Untrusted,
                         u"Members of this conversation were shown different membership "
                         "histories. Check the warning above the conversation before sending."_s));
        return;
    }
    auto members = m_context.store.conversations().members(conversation);
    if (!members) {
        done(storeError(members.error()));
        return;
    }
    QList<UserId> users;
    for (const store::Member &member : *members)
        users.append(member.user);
    m_directory.ensureFresh(users, [this, conversation, users, done](const auto &error) {
        if (error) {
            done(error);
            return;
        }
        store::SessionStore &sessions = m_sessions;
        QList<store::KnownDevice> devices;
        QSet<DeviceAddress> current;
        for (const UserId &user : users) {
            for (const store::KnownDevice &device : m_directory.trustedDevices(user)) {
                if (addressOf(device) == m_context.identity.address())
                    continue;
                devices.append(device);
                current.insert(addressOf(device));
            }
        }
        auto record = sessions.outbound(conversation);
        if (!record) {
            done(storeError(record.error()));
            return;
        }
        bool fresh = !*record;
        QSet<DeviceAddress> shared;
        if (!fresh) {
            auto shares = sessions.shares(conversation, (*record)->sessionId);
            if (shares) {
                for (const DeviceAddress &address : *shares)
                    shared.insert(address);
            }
            auto session =
                crypto::OutboundGroupSession::deserialize(crypto::secretView((*record)->state));
            const crypto::SessionUsage usage{session ? session->messageIndex() : 0,
                                             session ? session->createdAtMs() : 0, shared, current};
            fresh = !session || crypto::rotationNeeded(m_policy, usage, EngineContext::now()) !=
                                    crypto::RotationReason::None;
        }
        if (fresh) {
            if (auto started = startSession(conversation)) {
                done(started);
                return;
            }
            shared.clear();
        }
        QList<store::KnownDevice> missing;
        for (const store::KnownDevice &device : devices) {
            if (!shared.contains(addressOf(device)))
                missing.append(device);
        }
        if (missing.isEmpty())
            done(std::nullopt);
        else
            share(conversation, missing, done);
    });
}

std::optional<EngineError> KeySharing::startSession(ConversationId conversation) {
    const Identity &self = m_context.identity;
    auto session = crypto::OutboundGroupSession::create(conversation, self.address(),
                                                        *self.signingKey, EngineContext::now());
    if (!session)
        return cryptoError(session.error());
    store::OutboundSessionRecord outbound{conversation, session->sessionId(), session->serialize(),
                                          session->createdAtMs(), 0};
    if (auto saved = m_sessions.saveOutbound(outbound); !saved)
        return storeError(saved.error());
    // why: this device reads its own messages from sync too, and exports key requests' answers
    // from it (from each requester's share index).
    auto own = crypto::InboundGroupSession::fromKey(session->sessionKey(), crypto::KeyOrigin::Own);
    store::InboundSessionRecord inbound{conversation,          self.address(),
                                        own.sessionId(),       own.serialize(),
                                        own.firstKnownIndex(), EngineContext::now()};
    if (auto saved = m_sessions.saveInbound(inbound); !saved)
        return storeError(saved.error());
    qCDebug(lcKeys) << "started a new outbound session";
    return std::nullopt;
}

void KeySharing::share(ConversationId conversation, const QList<store::KnownDevice> &devices,
                       Completion done) {
    auto record = m_sessions.outbound(conversation);
    if (!record || !*record) {
        done(engineError(EngineErrorCode::Store, u"the outbound session vanished"_s));
        return;
    }
    auto session = crypto::OutboundGroupSession::deserialize(crypto::secretView((*record)->state));
    if (!session) {
        done(cryptoError(session.error()));
        return;
    }
    const crypto::SecretBytes key = session->sessionKey().serialize();
    const quint32 firstIndex = session->messageIndex(); // what these devices can read from
    QList<protocol::OutgoingToDevice> messages;
    QList<DeviceAddress> addresses;
    for (const store::KnownDevice &device : devices) {
        if (auto sealed = seal(device, crypto::secretView(key))) {
            messages.append(*sealed);
            addresses.append(addressOf(device));
        }
    }
    const crypto::SessionId sessionId = session->sessionId();
    sendToDeviceBatches(
        m_context.connection, messages,
        [this, conversation, sessionId, addresses, firstIndex, done](const auto &error) {
            if (error) {
                done(error);
                return;
            }
            auto recorded = m_sessions.recordShares(conversation, sessionId, addresses, firstIndex,
                                                    EngineContext::now());
            done(recorded ? std::nullopt : std::optional(storeError(recorded.error())));
        });
}

EngineResult<QByteArray> KeySharing::encrypt(ConversationId conversation,
                                             const QByteArray &plaintext) {
    store::SessionStore &sessions = m_sessions;
    auto record = sessions.outbound(conversation);
    if (!record)
        return storeError(record.error());
    if (!*record)
        return engineError(EngineErrorCode::InvalidArgument, u"no outbound session"_s);
    auto session = crypto::OutboundGroupSession::deserialize(crypto::secretView((*record)->state));
    if (!session)
        return cryptoError(session.error());
    auto ciphertext = session->encrypt(plaintext, *m_context.identity.signingKey);
    if (!ciphertext)
        return cryptoError(ciphertext.error());
    store::OutboundSessionRecord updated{conversation, session->sessionId(), session->serialize(),
                                         session->createdAtMs(), session->messageIndex()};
    if (auto saved = sessions.saveOutbound(updated); !saved)
        return storeError(saved.error());
    return *ciphertext;
}

std::optional<protocol::OutgoingToDevice> KeySharing::seal(const store::KnownDevice &device,
                                                           QByteArrayView plaintext) {
    const Identity &self = m_context.identity;
    auto sealed = crypto::sealPairwise(self.address(), *self.signingKey, addressOf(device),
                                       device.keys.dhKey, plaintext, EngineContext::now());
    if (!sealed) {
        qCWarning(lcKeys) << "could not seal a to-device message:" << sealed.error();
        return std::nullopt;
    }
    return toDeviceMessage(addressOf(device), *sealed);
}

void KeySharing::sendPairwise(const QList<store::KnownDevice> &devices,
                              const QList<QByteArray> &plaintexts, Completion done) {
    QList<protocol::OutgoingToDevice> messages;
    for (qsizetype i = 0; i < devices.size() && i < plaintexts.size(); ++i) {
        if (auto sealed = seal(devices[i], plaintexts[i]))
            messages.append(*sealed);
    }
    sendToDeviceBatches(m_context.connection, messages, std::move(done));
}

void KeySharing::sendControl(const store::KnownDevice &device, const QCborMap &message,
                             Completion done) {
    sendPairwise({device}, {message.toCborValue().toCbor()}, std::move(done));
}

void KeySharing::requestKey(ConversationId conversation, const DeviceAddress &sender,
                            const crypto::SessionId &sessionId) {
    if (m_requested.contains(sessionId))
        return;
    m_requested.insert(sessionId);
    // why: the sender's list may never have been fetched (its key share is what normally makes
    // us fetch it, and that share is what went missing).
    m_directory.ensureFresh(
        {sender.user}, [this, conversation, sender, sessionId](const auto &fetchError) {
            if (fetchError) {
                m_requested.remove(sessionId); // ask again on the next attempt
                return;
            }
            const auto device = m_directory.trustedDevice(sender);
            if (!device)
                return; // an untrusted sender is never asked (and not looked up again)
            QCborMap request;
            request.insert("type"_L1, kKeyRequest);
            request.insert("conv"_L1, static_cast<qint64>(conversation.value));
            request.insert("session"_L1, sessionId.bytes());
            sendControl(*device, request, [this, sessionId](const auto &error) {
                if (error)
                    m_requested.remove(sessionId); // ask again on the next attempt
            });
        });
}

void KeySharing::handle(const store::IncomingToDevice &message, Completion done) {
    const DeviceAddress from = message.from;
    m_directory.ensureFresh({from.user}, [this, message, from, done](const auto &error) {
        if (error) {
            done(error);
            return;
        }
        if (auto sender = m_directory.trustedDevice(from)) {
            open(message, *sender);
            done(std::nullopt);
            return;
        }
        // The list may have changed since it was fetched (a just-approved device): look again,
        // once per device and connection (an unsigned device must not make us fetch per message).
        m_directory.recheckUnlisted(from, [this, message, from, done](const auto &again) {
            if (again) {
                done(again->code == EngineErrorCode::NotOnline ? again : std::nullopt);
                return;
            }
            if (auto sender = m_directory.trustedDevice(from))
                open(message, *sender);
            else if (from.user == m_context.identity.user)
                openFromUnlistedOwnDevice(message);
            else
                qCWarning(lcKeys) << "dropped a to-device message from an untrusted device";
            done(std::nullopt);
        });
    });
}

void KeySharing::openFromUnlistedOwnDevice(const store::IncomingToDevice &message) {
    for (const RelayDevice &listed : m_directory.relayDevices(message.from.user)) {
        const auto sign = crypto::SigningPublicKey::fromBytes(listed.signKey);
        const auto dh = crypto::DhPublicKey::fromBytes(listed.dhKey);
        if (listed.id == message.from.device && sign && dh) {
            const store::KnownDevice sender{message.from.user,
                                            crypto::DeviceKeys{listed.id, *sign, *dh},
                                            store::Trust::Unverified, false, 0};
            open(message, sender, true);
            return;
        }
    }
    qCWarning(lcKeys) << "dropped a to-device message from an unlisted device";
}

void KeySharing::open(const store::IncomingToDevice &message, const store::KnownDevice &sender,
                      bool approvalOnly) {
    const Identity &self = m_context.identity;
    // why: one transaction for the replay guard's record and what the message carried: a crash
    // or a store failure in between forgets both, and the stored message is accepted again.
    auto handled = m_context.store.transaction([&]() -> store::StoreStatus {
        auto opened = crypto::openPairwise(message.body, self.address(), *self.dhKey, message.from,
                                           sender.keys.signingKey, m_replayGuard);
        if (!opened) {
            qCWarning(lcKeys) << "dropped a to-device message:" << opened.error();
            return {};
        }
        const QByteArrayView plaintext = crypto::secretView(opened->plaintext);
        auto type = crypto::peekEnvelopeType(plaintext);
        if (type && *type == crypto::EnvelopeType::SessionKey)
            return approvalOnly ? store::StoreStatus() : onSessionKey(*opened, sender);
        const QCborValue control = QCborValue::fromCbor(plaintext.toByteArray());
        if (control.isMap())
            onControl(control.toMap(), sender, approvalOnly);
        return {};
    });
    if (!handled)
        qCWarning(lcKeys) << "store:" << handled.error();
}

store::StoreStatus KeySharing::onSessionKey(const crypto::PairwiseMessage &message,
                                            const store::KnownDevice &sender) {
    auto session = crypto::InboundGroupSession::fromPairwise(message, sender.keys.signingKey);
    if (!session) {
        qCWarning(lcKeys) << "refused a session key:" << session.error();
        return {};
    }
    store::InboundSessionRecord record{session->conversation(),    session->sender(),
                                       session->sessionId(),       session->serialize(),
                                       session->firstKnownIndex(), EngineContext::now()};
    if (auto saved = m_sessions.saveInbound(record); !saved)
        return saved.error();
    Q_EMIT sessionKeyReceived(session->sessionId());
    return {};
}

void KeySharing::onControl(const QCborMap &control, const store::KnownDevice &sender,
                           bool approvalOnly) {
    const QString type = control.value("type"_L1).toString();
    if (type == kKeyRequest && !approvalOnly) {
        answerKeyRequest(control, sender);
        return;
    }
    if ((type == kAccountKey || type == kApprovalRequest) && sender.user == m_context.identity.user)
        Q_EMIT approvalMessage(control, sender.keys);
}

void KeySharing::answerKeyRequest(const QCborMap &control, const store::KnownDevice &requester) {
    const ConversationId conversation{static_cast<quint64>(control.value("conv"_L1).toInteger())};
    const auto sessionId = crypto::SessionId::fromBytes(control.value("session"_L1).toByteArray());
    if (!sessionId)
        return;
    // why: the account's own devices get the earliest index (docs/crypto.md 6.8: they read the
    // account's whole history anyway); any other device only what its share gave it, whatever
    // it asks, so a device added at index i never reads what was sent before it joined.
    std::optional<quint32> from =
        requester.user == m_context.identity.user ? std::optional<quint32>(0) : std::nullopt;
    if (!from) {
        auto shared = m_sessions.sharedIndex(conversation, *sessionId, addressOf(requester));
        if (shared)
            from = *shared;
    }
    if (!from) {
        qCInfo(lcKeys) << "refused a key request from a device the session was not shared with";
        return;
    }
    auto record = m_sessions.inbound(conversation, m_context.identity.device, *sessionId);
    if (!record || !*record)
        return;
    auto session = crypto::InboundGroupSession::deserialize(crypto::secretView((*record)->state));
    if (!session)
        return;
    auto exported = session->exportKeyFrom(*from);
    if (!exported) {
        qCWarning(lcKeys) << "could not export a session key:" << exported.error();
        return;
    }
    const crypto::SecretBytes key = exported->serialize();
    if (auto sealed = seal(requester, crypto::secretView(key)))
        sendToDeviceBatches(m_context.connection, {*sealed}, [](const auto &) {});
}

} // namespace hearth::engine
