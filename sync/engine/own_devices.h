// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/device_list.h"
#include "sync/engine/approval_requests.h"
#include "sync/engine/engine_context.h"

#include <QCborMap>
#include <QObject>

namespace hearth::engine {

class DeviceDirectory;
class KeySharing;

//! This account's signed device list and the approval of new devices (docs/crypto.md, "Device
//! approval"). A device that signs in shows a one-time code and sends the account's other
//! devices an approval request: a tag binding its keys to the code. A device holding the
//! account key approves it only when the member types that code and it verifies over the keys
//! the request came with (never keys from a relay reply alone): it signs a list naming exactly
//! those keys, then sends the account key to them, sealed under the code. The new device pins
//! the account key from that grant, never from the relay. Removing a lost device publishes a
//! list without it. A legacy v1 list is republished as v2 on connect.
class OwnDevices final : public QObject {
    Q_OBJECT

public:
    OwnDevices(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
               QObject *parent = nullptr);

    //! Pins this account's key where this device holds it (account setup, or a profile from
    //! before pinning at the source): the held key wins over whatever was pinned before.
    [[nodiscard]] std::optional<EngineError> pinHeldAccountKey();
    //! On connect: makes sure this device is on the account's signed list when it can sign one;
    //! a device waiting for approval asks the account's other devices again.
    void ensureListed(Completion done);
    //! Approves `device` when `code` is the one it shows: WrongApprovalCode when no request
    //! from it verifies under `code`, InvalidArgument for a malformed code or no request yet.
    void approve(DeviceId device, const QString &code, Completion done);
    //! Revokes `device` at the relay (the account password proves the owner) and, when this
    //! device holds the account key, publishes a list without it, so no session key reaches it
    //! again and outbound sessions it held rotate.
    void remove(DeviceId device, const QString &password, Completion done);

    //! True when the account's list, verified under the pinned account key, names this
    //! device with exactly its own keys.
    [[nodiscard]] bool thisDeviceApproved();
    //! Devices whose approval request waits for the member here.
    [[nodiscard]] QList<DeviceId> pendingApprovals();

    //! An `approval_request` or `account_key` control message from a device of this account
    //! (KeySharing checked its pairwise signature against `sender`, trusted or not).
    void onApprovalMessage(const QCborMap &control, const crypto::DeviceKeys &sender);

Q_SIGNALS:
    //! A new device of this account asked this device (which holds the account key) for
    //! approval: the member should type the code it shows.
    void deviceAwaitingApproval(quint64 device);
    //! This device received and verified the account key: it is (or is about to be) listed.
    void approved();

private:
    //! Signs and publishes a list of `devices` (the next version), signed at `timestampMs`
    //! (default: now).
    void publish(const QList<crypto::DeviceKeys> &devices, Completion done,
                 std::optional<qint64> timestampMs = std::nullopt);
    [[nodiscard]] QList<crypto::DeviceKeys> signedOwnDevices();
    [[nodiscard]] crypto::DeviceKeys ownKeys() const;
    //! True when the account's stored list is a legacy v1 list (no timestamp).
    [[nodiscard]] bool legacyListStored();
    //! Gives a device still waiting for approval a code (a profile made before codes existed).
    [[nodiscard]] std::optional<EngineError> ensureApprovalCode();
    void requestApproval();
    void onApprovalRequest(const QCborMap &control, const crypto::DeviceKeys &sender);
    void onAccountGrant(const QCborMap &control);
    void sendGrant(const crypto::DeviceKeys &device, const crypto::ApprovalCode &code,
                   Completion done);

    EngineContext &m_context;
    DeviceDirectory &m_directory;
    KeySharing &m_keys;
    ApprovalRequests m_requests;
};

} // namespace hearth::engine
