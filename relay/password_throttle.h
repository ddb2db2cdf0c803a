// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/keyed_buckets.h"

#include <QLatin1StringView>
#include <QString>
#include <optional>

namespace hearth::relay {

struct RelayConfig;

//! Budgets of failed password checks, per account name and per client address (an IPv6
//! address by its /64, since one host holds a whole /64). A check reserves one failure from
//! both budgets before Argon2id runs and gets it back when the password was right, so only
//! failures count and guesses sent in parallel can't overrun a budget. A refused check runs
//! no Argon2id at all.
class PasswordThrottle final {
public:
    //! Why a check may not run now.
    struct Refused {
        QLatin1StringView scope; //!< "account" or "address": whose budget is spent
        qint64 retryAfterMs = 0; //!< when that budget has a failure to spare again
    };

    explicit PasswordThrottle(const RelayConfig &config);

    //! Reserves a failure for a check of `user`'s password from `address` (as
    //! ClientSession::peerAddress() spells it); nullopt when the check may run.
    [[nodiscard]] std::optional<Refused> reserve(const QString &user, const QString &address,
                                                 qint64 nowMs);
    //! The reserved check found the right password: it does not count as a failure.
    void succeeded(const QString &user, const QString &address, qint64 nowMs);

    //! The key an address is throttled under: IPv4 (also IPv4-mapped IPv6) as is, IPv6 by /64.
    [[nodiscard]] static QString addressKey(const QString &address);

private:
    KeyedBuckets<QString> m_accounts;
    KeyedBuckets<QString> m_addresses;
};

} // namespace hearth::relay
