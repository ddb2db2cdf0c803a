// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/sync_engine.h"

#include "crypto/secret_view.h"
#include "sync/engine/account_setup.h"
#include "sync/engine/awareness.h"
#include "sync/engine/conversation_info.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/event_processor.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/membership_requests.h"
#include "sync/engine/outbox_sender.h"
#include "sync/engine/own_devices.h"
#include "sync/engine/read_state.h"
#include "sync/engine/reconciler.h"
#include "sync/engine/trust_alerts.h"
#include "sync/protocol/messages.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

EngineResult<std::unique_ptr<SyncEngine>> SyncEngine::open(const store::Profile &profile,
                                                           QObject *parent) {
    auto store = profile.openStore(store::Access::ReadWrite);
    if (!store)
        return storeError(store.error());
    if (auto requeued = (*store)->outbox().requeueSending(); !requeued)
        return storeError(requeued.error());
    std::unique_ptr<SyncEngine> engine(new SyncEngine(std::move(*store), parent));
    if (auto error = engine->loadIdentity())
        return *error;
    return engine;
}

SyncEngine::SyncEngine(std::unique_ptr<store::Store> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_context(std::make_unique<EngineContext>(EngineContext{*m_store, m_connection, {}})) {
    m_directory = std::make_unique<DeviceDirectory>(*m_context);
    m_keys = std::make_unique<KeySharing>(*m_context, m_store->sessions(), *m_directory);
    m_events = std::make_unique<EventProcessor>(*m_context, *m_directory, *m_keys);
    m_reconciler = std::make_unique<Reconciler>(*m_context, *m_events, *m_keys);
    m_membership = std::make_unique<MembershipRequests>(*m_context, *m_reconciler);
    m_outbox = std::make_unique<OutboxSender>(*m_context, m_store->outbox(), *m_keys);
    m_readState = std::make_unique<ReadState>(*m_context, m_store->readMarkers());
    m_ownDevices = std::make_unique<OwnDevices>(*m_context, *m_directory, *m_keys);
    m_awareness = std::make_unique<Awareness>(*m_context);
    connect(m_awareness.get(), &Awareness::typing, this, &SyncEngine::typing);
    connect(m_awareness.get(), &Awareness::presence, this, &SyncEngine::presence);
    connect(m_awareness.get(), &Awareness::messagePolicyChanged, this,
            &SyncEngine::messagePolicyChanged);

    connect(&m_connection, &ConnectionManager::stateChanged, this, &SyncEngine::stateChanged);
    connect(&m_connection, &ConnectionManager::authenticationFailed, this,
            &SyncEngine::authenticationFailed);
    connect(&m_connection, &ConnectionManager::online, this, &SyncEngine::onOnline);
    connect(&m_connection, &ConnectionManager::pushed, this, &SyncEngine::onPush);
    connect(m_directory.get(), &DeviceDirectory::untrustedDevice, this,
            &SyncEngine::untrustedDevice);
    connect(m_ownDevices.get(), &OwnDevices::deviceAwaitingApproval, this,
            &SyncEngine::deviceAwaitingApproval);
    connect(m_ownDevices.get(), &OwnDevices::approved, this, &SyncEngine::thisDeviceApproved);
    // why: conversations whose changes this device could not check before (its own account's
    // list was not trusted yet) are verified now.
    connect(m_ownDevices.get(), &OwnDevices::approved, this, [this] {
        if (m_connection.state() == ConnectionState::Online)
            m_reconciler->run();
    });
    connect(m_keys.get(), &KeySharing::approvalMessage, m_ownDevices.get(),
            &OwnDevices::onApprovalMessage);
    connect(m_directory.get(), &DeviceDirectory::accountKeyChanged, this,
            [this](const QString &user) {
                if (auto recorded = TrustAlerts(m_store->account()).recordRefusedAccountKey(user);
                    !recorded)
                    qWarning("hearth: could not record a refused account key");
                Q_EMIT accountKeyChanged(user);
            });
    connect(m_directory.get(), &DeviceDirectory::deviceListConflict, this,
            &SyncEngine::deviceListConflict);
    connect(m_directory.get(), &DeviceDirectory::devicesChanged, this, &SyncEngine::devicesChanged);
    connect(m_keys.get(), &KeySharing::sessionKeyReceived, this,
            [this](const crypto::SessionId &sessionId) { m_events->retryPending(sessionId); });
    connect(m_events.get(), &EventProcessor::timelineChanged, this, &SyncEngine::timelineChanged);
    connect(m_events.get(), &EventProcessor::eventsChanged, this, &SyncEngine::eventsChanged);
    connect(m_events.get(), &EventProcessor::eventRejected, this, &SyncEngine::eventRejected);
    connect(m_events.get(), &EventProcessor::membershipRefused, this,
            [this](quint64 conversation) { Q_EMIT membershipAlertRaised(conversation); });
    connect(m_events.get(), &EventProcessor::membershipForked, this,
            &SyncEngine::membershipAlertRaised);
    connect(m_events.get(), &EventProcessor::membersChanged, this, &SyncEngine::membersChanged);
    connect(m_reconciler.get(), &Reconciler::conversationsChanged, this,
            &SyncEngine::conversationsChanged);
    connect(m_reconciler.get(), &Reconciler::readMarkerSeen, this,
            [this](quint64 conv, quint64 seq) {
                m_readState->applyOwnMarker(ConversationId{conv}, seq);
            });
    connect(m_reconciler.get(), &Reconciler::caughtUp, this, [this] {
        m_readState->publishAll();
        m_outbox->pump();
        Q_EMIT caughtUp();
    });
    connect(m_outbox.get(), &OutboxSender::timelineChanged, this, &SyncEngine::timelineChanged);
    connect(m_outbox.get(), &OutboxSender::outboxChanged, this, &SyncEngine::outboxChanged);
    connect(m_outbox.get(), &OutboxSender::messageSent, this, &SyncEngine::messageSent);
    connect(m_outbox.get(), &OutboxSender::eventsChanged, this, &SyncEngine::eventsChanged);
    connect(m_readState.get(), &ReadState::readMarkerChanged, this,
            [this](quint64 conversation, quint64 seq) {
                TimelineChange change;
                change.conversation = conversation;
                change.kind = TimelineChange::Kind::ReadMarker;
                change.lastSeq = seq;
                Q_EMIT timelineChanged(change);
                Q_EMIT readMarkerChanged(conversation, seq);
            });
    connect(m_readState.get(), &ReadState::receiptChanged, this,
            [this](quint64 conversation, const QString &user, quint64 seq) {
                TimelineChange change;
                change.conversation = conversation;
                change.kind = TimelineChange::Kind::Receipt;
                change.lastSeq = seq;
                change.user = user;
                Q_EMIT timelineChanged(change);
                Q_EMIT receiptChanged(conversation, user, seq);
            });
}

SyncEngine::~SyncEngine() {
    // why: the connection's pending handlers refer to the parts; drop them unrun first.
    m_connection.disconnect(this);
    m_connection.stop();
}

std::optional<EngineError> SyncEngine::loadIdentity() {
    auto account = m_store->account().account();
    if (!account)
        return storeError(account.error());
    if (!*account)
        return std::nullopt;
    auto secrets = m_store->account().secrets();
    if (!secrets)
        return storeError(secrets.error());
    auto signing = crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->deviceSigningKey));
    auto dh = crypto::DhKeyPair::fromSecretKey(crypto::secretView(secrets->deviceDhKey));
    if (!signing || !dh)
        return engineError(EngineErrorCode::Crypto, u"the stored device keys are damaged"_s);
    Identity &self = m_context->identity;
    self.user = (*account)->user;
    self.device = (*account)->device;
    self.signingKey = std::make_shared<const crypto::SigningKeyPair>(std::move(*signing));
    self.dhKey = std::make_shared<const crypto::DhKeyPair>(std::move(*dh));
    if (!secrets->accountSigningKey.isEmpty()) {
        if (auto key =
                crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->accountSigningKey)))
            self.accountKey = std::make_shared<const crypto::SigningKeyPair>(std::move(*key));
    }
    self.approvalCode.reset();
    if (!secrets->approvalCode.isEmpty()) {
        if (auto code = crypto::ApprovalCode::fromBytes(crypto::secretView(secrets->approvalCode)))
            self.approvalCode = std::make_shared<const crypto::ApprovalCode>(std::move(*code));
    }
    m_relay = QUrl((*account)->relayUrl);
    // why: the account key is pinned where it was made; a device waiting for approval (a
    // profile from before approval codes too) gets the code it shows.
    return m_ownDevices->pinHeldAccountKey();
}

void SyncEngine::registerAccount(const QUrl &relay, const QString &user, const QString &password,
                                 const QString &deviceName, Completion done) {
    setUpDevice(relay, user, password, deviceName, true, std::move(done));
}

void SyncEngine::addDevice(const QUrl &relay, const QString &user, const QString &password,
                           const QString &deviceName, Completion done) {
    setUpDevice(relay, user, password, deviceName, false, std::move(done));
}

void SyncEngine::setUpDevice(const QUrl &relay, const QString &user, const QString &password,
                             const QString &deviceName, bool newAccount, Completion done) {
    if (hasAccount()) {
        done(engineError(EngineErrorCode::InvalidArgument, u"this profile has an account"_s));
        return;
    }
    if (!m_context->identity.signingKey) {
        const auto signing = crypto::SigningKeyPair::generate();
        const auto dh = crypto::DhKeyPair::generate();
        std::optional<crypto::SigningKeyPair> account;
        if (newAccount)
            account = crypto::SigningKeyPair::generate();
        store::AccountSecrets secrets{
            signing.seed(), crypto::SecretBytes::fromBytes(crypto::secretView(dh.secretKey())),
            account ? account->seed() : crypto::SecretBytes()};
        const store::Account row{UserId{user}, DeviceId{}, relay.toString(), EngineContext::now()};
        if (auto created = m_store->account().create(row, secrets); !created) {
            done(storeError(created.error()));
            return;
        }
        if (auto error = loadIdentity()) {
            done(error);
            return;
        }
    }
    const Identity &self = m_context->identity;
    if (!(self.user == UserId{user})) {
        done(engineError(EngineErrorCode::InvalidArgument,
                         u"this profile belongs to another account"_s));
        return;
    }
    DeviceSetupRequest request{relay,
                               user,
                               password,
                               deviceName,
                               self.signingKey->publicKey(),
                               self.dhKey->publicKey(),
                               newAccount && self.accountKey ? self.accountKey->publicKey()
                                                             : QByteArray()};
    runDeviceSetup(request, [this, relay, done](const EngineResult<DeviceId> &device) {
        if (!device) {
            done(device.error());
            return;
        }
        if (auto stored = m_store->account().setDeviceId(device.value()); !stored) {
            done(storeError(stored.error()));
            return;
        }
        (void)m_store->account().setRelayUrl(relay.toString());
        m_context->identity.device = device.value();
        m_relay = relay;
        done(start());
    });
}

void SyncEngine::approveDevice(DeviceId device, const QString &code, Completion done) {
    m_ownDevices->approve(device, code, std::move(done));
}

QString SyncEngine::approvalCode() const {
    const auto &code = m_context->identity.approvalCode;
    return code ? code->display() : QString();
}

bool SyncEngine::isApproved() {
    return m_ownDevices->thisDeviceApproved();
}

QList<DeviceId> SyncEngine::pendingApprovals() {
    return m_ownDevices->pendingApprovals();
}

QStringList SyncEngine::refusedAccountKeys() {
    return TrustAlerts(m_store->account()).refusedAccountKeys();
}

std::optional<EngineError> SyncEngine::dismissRefusedAccountKey(const QString &user) {
    if (auto dismissed = TrustAlerts(m_store->account()).dismissRefusedAccountKey(user); !dismissed)
        return storeError(dismissed.error());
    return std::nullopt;
}

std::optional<EngineError> SyncEngine::acknowledgeDeviceChange(const UserId &user) {
    if (auto cleared = m_context->store.contacts().acknowledgeDeviceChange(user); !cleared)
        return storeError(cleared.error());
    Q_EMIT devicesChanged(user.name);
    return std::nullopt;
}

void SyncEngine::removeDevice(DeviceId device, const QString &password, Completion done) {
    m_ownDevices->remove(device, password, std::move(done));
}

void SyncEngine::setConnectionTiming(const ConnectionTiming &timing) {
    m_connection.setTiming(timing);
}

void SyncEngine::setRotationPolicy(const crypto::RotationPolicy &policy) {
    m_keys->setRotationPolicy(policy);
}

std::optional<EngineError> SyncEngine::start() {
    if (!hasAccount())
        return engineError(EngineErrorCode::NoAccount, u"this profile has no account yet"_s);
    m_connection.start(m_relay, m_context->identity.credentials());
    return std::nullopt;
}

void SyncEngine::stop() {
    m_connection.stop();
}

ConnectionState SyncEngine::state() const {
    return m_connection.state();
}

void SyncEngine::onOnline() {
    m_directory->invalidateAll();
    m_ownDevices->ensureListed([this](const auto &) {
        if (m_connection.state() == ConnectionState::Online)
            m_reconciler->run();
    });
}

void SyncEngine::onPush(const protocol::Frame &frame) {
    // One row per push type of the protocol (protocol::PushMessages); the relay's frames were
    // validated against the schema before they got here.
    using Handler = void (*)(SyncEngine &, const protocol::Frame &);
    static const std::array<std::pair<QLatin1StringView, Handler>, 7> kHandlers{{
        {protocol::EventPush::kType,
         [](SyncEngine &e, const auto &f) { e.m_reconciler->onEventPush(f); }},
        {protocol::ToDevicePush::kType,
         [](SyncEngine &e, const auto &f) { e.m_reconciler->onToDevicePush(f); }},
        {protocol::ReadPush::kType,
         [](SyncEngine &e, const auto &f) { e.m_readState->onReadPush(f); }},
        {protocol::DevicesPush::kType,
         [](SyncEngine &e, const auto &f) {
             const UserId user = protocol::decode<protocol::DevicesPush>(f.map()).user;
             e.m_directory->invalidate(user);
             e.m_directory->refresh(user, [](const auto &) {});
         }},
        {protocol::TypingPush::kType,
         [](SyncEngine &e, const auto &f) { e.m_awareness->onTypingPush(f); }},
        {protocol::PresencePush::kType,
         [](SyncEngine &e, const auto &f) { e.m_awareness->onPresencePush(f); }},
        {protocol::PrivacyPush::kType,
         [](SyncEngine &e, const auto &f) { e.m_awareness->onPrivacyPush(f); }},
    }};
    static_assert(kHandlers.size() == std::tuple_size_v<protocol::PushMessages>);
    const QString type = frame.type();
    for (const auto &[name, handler] : kHandlers)
        if (type == name)
            return handler(*this, frame);
}

void SyncEngine::createConversation(
    hearth::ConversationKind kind, const QString &title, const QStringList &members,
    std::function<void(const EngineResult<ConversationId> &)> done) {
    m_membership->create(kind, title, members, std::move(done));
}

void SyncEngine::addMember(ConversationId conversation, const QString &user, Completion done) {
    m_membership->add(conversation, UserId{user}, std::move(done));
}

void SyncEngine::removeMember(ConversationId conversation, const QString &user, Completion done) {
    m_membership->remove(conversation, UserId{user}, std::move(done));
}

void SyncEngine::leave(ConversationId conversation, Completion done) {
    m_membership->leave(conversation, std::move(done));
}

void SyncEngine::setRole(ConversationId conversation, const QString &user, hearth::Role role,
                         Completion done) {
    m_membership->setRole(conversation, UserId{user}, role, std::move(done));
}

std::optional<EngineError> SyncEngine::dismissMembershipAlert(ConversationId conversation) {
    if (auto dismissed = m_store->membership().dismissAlert(conversation); !dismissed)
        return storeError(dismissed.error());
    return std::nullopt;
}

void SyncEngine::sync(ConversationId conversation, Completion done) {
    m_reconciler->syncConversation(conversation, std::move(done));
}

EngineResult<ClientMessageId> SyncEngine::sendMessage(ConversationId conversation,
                                                      const store::MessageContent &content) {
    return m_outbox->enqueue(conversation, content);
}

EngineResult<ClientMessageId> SyncEngine::sendText(ConversationId conversation,
                                                   const QString &text) {
    store::MessageContent content;
    content.contentType = u"text"_s;
    content.text = text;
    return sendMessage(conversation, content);
}

std::optional<EngineError> SyncEngine::retryFailed(const ClientMessageId &cmid) {
    auto unsent = m_store->outbox().unsent();
    if (!unsent)
        return storeError(unsent.error());
    for (const store::OutboxItem &item : *unsent) {
        if (item.cmid != cmid || item.state != store::OutboxState::Failed)
            continue;
        if (auto retried = m_store->outbox().retry(item.id); !retried)
            return storeError(retried.error());
        TimelineChange change;
        change.conversation = item.conversation.value;
        change.kind = TimelineChange::Kind::State;
        change.cmid = cmid;
        Q_EMIT timelineChanged(change);
        Q_EMIT outboxChanged();
        m_outbox->pump();
        return std::nullopt;
    }
    return engineError(EngineErrorCode::InvalidArgument, u"no failed message with that id"_s);
}

std::optional<EngineError> SyncEngine::markRead(ConversationId conversation, quint64 seq) {
    return m_readState->markRead(conversation, seq);
}

std::optional<EngineError> SyncEngine::setReadReceiptsEnabled(bool enabled) {
    return m_readState->setReceiptsEnabled(enabled);
}

void SyncEngine::sendTyping(ConversationId conversation, bool active) {
    m_awareness->sendTyping(conversation, active);
}

void SyncEngine::setPresence(const QString &status, Completion done) {
    m_awareness->setPresence(status, std::move(done));
}

void SyncEngine::queryPresence(const QStringList &users, PresenceCompletion done) {
    m_awareness->queryPresence(users, std::move(done));
}

void SyncEngine::setMessagePolicy(MessagePolicy policy, Completion done) {
    m_awareness->setMessagePolicy(policy, std::move(done));
}

std::optional<MessagePolicy> SyncEngine::messagePolicy() const {
    return m_awareness->messagePolicy();
}

EngineResult<store::MessageContent> SyncEngine::decryptBody(ConversationId conversation,
                                                            const DeviceAddress &sender,
                                                            const ClientMessageId &cmid,
                                                            const QByteArray &body) {
    return m_events->decryptBody(conversation, sender, cmid, body);
}

int SyncEngine::rejectedEvents() const {
    return m_events->rejectedCount();
}

} // namespace hearth::engine
