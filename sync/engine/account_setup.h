// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_types.h"

#include <QByteArray>
#include <QUrl>
#include <functional>

namespace hearth::engine {

//! What registering a device needs: the account, its password and the device's public keys;
//! with `accountKey` set, the account is registered first (register, then add_device).
struct DeviceSetupRequest final {
    QUrl relay;
    QString user;
    QString password;
    QString deviceName;
    QByteArray signKey;    //!< the device's Ed25519 public key
    QByteArray dhKey;      //!< the device's X25519 public key
    QByteArray accountKey; //!< Ed25519 public account key: register the account too
    int timeoutMs = 30000;
};

//! Runs register (optional) and add_device on a connection of its own (these need no auth)
//! and closes it; `done` gets the relay's new device id. Runs on the caller's thread.
void runDeviceSetup(const DeviceSetupRequest &request,
                    std::function<void(const EngineResult<DeviceId> &)> done);

} // namespace hearth::engine
