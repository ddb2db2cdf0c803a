// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/trust_alerts.h"

#include <QCborArray>
#include <QCborValue>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kSetting = u"refused_account_keys"_s;
} // namespace

QStringList TrustAlerts::refusedAccountKeys() {
    QStringList users;
    auto stored = m_account.setting(kSetting);
    if (!stored || !*stored)
        return users;
    for (const QCborValue &value : QCborValue::fromCbor(**stored).toArray()) {
        if (value.isString() && !users.contains(value.toString()))
            users.append(value.toString());
    }
    return users;
}

store::StoreStatus TrustAlerts::save(const QStringList &users) {
    if (users.isEmpty())
        return m_account.removeSetting(kSetting);
    return m_account.setSetting(kSetting, QCborValue(QCborArray::fromStringList(users)).toCbor());
}

store::StoreStatus TrustAlerts::recordRefusedAccountKey(const QString &user) {
    QStringList users = refusedAccountKeys();
    if (users.contains(user))
        return {};
    users.append(user);
    return save(users);
}

store::StoreStatus TrustAlerts::dismissRefusedAccountKey(const QString &user) {
    QStringList users = refusedAccountKeys();
    if (users.removeAll(user) == 0)
        return {};
    return save(users);
}

} // namespace hearth::engine
