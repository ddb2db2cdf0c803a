// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/password_throttle.h"

#include "relay/relay_config.h"

#include <QHostAddress>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;

PasswordThrottle::PasswordThrottle(const RelayConfig &config)
    : m_accounts(config.passwordAccountBurst, config.passwordAccountRefillMs)
    , m_addresses(config.passwordAddressBurst, config.passwordAddressRefillMs) {}

std::optional<PasswordThrottle::Refused>
PasswordThrottle::reserve(const QString &user, const QString &address, qint64 nowMs) {
    const QString addressKey = PasswordThrottle::addressKey(address);
    // why: both are checked before either is charged, so a refusal costs no budget.
    if (const qint64 wait = m_accounts.waitMs(user, 1, nowMs); wait != 0)
        return Refused{"account"_L1, wait};
    if (const qint64 wait = m_addresses.waitMs(addressKey, 1, nowMs); wait != 0)
        return Refused{"address"_L1, wait};
    m_accounts.take(user, 1, nowMs);
    m_addresses.take(addressKey, 1, nowMs);
    return std::nullopt;
}

void PasswordThrottle::succeeded(const QString &user, const QString &address, qint64 nowMs) {
    m_accounts.refund(user, 1, nowMs);
    m_addresses.refund(addressKey(address), 1, nowMs);
}

QString PasswordThrottle::addressKey(const QString &address) {
    const QHostAddress host(address);
    if (host.isNull())
        return address;
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR v6 = host.toIPv6Address();
    std::fill(std::begin(v6.c) + 8, std::end(v6.c), quint8(0));
    return QHostAddress(v6).toString() + u"/64"_s;
}

} // namespace hearth::relay
