// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace hearth::relay {

class ClientSession;
struct Metrics;

//! Who is online: the authenticated sessions of each account, and each account's presence.
//! Delivers encoded frames to accounts' online devices.
class Hub final {
public:
    explicit Hub(Metrics &metrics)
        : m_metrics(metrics) {}

    struct Presence {
        QString status;        //!< online, away or offline
        qint64 lastSeenMs = 0; //!< when the last device went offline (0: never seen)
    };

    //! Adds a session; true when it is the account's first online device.
    bool add(ClientSession *session);
    //! Removes a session; true when it was the account's last online device.
    bool remove(ClientSession *session, qint64 nowMs);

    [[nodiscard]] const QList<ClientSession *> &sessionsOf(AccountId account) const;
    [[nodiscard]] ClientSession *sessionOf(AccountId account, DeviceId device) const;
    [[nodiscard]] bool isOnline(AccountId account) const { return m_online.contains(account); }

    //! Sends `frame` to every online device of `accounts` except `except`; counts deliveries.
    void deliver(const QList<AccountId> &accounts, const QByteArray &frame,
                 const ClientSession *except = nullptr);

    void setStatus(AccountId account, const QString &status);
    [[nodiscard]] Presence presence(AccountId account) const;

private:
    Metrics &m_metrics;
    QHash<AccountId, QList<ClientSession *>> m_online;
    QHash<AccountId, Presence> m_presence;
};

} // namespace hearth::relay
