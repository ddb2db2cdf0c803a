// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/app_controller.h"

#include "app/error_text.h"
#include "sync/engine/conversation_info.h"
#include "sync/protocol/names.h"

#include <QHostInfo>
#include <QSettings>
#include <variant>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

AppController *s_instance = nullptr;

QString stateName(engine::ConnectionState state) {
    switch (state) {
    case engine::ConnectionState::Online:
        return u"online"_s;
    case engine::ConnectionState::Connecting:
        return u"connecting"_s;
    case engine::ConnectionState::Offline:
        break;
    }
    return u"offline"_s;
}

//! A relay address as typed ("chat.example.org", "ws://127.0.0.1:7300") as a URL.
QUrl relayUrlFrom(const QString &text) {
    QString trimmed = text.trimmed();
    if (!trimmed.contains(u"://"_s))
        trimmed.prepend(u"wss://"_s);
    return QUrl(trimmed);
}

//! A new profile that registers an account or signs in to one.
OpenRequest accountRequest(OpenRequest::Mode mode, const QString &userName, const QString &password,
                           const QString &passphrase, const QString &relayUrl) {
    OpenRequest request;
    request.mode = mode;
    request.relay = relayUrlFrom(relayUrl);
    request.user = userName.trimmed().toLower(); // user names are lower-case on the relay
    request.password = password;
    request.passphrase = passphrase.toUtf8();
    return request;
}

} // namespace

AppController::AppController(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_conversations(m_host, m_presence)
    , m_settings(m_host)
    , m_deviceTrust(m_host)
    , m_search(m_host, m_conversations,
               [this] {
                   return m_settings.darkTheme() ? MarkdownStyle::dark() : MarkdownStyle::light();
               })
    , m_exporter(m_host)
    , m_notifications(m_host, m_conversations, m_settings,
                      [this] { return std::pair(m_windowActive, currentId()); }) {
    connect(&m_notifications, &NotificationCenter::activated, this, [this](quint64 conversation) {
        openConversation(int(conversation));
        Q_EMIT raiseRequested();
    });
    m_stage = store::Profile::exists(m_options.profileDirectory) ? u"unlock"_s : u"setup"_s;
    connect(&m_host, &EngineHost::engineReady, this, &AppController::onOpened);
    connect(&m_conversations, &ConversationListModel::loaded, this,
            &AppController::onConversationsLoaded);
    connect(&m_idle, &IdleWatcher::awayChanged, this, [this](bool away) {
        const QString status = away ? u"away"_s : u"online"_s;
        m_host.post([status](engine::SyncEngine &engine) { engine.setPresence(status); });
    });
    m_keychain.setTimeout(std::chrono::seconds(20));
    m_keychain.checkAvailable([this](const KeychainStatus &status) {
        if (status.ok() != m_keychainAvailable) {
            m_keychainAvailable = status.ok();
            Q_EMIT keychainAvailableChanged();
        }
    });
    if (m_stage == u"unlock"_s && m_options.autoUnlockPassphrase)
        QTimer::singleShot(0, this,
                           [this] { unlock(QString::fromUtf8(*m_options.autoUnlockPassphrase)); });
    else if (m_stage == u"unlock"_s)
        unlockFromKeychain();
}

AppController::~AppController() {
    delete m_current;
}

AppController *AppController::create(QQmlEngine *, QJSEngine *) {
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void AppController::setInstance(AppController *instance) {
    s_instance = instance;
}

void AppController::setStage(const QString &stage) {
    if (stage == m_stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged();
}

void AppController::setBusy(bool busy) {
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void AppController::setError(const QString &text) {
    if (text == m_errorText)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void AppController::clearError() {
    setError({});
}

void AppController::setApproval(bool approving, const QString &error) {
    if (approving == m_approving && error == m_approvalError)
        return;
    m_approving = approving;
    m_approvalError = error;
    Q_EMIT approvalChanged();
}

void AppController::approvePendingDevice(const QString &code) {
    const hearth::DeviceId device{m_pendingDevice};
    if (device.value == 0 || m_approving)
        return;
    setApproval(true, {});
    m_host.postWithCompletion(
        [device, code](engine::SyncEngine &engine, engine::Completion done) {
            engine.approveDevice(device, code, done);
        },
        this,
        [this, device](const EngineHost::Outcome &error) {
            m_settings.reload();
            setApproval(false, error.value_or(QString()));
            if (error || m_pendingDevice != device.value)
                return; // a wrong code: the device stays pending, the dialog says why
            m_pendingDevice = 0;
            Q_EMIT pendingDeviceChanged();
            Q_EMIT message(tr("Device %1 is approved.").arg(device.value));
        });
}

void AppController::dismissPendingDevice() {
    m_pendingDevice = 0;
    setApproval(false, {});
    Q_EMIT pendingDeviceChanged();
}

void AppController::reloadAccountKeyAlerts() {
    m_host.postWithReply<QStringList>(
        [](engine::SyncEngine &engine, auto reply) { reply(engine.refusedAccountKeys()); }, this,
        [this](const QStringList &users) {
            if (users == m_refusedAccountKeys)
                return;
            m_refusedAccountKeys = users;
            Q_EMIT refusedAccountKeysChanged();
        });
}

void AppController::dismissAccountKeyAlert(const QString &user) {
    m_host.postWithReply<bool>(
        [user](engine::SyncEngine &engine, auto reply) {
            reply(!engine.dismissRefusedAccountKey(user).has_value());
        },
        this, [this](bool) { reloadAccountKeyAlerts(); });
}

void AppController::setWindowActive(bool active) {
    if (active == m_windowActive)
        return;
    m_windowActive = active;
    if (m_current)
        m_current->setWindowActive(active);
    Q_EMIT windowActiveChanged();
}

void AppController::createAccount(const QString &userName, const QString &password,
                                  const QString &passphrase, const QString &relayUrl,
                                  bool rememberKey) {
    openProfile(
        accountRequest(OpenRequest::Mode::Register, userName, password, passphrase, relayUrl),
        rememberKey);
}

void AppController::signIn(const QString &userName, const QString &password,
                           const QString &passphrase, const QString &relayUrl, bool rememberKey) {
    openProfile(
        accountRequest(OpenRequest::Mode::AddDevice, userName, password, passphrase, relayUrl),
        rememberKey);
}

void AppController::unlockFromKeychain() {
    // Not busy meanwhile: the member may type the passphrase before the keychain answers.
    m_keychain.load(keychainId(), [this](KeychainResult<crypto::StoreKey> key) {
        if (!key || m_busy || m_host.isOpen())
            return; // no saved key (or no keychain): the member types the passphrase
        OpenRequest request;
        request.mode = OpenRequest::Mode::Unlock;
        request.key = std::make_shared<crypto::StoreKey>(std::move(key).value());
        openProfile(std::move(request));
    });
}

void AppController::unlock(const QString &passphrase) {
    OpenRequest request;
    request.mode = OpenRequest::Mode::Unlock;
    request.passphrase = passphrase.toUtf8();
    openProfile(std::move(request));
}

void AppController::openProfile(OpenRequest request, bool rememberKey) {
    if (m_busy || m_host.isOpen())
        return;
    const bool fromKeychain = request.key != nullptr;
    if (!fromKeychain && request.passphrase.isEmpty()) {
        setError(u"Enter your passphrase."_s);
        return;
    }
    request.directory = m_options.profileDirectory;
    request.cost = m_options.cost;
    request.deviceName = QHostInfo::localHostName();
    setError({});
    setBusy(true);
    m_host.open(std::move(request), this,
                [this, rememberKey, fromKeychain](const std::optional<QString> &error) {
                    setBusy(false);
                    if (error) {
                        // A saved key that no longer opens the profile is forgotten quietly.
                        if (fromKeychain)
                            m_keychain.forget(keychainId(), [](const KeychainStatus &) {});
                        else
                            setError(*error);
                        return;
                    }
                    if (rememberKey && m_host.profile())
                        m_keychain.save(keychainId(), m_host.profile()->storeKey(),
                                        [this](const KeychainStatus &status) {
                                            if (!status)
                                                Q_EMIT message(status.error().message);
                                        });
                    setStage(u"ready"_s);
                });
}

void AppController::onOpened() {
    engine::SyncEngine *engine = m_host.engine();
    connect(engine, &engine::SyncEngine::stateChanged, this, &AppController::setConnectionState);
    // The sidebar and the open timeline follow the engine themselves (attach(), TimelineModel).
    m_conversations.attach(*engine);
    connect(engine, &engine::SyncEngine::eventsChanged, &m_notifications,
            &NotificationCenter::onEventsChanged);
    connect(&m_settings, &SettingsController::failed, this, &AppController::message);
    connect(engine, &engine::SyncEngine::deviceAwaitingApproval, this, [this](quint64 device) {
        m_settings.reload();
        if (device != m_pendingDevice && !m_approving) {
            m_pendingDevice = device;
            setApproval(false, {});
            Q_EMIT pendingDeviceChanged();
        }
    });
    connect(engine, &engine::SyncEngine::thisDeviceApproved, &m_settings,
            &SettingsController::reload);
    connect(engine, &engine::SyncEngine::accountKeyChanged, this, [this] {
        m_settings.reload();
        reloadAccountKeyAlerts();
    });
    connect(engine, &engine::SyncEngine::caughtUp, &m_settings, &SettingsController::reload);
    connect(engine, &engine::SyncEngine::messagePolicyChanged, &m_settings,
            &SettingsController::applyMessagePolicy);
    m_deviceTrust.attach(*engine);
    connect(engine, &engine::SyncEngine::typing, this,
            [this](quint64 conversation, const QString &user, bool active) {
                if (currentId() == conversation)
                    m_current->onTyping(user, active);
            });
    connect(engine, &engine::SyncEngine::presence, this,
            [this](const QString &user, const QString &status, qint64 lastSeenMs) {
                m_presence.update(user, status, lastSeenMs);
            });
    // The engine may have connected before these connections existed.
    m_host.postWithReply<engine::ConnectionState>(
        [](engine::SyncEngine &e, auto reply) { reply(e.state()); }, this,
        [this](engine::ConnectionState state) { setConnectionState(state); });
    m_conversations.refresh();
    m_settings.reload();
    reloadAccountKeyAlerts();
    m_idle.start();
    Q_EMIT stageChanged(); // userName is known now
}

void AppController::setConnectionState(engine::ConnectionState state) {
    const QString name = stateName(state);
    if (name == m_connectionState)
        return;
    m_connectionState = name;
    Q_EMIT connectionStateChanged();
    // The member's own dot follows the connection (the relay relays others').
    m_presence.update(m_host.userName(),
                      state == engine::ConnectionState::Online ? u"online"_s : u"offline"_s, 0);
    if (state == engine::ConnectionState::Online)
        queryPresence();
}

void AppController::queryPresence() {
    // Everyone the member shares a conversation with that the sidebar or member panel shows.
    QStringList users = m_conversations.peers();
    if (m_current) {
        for (const store::Member &member : m_current->members()->members())
            users.append(member.user.name);
    }
    users.removeDuplicates();
    users.removeAll(m_host.userName());
    if (users.isEmpty())
        return;
    using Answer = QList<engine::PresenceInfo>;
    m_host.postWithReply<Answer>(
        [users](engine::SyncEngine &engine, auto reply) {
            engine.queryPresence(users, [reply](const engine::EngineResult<Answer> &answer) {
                reply(answer ? answer.value() : Answer());
            });
        },
        this,
        [this](const Answer &answer) {
            for (const engine::PresenceInfo &info : answer)
                m_presence.update(info.user, info.status, info.lastSeenMs);
        });
}

void AppController::onConversationsLoaded() {
    if (!std::exchange(m_listLoadedOnce, true)) {
        m_notifications.start();
        queryPresence();
        reopenLastConversation();
    }
    if (m_current) {
        if (auto row = m_conversations.find(currentId()))
            m_current->updateRow(*row);
    }
    if (m_openWhenListed && m_conversations.find(m_openWhenListed))
        openConversation(int(std::exchange(m_openWhenListed, 0)));
}

void AppController::openConversation(int conversationId) {
    if (currentId() == quint64(conversationId))
        return;
    const auto row = m_conversations.find(quint64(conversationId));
    if (!row)
        return;
    ConversationController *previous = m_current;
    MarkdownRenderer renderer(
        m_settings.darkTheme() ? MarkdownStyle::dark() : MarkdownStyle::light(), m_host.userName());
    m_current = new ConversationController(m_host, m_presence, *row, renderer, this);
    m_current->setWindowActive(m_windowActive);
    connect(m_current, &ConversationController::failed, this, &AppController::message);
    connect(m_current, &ConversationController::settingsChanged, &m_conversations,
            &ConversationListModel::refresh);
    connect(m_current, &ConversationController::left, &m_conversations,
            &ConversationListModel::refresh);
    connect(m_current->members(), &MemberListModel::countChanged, this,
            &AppController::queryPresence);
    QSettings().setValue(lastConversationKey(), conversationId);
    Q_EMIT currentChanged();
    if (previous)
        previous->deleteLater();
}

void AppController::openConversationAt(int conversationId, qint64 seq) {
    openConversation(conversationId);
    if (m_current && m_current->conversationId() == conversationId)
        m_current->jumpTo(seq);
}

void AppController::reopenLastConversation() {
    if (m_current || m_conversations.rowCount() == 0)
        return;
    const int last = QSettings().value(lastConversationKey()).toInt();
    openConversation(
        m_conversations.find(quint64(last))
            ? last
            : m_conversations.index(0).data(ConversationListModel::ConversationIdRole).toInt());
}

QString AppController::lastConversationKey() const {
    // Per profile: several profiles may share this computer's settings.
    return u"session/"_s + QString::number(qHash(m_options.profileDirectory), 16) +
           u"/lastConversation"_s;
}

void AppController::openWhenListed(quint64 conversation) {
    if (m_conversations.find(conversation)) {
        openConversation(int(conversation));
        return;
    }
    m_openWhenListed = conversation;
    m_conversations.refresh();
}

void AppController::startDirectMessage(const QString &userName) {
    const QString peer = userName.trimmed().toLower();
    if (peer.isEmpty() || peer == m_host.userName())
        return;
    if (const auto existing = m_conversations.directMessageWith(peer))
        openConversation(int(*existing));
    else
        createConversation(u"dm"_s, {}, {peer});
}

void AppController::createConversation(const QString &kind, const QString &title,
                                       const QStringList &members) {
    const hearth::ConversationKind parsed =
        protocol::kindFromName(kind).value_or(hearth::ConversationKind::Group);
    QStringList names;
    for (const QString &member : members) {
        const QString name = member.trimmed().toLower();
        if (!name.isEmpty() && name != m_host.userName() && !names.contains(name))
            names.append(name);
    }
    using Created = std::variant<quint64, QString>;
    m_host.postWithReply<Created>(
        [parsed, title = title.trimmed(), names](engine::SyncEngine &engine, auto reply) {
            engine.createConversation(
                parsed, title, names,
                [reply](const engine::EngineResult<hearth::ConversationId> &created) {
                    if (created)
                        reply(Created(created.value().value));
                    else
                        reply(Created(app::errorText(created.error())));
                });
        },
        this,
        [this](const Created &created) {
            if (const auto *error = std::get_if<QString>(&created))
                Q_EMIT message(*error);
            else
                openWhenListed(std::get<quint64>(created));
        });
}

} // namespace hearth::app
