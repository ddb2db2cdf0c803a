// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/settings_controller.h"

#include "app/engine_host.h"
#include "app/error_text.h"
#include "crypto/fingerprint.h"
#include "sync/engine/read_state.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! What the settings page shows, read on the reader thread.
struct SettingsSnapshot final {
    bool readReceipts = true;
    QVariantList devices;
    QString accountFingerprint;
};

//! A public key as groups of four hex digits, for comparing by eye.
QString groupedHex(const QByteArray &bytes) {
    const QString hex = QString::fromLatin1(bytes.toHex());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups.append(hex.mid(i, 4));
    return groups.join(u' ');
}

store::StoreResult<SettingsSnapshot> readSnapshot(store::Store &store) {
    SettingsSnapshot snapshot;
    auto receipts =
        store.account().setting(QString::fromLatin1(engine::ReadState::kReceiptsSetting));
    if (!receipts)
        return receipts.error();
    snapshot.readReceipts = !*receipts || **receipts != "0";
    auto account = store.account().account();
    if (!account)
        return account.error();
    if (!*account)
        return snapshot;
    const store::Account &self = **account;
    auto user = store.contacts().user(self.user);
    if (!user)
        return user.error();
    if (*user && (*user)->accountKey)
        snapshot.accountFingerprint = crypto::accountFingerprint(self.user, *(*user)->accountKey);
    auto devices = store.contacts().devices(self.user);
    if (!devices)
        return devices.error();
    for (const store::KnownDevice &device : *devices) {
        snapshot.devices.append(QVariantMap{
            {u"deviceId"_s, qint64(device.keys.id.value)},
            {u"name"_s, u"Device %1"_s.arg(device.keys.id.value)},
            {u"fingerprint"_s, groupedHex(device.keys.signingKey.bytes())},
            {u"current"_s, device.keys.id == self.device},
            {u"approved"_s, device.onSignedList},
        });
    }
    return snapshot;
}

} // namespace

SettingsController::SettingsController(EngineHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host) {}

void SettingsController::reload() {
    m_host.postWithReply<std::optional<engine::MessagePolicy>>(
        [](engine::SyncEngine &engine, auto reply) { reply(engine.messagePolicy()); }, this,
        [this](const std::optional<engine::MessagePolicy> &policy) {
            if (policy)
                applyMessagePolicy(*policy);
        });
    m_host.read(this, readSnapshot, [this](const store::StoreResult<SettingsSnapshot> &snapshot) {
        if (!snapshot)
            return;
        if (snapshot->readReceipts != m_readReceipts) {
            m_readReceipts = snapshot->readReceipts;
            Q_EMIT readReceiptsChanged();
        }
        m_devices = snapshot->devices;
        m_accountFingerprint = snapshot->accountFingerprint;
        Q_EMIT devicesChanged();
    });
    // why: from the engine, which compares this device's keys (not only its id) with the list.
    using Approval = std::pair<bool, QString>;
    m_host.postWithReply<Approval>(
        [](engine::SyncEngine &engine, auto reply) {
            reply(Approval(engine.isApproved(), engine.approvalCode()));
        },
        this,
        [this](const Approval &approval) {
            m_thisDeviceApproved = approval.first;
            m_approvalCode = approval.second;
            Q_EMIT devicesChanged();
        });
}

void SettingsController::setReadReceipts(bool enabled) {
    if (enabled == m_readReceipts)
        return;
    m_readReceipts = enabled;
    Q_EMIT readReceiptsChanged();
    m_host.postWithReply<EngineHost::Outcome>(
        [enabled](engine::SyncEngine &engine, auto reply) {
            auto error = engine.setReadReceiptsEnabled(enabled);
            reply(error ? EngineHost::Outcome(errorText(*error)) : std::nullopt);
        },
        this,
        [this](const EngineHost::Outcome &error) {
            if (error)
                Q_EMIT failed(*error);
        });
}

void SettingsController::applyMessagePolicy(engine::MessagePolicy policy) {
    const QString name = QString(engine::messagePolicyName(policy));
    if (name == m_messagePolicy)
        return;
    m_messagePolicy = name;
    Q_EMIT messagePolicyChanged();
}

void SettingsController::setMessagePolicy(const QString &policy) {
    const auto parsed = engine::messagePolicyFromName(policy);
    if (!parsed || policy == m_messagePolicy)
        return;
    const QString previous = m_messagePolicy;
    m_messagePolicy = policy;
    Q_EMIT messagePolicyChanged();
    m_host.postWithCompletion(
        [value = *parsed](engine::SyncEngine &engine, engine::Completion done) {
            engine.setMessagePolicy(value, done);
        },
        this,
        [this, previous](const EngineHost::Outcome &error) {
            if (!error)
                return;
            // The relay holds the policy: it did not change.
            m_messagePolicy = previous;
            Q_EMIT messagePolicyChanged();
            Q_EMIT failed(*error);
        });
}

QString SettingsController::theme() const {
    return m_local.value(u"appearance/theme"_s, u"system"_s).toString();
}

void SettingsController::setTheme(const QString &theme) {
    if (theme == this->theme())
        return;
    m_local.setValue(u"appearance/theme"_s, theme);
    Q_EMIT themeChanged();
}

bool SettingsController::darkTheme() const {
    const QString chosen = theme();
    if (chosen != u"system"_s)
        return chosen == u"dark"_s;
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

bool SettingsController::notificationsEnabled() const {
    return m_local.value(u"notifications/enabled"_s, true).toBool();
}

void SettingsController::setNotificationsEnabled(bool enabled) {
    m_local.setValue(u"notifications/enabled"_s, enabled);
    Q_EMIT notificationsChanged();
}

bool SettingsController::notificationPreviews() const {
    return m_local.value(u"notifications/previews"_s, true).toBool();
}

void SettingsController::setNotificationPreviews(bool enabled) {
    m_local.setValue(u"notifications/previews"_s, enabled);
    Q_EMIT notificationsChanged();
}

} // namespace hearth::app
