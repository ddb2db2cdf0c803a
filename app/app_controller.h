// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/avatar_style.h"
#include "app/conversation_controller.h"
#include "app/conversation_list_model.h"
#include "app/device_trust_controller.h"
#include "app/engine_host.h"
#include "app/idle_watcher.h"
#include "app/keychain/store_key_keychain.h"
#include "app/notification_center.h"
#include "app/presence_book.h"
#include "app/search/search_model.h"
#include "app/settings_controller.h"
#include "app/transcript_export_controller.h"

#include <QObject>
#include <QQmlEngine>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace hearth::app {

//! How the app was started (main.cpp fills it from the command line).
struct AppOptions final {
    QString profileDirectory;
    QUrl defaultRelay;
    //! Unlock at start with this passphrase (the demo profiles only).
    std::optional<QByteArray> autoUnlockPassphrase;
    crypto::PasswordHashCost cost = crypto::PasswordHashCost::Interactive;
};

//! The composition root of a running app: owns the engine host, the models and the
//! controllers, and hands references down. QML sees it as the `App` singleton (app/README.md).
class AppController final : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(QString stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(QString connectionState READ connectionState NOTIFY connectionStateChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY stageChanged)
    Q_PROPERTY(QString userInitials READ userInitials NOTIFY stageChanged)
    Q_PROPERTY(QColor userColor READ userColor NOTIFY stageChanged)
    Q_PROPERTY(QString defaultRelayUrl READ defaultRelayUrl CONSTANT)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainAvailableChanged)
    Q_PROPERTY(hearth::app::ConversationListModel *conversations READ conversations CONSTANT)
    Q_PROPERTY(hearth::app::ConversationController *current READ current NOTIFY currentChanged)
    Q_PROPERTY(hearth::app::SettingsController *settings READ settings CONSTANT)
    Q_PROPERTY(hearth::app::DeviceTrustController *deviceTrust READ deviceTrust CONSTANT)
    Q_PROPERTY(hearth::app::SearchModel *search READ search CONSTANT)
    Q_PROPERTY(hearth::app::TranscriptExportController *exporter READ exporter CONSTANT)
    Q_PROPERTY(int pendingDeviceId READ pendingDeviceId NOTIFY pendingDeviceChanged)
    //! Why the last approval failed (a code that does not match), or "".
    Q_PROPERTY(QString approvalError READ approvalError NOTIFY approvalChanged)
    Q_PROPERTY(bool approving READ approving NOTIFY approvalChanged)
    //! Accounts whose relay served another account key than the one pinned (refused): a
    //! lasting alert until dismissed.
    Q_PROPERTY(
        QStringList refusedAccountKeys READ refusedAccountKeys NOTIFY refusedAccountKeysChanged)
    Q_PROPERTY(bool windowActive READ windowActive WRITE setWindowActive NOTIFY windowActiveChanged)

public:
    explicit AppController(AppOptions options, QObject *parent = nullptr);
    ~AppController() override;

    //! QML_SINGLETON: the instance main.cpp made (set before the QML engine loads).
    static AppController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(AppController *instance);

    [[nodiscard]] QString stage() const { return m_stage; }
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString connectionState() const { return m_connectionState; }
    [[nodiscard]] QString userName() const { return m_host.userName(); }
    [[nodiscard]] QString userInitials() const { return initialsOf(userName()); }
    [[nodiscard]] QColor userColor() const { return avatarColorOf(userName()); }
    [[nodiscard]] QString defaultRelayUrl() const { return m_options.defaultRelay.toString(); }
    [[nodiscard]] bool keychainAvailable() const { return m_keychainAvailable; }
    [[nodiscard]] ConversationListModel *conversations() { return &m_conversations; }
    [[nodiscard]] ConversationController *current() { return m_current; }
    [[nodiscard]] SettingsController *settings() { return &m_settings; }
    [[nodiscard]] DeviceTrustController *deviceTrust() { return &m_deviceTrust; }
    [[nodiscard]] SearchModel *search() { return &m_search; }
    [[nodiscard]] TranscriptExportController *exporter() { return &m_exporter; }
    [[nodiscard]] bool windowActive() const { return m_windowActive; }
    //! A new device of this account waiting for this device's approval (0: none).
    [[nodiscard]] int pendingDeviceId() const { return int(m_pendingDevice); }
    [[nodiscard]] QString approvalError() const { return m_approvalError; }
    [[nodiscard]] bool approving() const { return m_approving; }
    [[nodiscard]] QStringList refusedAccountKeys() const { return m_refusedAccountKeys; }
    void setWindowActive(bool active);
    [[nodiscard]] EngineHost &host() { return m_host; }
    [[nodiscard]] PresenceBook &presence() { return m_presence; }
    [[nodiscard]] NotificationCenter &notifications() { return m_notifications; }

    Q_INVOKABLE void createAccount(const QString &userName, const QString &password,
                                   const QString &passphrase, const QString &relayUrl,
                                   bool rememberKey);
    Q_INVOKABLE void signIn(const QString &userName, const QString &password,
                            const QString &passphrase, const QString &relayUrl, bool rememberKey);
    Q_INVOKABLE void unlock(const QString &passphrase);
    Q_INVOKABLE void openConversation(int conversationId);
    //! Opens a conversation at message `seq` (a search result), highlighted.
    Q_INVOKABLE void openConversationAt(int conversationId, qint64 seq);
    Q_INVOKABLE void startDirectMessage(const QString &userName);
    Q_INVOKABLE void createConversation(const QString &kind, const QString &title,
                                        const QStringList &members);
    Q_INVOKABLE void clearError();
    //! Approves the pending device with the code it shows; on a mismatch the device stays
    //! pending and approvalError says why.
    Q_INVOKABLE void approvePendingDevice(const QString &code);
    //! Leaves the pending device waiting (it asks again when it reconnects).
    Q_INVOKABLE void dismissPendingDevice();
    Q_INVOKABLE void dismissAccountKeyAlert(const QString &user);

Q_SIGNALS:
    void stageChanged();
    void busyChanged();
    void errorTextChanged();
    void connectionStateChanged();
    void currentChanged();
    void windowActiveChanged();
    void keychainAvailableChanged();
    void pendingDeviceChanged();
    void approvalChanged();
    void refusedAccountKeysChanged();
    //! A notification or toast for the member ("Couldn't add bob: …").
    void message(const QString &text);
    //! The member clicked a notification: bring the window to the front.
    void raiseRequested();

private:
    void openProfile(OpenRequest request, bool rememberKey = false);
    //! Start-up: unlocks with the key the OS keychain holds for this profile, if any.
    void unlockFromKeychain();
    [[nodiscard]] QString keychainId() const { return m_options.profileDirectory; }
    void onOpened();
    void setStage(const QString &stage);
    void setBusy(bool busy);
    void setError(const QString &text);
    void setConnectionState(engine::ConnectionState state);
    void setApproval(bool approving, const QString &error);
    void reloadAccountKeyAlerts();
    //! Asks the relay for the presence of DM peers and the open conversation's members.
    void queryPresence();
    void onConversationsLoaded();
    void openWhenListed(quint64 conversation);
    //! Opens what the member had open last time (or the most recent conversation).
    void reopenLastConversation();
    [[nodiscard]] QString lastConversationKey() const;

    AppOptions m_options;
    EngineHost m_host;
    PresenceBook m_presence;
    ConversationListModel m_conversations;
    SettingsController m_settings;
    DeviceTrustController m_deviceTrust;
    SearchModel m_search;
    TranscriptExportController m_exporter;
    NotificationCenter m_notifications;
    StoreKeyKeychain m_keychain;
    bool m_keychainAvailable = false;
    //! The open conversation; a child of this object, replaced (never deleted) elsewhere.
    ConversationController *m_current = nullptr;
    //! The open conversation's id, 0 when none.
    [[nodiscard]] quint64 currentId() const {
        return m_current ? quint64(m_current->conversationId()) : 0;
    }
    QString m_stage;
    bool m_busy = false;
    QString m_errorText;
    QString m_connectionState = QStringLiteral("offline");
    bool m_windowActive = true;
    quint64 m_openWhenListed = 0;
    bool m_listLoadedOnce = false;
    quint64 m_pendingDevice = 0;
    QString m_approvalError;
    bool m_approving = false;
    QStringList m_refusedAccountKeys;
    IdleWatcher m_idle;
};

} // namespace hearth::app
