// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/keychain/store_key_keychain.h"

#include "crypto/secret_view.h"

#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

namespace hearth::app {

using namespace Qt::StringLiterals;

namespace {

//! D-Bus errors that mean nobody provides the keychain on the session bus.
bool meansNoService(const QString &detail) {
    for (const auto *name :
         {"org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner",
          "org.freedesktop.DBus.Error.NoServer", "org.freedesktop.DBus.Error.Disconnected",
          "org.freedesktop.DBus.Error.FileNotFound", "org.freedesktop.DBus.Error.NotSupported",
          "was not provided by any .service files", "Could not connect", "Cannot autolaunch D-Bus",
          "Cannot spawn a message bus"}) {
        if (detail.contains(QLatin1StringView(name), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

KeychainFailure unavailable() {
    return {KeychainError::Unavailable,
            u"No keychain is reachable: no Secret Service (GNOME Keyring, KeePassXC, KWallet) "
            "answers on the session bus, or libsecret is not installed. Unlock with the "
            "passphrase instead."_s};
}

std::optional<KeychainFailure> failureOf(const QKeychain::Job &job) {
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::NoError:
        return std::nullopt;
    case QKeychain::EntryNotFound:
        return KeychainFailure{KeychainError::NotFound,
                               u"The keychain holds no key for this profile."_s};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return KeychainFailure{KeychainError::AccessDenied,
                               u"The keychain refused access to the profile's key."_s};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable();
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // why "Unknown error": qtkeychain's words when it found no backend library to call
    // (libsecret-1.so.0 missing); nothing else reports it.
    if (meansNoService(detail) || detail == "Unknown error"_L1)
        return unavailable();
    return KeychainFailure{KeychainError::Failed, u"The keychain failed: %1"_s.arg(detail)};
}

} // namespace

StoreKeyKeychain::StoreKeyKeychain(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service)) {}

QString StoreKeyKeychain::entryName(const QString &profileId) {
    return u"store-key:"_s + profileId;
}

void StoreKeyKeychain::run(
    QKeychain::Job *job,
    std::function<void(QKeychain::Job *, std::optional<KeychainFailure>)> finished) {
    auto settled = std::make_shared<bool>(false);
    auto *watchdog = new QTimer(this);
    watchdog->setSingleShot(true);
    connect(watchdog, &QTimer::timeout, this, [settled, finished, watchdog] {
        watchdog->deleteLater();
        if (std::exchange(*settled, true))
            return;
        // why not delete the job: it may still be waiting on D-Bus; it deletes itself when done.
        finished(nullptr, KeychainFailure{KeychainError::TimedOut,
                                          u"The keychain did not answer in time."_s});
    });
    connect(job, &QKeychain::Job::finished, this,
            [settled, finished, watchdog](QKeychain::Job *done) {
                watchdog->stop();
                watchdog->deleteLater();
                if (std::exchange(*settled, true))
                    return;
                finished(done, failureOf(*done));
            });
    // why no parent and auto-delete: qtkeychain's backends call back into a job until it
    // finishes, so a job must outlive any wait, even ours (and even this object).
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    watchdog->start(m_timeout);
    job->start();
}

void StoreKeyKeychain::save(const QString &profileId, const crypto::StoreKey &key, Done done) {
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(entryName(profileId));
    // why a copy: qtkeychain takes a QByteArray; it lives until the job is deleted.
    job->setBinaryData(crypto::secretView(key.bytes()).toByteArray());
    run(job, [done = std::move(done)](QKeychain::Job *, std::optional<KeychainFailure> failure) {
        done(failure ? KeychainStatus(std::move(*failure)) : KeychainStatus());
    });
}

void StoreKeyKeychain::load(const QString &profileId, Loaded done) {
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(entryName(profileId));
    run(job,
        [done = std::move(done)](QKeychain::Job *finished, std::optional<KeychainFailure> failure) {
            if (failure) {
                done(std::move(*failure));
                return;
            }
            const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
            auto key = crypto::StoreKey::fromBytes(read->binaryData());
            if (!key) {
                done(KeychainFailure{KeychainError::Invalid,
                                     u"The keychain entry for this profile is not a store key."_s});
                return;
            }
            done(std::move(key).value());
        });
}

void StoreKeyKeychain::forget(const QString &profileId, Done done) {
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(entryName(profileId));
    run(job, [done = std::move(done)](QKeychain::Job *, std::optional<KeychainFailure> failure) {
        if (failure && failure->code != KeychainError::NotFound)
            done(std::move(*failure));
        else
            done({});
    });
}

void StoreKeyKeychain::checkAvailable(Done done) {
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(u"availability-probe"_s);
    run(job, [done = std::move(done)](QKeychain::Job *, std::optional<KeychainFailure> failure) {
        if (failure && failure->code != KeychainError::NotFound)
            done(std::move(*failure));
        else
            done({});
    });
}

} // namespace hearth::app
