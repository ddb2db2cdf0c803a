// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/keychain/keychain_result.h"
#include "crypto/store_key.h"

#include <QObject>
#include <QString>
#include <chrono>
#include <functional>
#include <optional>

namespace QKeychain {
class Job;
}

namespace hearth::app {

//! Keeps a profile's store key (store::Profile::storeKey()) in the OS keychain through
//! qtkeychain (Secret Service via libsecret, or KWallet, on the session bus), so later starts
//! unlock with store::Profile::unlockWithKey() and no passphrase.
//!
//! Every call is asynchronous: `done` runs later on this object's thread, exactly once —
//! unless this object is destroyed first, which abandons the calls in flight. A keychain that
//! does not answer within timeout() gives TimedOut rather than a hang. Nothing here logs.
//! qtkeychain holds a plain copy of the key while a job runs (its API takes a QByteArray).
class StoreKeyKeychain final : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{120'000}; //!< unlock prompts
    using Done = std::function<void(KeychainStatus)>;
    using Loaded = std::function<void(KeychainResult<crypto::StoreKey>)>;

    //! `service` names Hearth's entries in the keychain (tests use their own).
    explicit StoreKeyKeychain(QString service = QStringLiteral("Hearth"),
                              QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }

    //! Saves `key` for `profileId` (replacing what was there).
    void save(const QString &profileId, const crypto::StoreKey &key, Done done);
    //! The key saved for `profileId`: NotFound when none, Invalid when it is not a key.
    void load(const QString &profileId, Loaded done);
    //! Removes the key saved for `profileId`; success when there was none.
    void forget(const QString &profileId, Done done);
    //! Whether a keychain answers (a read of an entry that does not exist): for the
    //! "remember the key" option. Success or Unavailable / TimedOut / AccessDenied / Failed.
    void checkAvailable(Done done);

    //! The keychain entry name of `profileId`'s key.
    [[nodiscard]] static QString entryName(const QString &profileId);

private:
    //! Starts `job` with a watchdog; `finished` runs once, with the job's failure if any.
    void run(QKeychain::Job *job,
             std::function<void(QKeychain::Job *, std::optional<KeychainFailure>)> finished);

    QString m_service;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
};

} // namespace hearth::app
