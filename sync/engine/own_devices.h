// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/device_list.h"
#include "sync/engine/engine_context.h"

#include <QObject>

namespace hearth::sync {

class DeviceDirectory;
class KeySharing;

//! This account's signed device list. The device holding the account key publishes a list
//! naming itself on first connect (and republishes a legacy v1 list as v2 on connect), and
//! approves later devices: a new list (version + 1) that
//! includes them, then the account key sent to the approved device over the pairwise channel
//! so it can approve devices in turn. Removing a lost device publishes a list without it.
class OwnDevices final : public QObject {
    Q_OBJECT

public:
    OwnDevices(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
               QObject *parent = nullptr);

    //! Makes sure this device is on the account's signed list, when this device can sign one.
    void ensureListed(Completion done);
    //! Signs a list that adds `device` (as the relay lists it) and hands it the account key.
    void approve(DeviceId device, Completion done);
    //! Revokes `device` at the relay (the account password proves the owner) and, when this
    //! device holds the account key, publishes a list without it, so no session key reaches it
    //! again and outbound sessions it held rotate.
    void remove(DeviceId device, const QString &password, Completion done);

private:
    //! Signs and publishes a list of `devices` (the next version), signed at `timestampMs`
    //! (default: now).
    void publish(const QList<crypto::DeviceKeys> &devices, Completion done,
                 std::optional<qint64> timestampMs = std::nullopt);
    [[nodiscard]] QList<crypto::DeviceKeys> signedOwnDevices();
    //! True when the account's stored list is a legacy v1 list (no timestamp).
    [[nodiscard]] bool legacyListStored();

    EngineContext &m_context;
    DeviceDirectory &m_directory;
    KeySharing &m_keys;
};

} // namespace hearth::sync
