// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/account_store.h"

#include <QStringList>

namespace hearth::engine {

//! The accounts whose relay served another account key than the one pinned, kept in the
//! profile's settings until the member dismisses the alert, so it survives a restart.
class TrustAlerts final {
public:
    explicit TrustAlerts(store::AccountStore &account)
        : m_account(account) {}

    //! Records that `user`'s served account key was refused (once per user).
    [[nodiscard]] store::StoreStatus recordRefusedAccountKey(const QString &user);
    [[nodiscard]] QStringList refusedAccountKeys();
    [[nodiscard]] store::StoreStatus dismissRefusedAccountKey(const QString &user);

private:
    [[nodiscard]] store::StoreStatus save(const QStringList &users);

    store::AccountStore &m_account;
};

} // namespace hearth::engine
