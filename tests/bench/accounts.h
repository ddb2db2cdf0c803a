// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/device_credentials.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <vector>

namespace hearth::bench {

//! One benchmark account with one device. The signing key is kept as its 32-byte seed and
//! expanded only to sign: ten thousand live libsodium secure allocations would cost tens of
//! thousands of guarded mappings.
struct Account {
    QString user;
    quint64 device = 0;
    QByteArray signingSeed;

    //! Credentials for engine::RelayConnection::authenticate (keys derived on the spot).
    [[nodiscard]] engine::DeviceCredentials credentials() const;
};

//! Registers `count` accounts (register + add_device each) over `connections` unauthenticated
//! connections with up to `window` accounts in flight on each. Returns false with `error` set
//! on the first failure or after `timeoutMs`. The connections stay unauthenticated, so keep
//! `count` small enough to finish within the relay's auth timeout (10 s by default).
bool registerAccounts(const QUrl &relay, int firstIndex, int count, int connections, int window,
                      qint64 timeoutMs, std::vector<Account> &out, QString &error);

} // namespace hearth::bench
