// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/ids.h"
#include "crypto/public_keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace hearth::crypto {

class SigningKeyPair;

//! The public keys of one device, as its account lists them.
struct DeviceKeys final {
    DeviceId id;
    SigningPublicKey signingKey; //!< Ed25519: signs auth challenges, pairwise and group messages
    DhPublicKey dhKey;           //!< X25519: receives pairwise messages
    friend bool operator==(const DeviceKeys &, const DeviceKeys &) = default;
};

//! The devices of one account, signed by the account's Ed25519 key so that contacts can tell a
//! device the account added from one a relay injected.
//!
//! Canonical layout (docs/crypto.md): "hearth-device-list-v2" 0x00 || u16 BE len || user
//! (UTF-8) || u64 BE version || u64 BE timestamp (ms since the epoch, the signer's clock) ||
//! u16 BE count || count x (u64 BE device id || Ed25519 key 32 || X25519 key 32), devices in
//! strictly ascending id order. The account key signs exactly these bytes (Ed25519, 64 bytes);
//! the protocol carries list and signature side by side (put_device_list {list, sig}, devices
//! {device_list, device_list_sig}). Legacy "hearth-device-list-v1" lists (the same without the
//! timestamp) still verify, as isLegacy() lists with timestamp 0, until their owner republishes.
class DeviceList final {
public:
    //! Most devices one list may hold (the relay allows 20 per account).
    static constexpr qsizetype kMaxDevices = 256;

    //! A (v2) list of `devices` (any order: they are sorted by id), signed at `timestampMs`.
    //! InvalidArgument for an invalid user, a device id 0, a repeated device id or signing key,
    //! or too many devices.
    [[nodiscard]] static CryptoResult<DeviceList>
    create(UserId user, quint64 version, qint64 timestampMs, QList<DeviceKeys> devices);

    //! Checks a published list: the signature by `accountKey` first (BadSignature), then the layout
    //! (Malformed / UnsupportedVersion), canonical order (NonCanonical), the user (WrongSender)
    //! and rollback: a version below `minimumVersion` gives StaleDeviceList. Pass the version
    //! of the list already accepted; an equal version with other bytes is an equivocation the
    //! caller must treat as an attack (compare the canonical bytes).
    [[nodiscard]] static CryptoResult<DeviceList>
    verify(QByteArrayView list, QByteArrayView signature, const SigningPublicKey &accountKey,
           const UserId &expectedUser, quint64 minimumVersion);

    [[nodiscard]] const UserId &user() const { return m_user; }
    [[nodiscard]] quint64 version() const { return m_version; }
    //! When the owner signed it (ms since the epoch, the owner's clock); 0 for a legacy list.
    [[nodiscard]] qint64 timestampMs() const { return m_timestampMs; }
    //! A v1 list (no timestamp), accepted until the owner's client republishes it as v2.
    [[nodiscard]] bool isLegacy() const { return m_legacy; }
    //! True when `canonical` (a list's bytes, e.g. one stored earlier) is a v1 list.
    [[nodiscard]] static bool isLegacyBytes(QByteArrayView canonical);
    //! Sorted by ascending device id.
    [[nodiscard]] const QList<DeviceKeys> &devices() const { return m_devices; }
    //! The device with this id, or nullptr.
    [[nodiscard]] const DeviceKeys *find(DeviceId id) const;

    //! The bytes the account key signs and the relay stores.
    [[nodiscard]] QByteArray canonicalBytes() const;
    //! The account key's 64-byte Ed25519 signature of canonicalBytes().
    [[nodiscard]] QByteArray sign(const SigningKeyPair &accountKey) const;

    friend bool operator==(const DeviceList &, const DeviceList &) = default;

private:
    DeviceList(UserId user, quint64 version, qint64 timestampMs, bool legacy,
               QList<DeviceKeys> devices);

    UserId m_user;
    quint64 m_version = 0;
    qint64 m_timestampMs = 0;
    bool m_legacy = false;
    QList<DeviceKeys> m_devices;
};

} // namespace hearth::crypto
