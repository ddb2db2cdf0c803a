// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/device_approval.h"
#include "crypto/dh_key.h"
#include "crypto/signing_key.h"
#include "sync/engine/device_credentials.h"
#include "sync/engine/engine_types.h"
#include "sync/store/store.h"

#include <QDateTime>
#include <memory>

namespace hearth::engine {

class RelayLink;

//! This device: its account, relay id and keys (the account key only where it is held).
struct Identity final {
    UserId user;
    DeviceId device;
    std::shared_ptr<const crypto::SigningKeyPair> signingKey;
    std::shared_ptr<const crypto::DhKeyPair> dhKey;
    std::shared_ptr<const crypto::SigningKeyPair> accountKey; //!< null unless held
    //! The code this device shows while it waits for approval; null once approved.
    std::shared_ptr<const crypto::ApprovalCode> approvalCode;

    [[nodiscard]] DeviceAddress address() const { return DeviceAddress{user, device}; }
    [[nodiscard]] DeviceCredentials credentials() const {
        return DeviceCredentials{user.name, device.value, signingKey, dhKey};
    }
};

//! What the engine's parts share: the store (used on the engine's thread), the link to the relay
//! (SyncEngine's ConnectionManager; a scripted link in unit tests) and this device's identity.
//! Owned by SyncEngine; the parts keep a reference.
struct EngineContext final {
    store::Store &store;
    RelayLink &connection;
    Identity identity;

    [[nodiscard]] static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace hearth::engine
