// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/hub.h"

#include "relay/client_session.h"
#include "relay/metrics.h"
#include "sync/protocol/protocol.h"

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;

bool Hub::add(ClientSession *session) {
    QList<ClientSession *> &sessions = m_online[session->account()];
    sessions.append(session);
    if (sessions.size() > 1)
        return false;
    m_presence[session->account()].status = QString(protocol::presence::kOnline);
    return true;
}

bool Hub::remove(ClientSession *session, qint64 nowMs) {
    const auto it = m_online.find(session->account());
    if (it == m_online.end() || !it->removeOne(session))
        return false;
    if (!it->isEmpty())
        return false;
    m_online.erase(it);
    m_presence[session->account()] = Presence{QString(protocol::presence::kOffline), nowMs};
    return true;
}

const QList<ClientSession *> &Hub::sessionsOf(AccountId account) const {
    static const QList<ClientSession *> none;
    const auto it = m_online.constFind(account);
    return it == m_online.cend() ? none : it.value();
}

ClientSession *Hub::sessionOf(AccountId account, DeviceId device) const {
    for (ClientSession *session : sessionsOf(account))
        if (session->device() == device)
            return session;
    return nullptr;
}

void Hub::deliver(const QList<AccountId> &accounts, const QByteArray &frame,
                  const ClientSession *except) {
    for (AccountId account : accounts) {
        const auto it = m_online.constFind(account);
        if (it == m_online.cend())
            continue;
        // Copy: a delivery may close (and unregister) a stalled session.
        // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is the point.
        const QList<ClientSession *> sessions = it.value();
        for (ClientSession *session : sessions) {
            if (session == except)
                continue;
            session->sendEncoded(frame);
            ++m_metrics.fanoutDeliveries;
        }
    }
}

void Hub::setStatus(AccountId account, const QString &status) {
    m_presence[account].status = status;
}

Hub::Presence Hub::presence(AccountId account) const {
    return m_presence.value(account, Presence{QString(protocol::presence::kOffline), 0});
}

} // namespace hearth::relay
