// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/device_list.h"
#include "sync/engine/engine_types.h"
#include "sync/store/account_store.h"

#include <QList>

namespace hearth::engine {

//! A new device of this account asking for approval: the keys it signed its request with and
//! the tag binding them to the code it shows. Nothing here is trusted until the code verifies.
struct ApprovalRequest final {
    crypto::DeviceKeys keys;
    QByteArray tag;
};

//! The approval requests this device received, kept in the profile's settings (public keys and
//! tags only) so a prompt survives a restart. Several requests per device id may be kept: a
//! relay that injects its own cannot push the genuine one out.
class ApprovalRequests final {
public:
    //! Requests kept per device id, and in all.
    static constexpr qsizetype kMaxPerDevice = 4;
    static constexpr qsizetype kMaxTotal = 32;

    explicit ApprovalRequests(store::AccountStore &account)
        : m_account(account) {}

    //! Keeps `request` (the same keys again replace the older tag). The oldest request goes
    //! when a limit is reached.
    [[nodiscard]] store::StoreStatus add(const ApprovalRequest &request);
    [[nodiscard]] QList<ApprovalRequest> forDevice(DeviceId device);
    //! The devices with a request, oldest first.
    [[nodiscard]] QList<DeviceId> devices();
    [[nodiscard]] store::StoreStatus forget(DeviceId device);

private:
    [[nodiscard]] QList<ApprovalRequest> all();
    [[nodiscard]] store::StoreStatus save(const QList<ApprovalRequest> &requests);

    store::AccountStore &m_account;
};

} // namespace hearth::engine
