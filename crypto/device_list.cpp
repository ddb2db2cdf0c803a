// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/device_list.h"

#include "crypto/details/byte_io.h"
#include "crypto/signing_key.h"

#include <QSet>
#include <algorithm>

namespace hearth::crypto {

namespace {

constexpr QByteArrayView kTag("hearth-device-list-v2\0", 22);
constexpr QByteArrayView kLegacyTag("hearth-device-list-v1\0", 22);
constexpr QByteArrayView kTagFamily("hearth-device-list-v");
constexpr qsizetype kDeviceEntrySize = 8 + SigningPublicKey::kSize + DhPublicKey::kSize;

bool idLess(const DeviceKeys &a, const DeviceKeys &b) {
    return a.id.value < b.id.value;
}

//! InvalidArgument unless ids are non-zero and unique and signing keys are unique.
bool distinct(const QList<DeviceKeys> &sorted) {
    QSet<QByteArray> keys;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        if (sorted[i].id.value == 0)
            return false;
        if (i > 0 && sorted[i - 1].id.value >= sorted[i].id.value)
            return false;
        if (keys.contains(sorted[i].signingKey.bytes()))
            return false;
        keys.insert(sorted[i].signingKey.bytes());
    }
    return true;
}

} // namespace

DeviceList::DeviceList(UserId user, quint64 version, qint64 timestampMs, bool legacy,
                       QList<DeviceKeys> devices)
    : m_user(std::move(user))
    , m_version(version)
    , m_timestampMs(timestampMs)
    , m_legacy(legacy)
    , m_devices(std::move(devices)) {}

CryptoResult<DeviceList> DeviceList::create(UserId user, quint64 version, qint64 timestampMs,
                                            QList<DeviceKeys> devices) {
    if (!isValidUser(user) || devices.size() > kMaxDevices)
        return CryptoError::InvalidArgument;
    std::sort(devices.begin(), devices.end(), idLess);
    if (!distinct(devices))
        return CryptoError::InvalidArgument;
    return DeviceList(std::move(user), version, timestampMs, false, std::move(devices));
}

bool DeviceList::isLegacyBytes(QByteArrayView canonical) {
    return canonical.startsWith(kLegacyTag);
}

const DeviceKeys *DeviceList::find(DeviceId id) const {
    const auto it = std::lower_bound(
        m_devices.cbegin(), m_devices.cend(), id,
        [](const DeviceKeys &device, DeviceId key) { return device.id.value < key.value; });
    if (it == m_devices.cend() || it->id != id)
        return nullptr;
    return &*it;
}

QByteArray DeviceList::canonicalBytes() const {
    QByteArray out(kTag.size() + details::userFieldSize(m_user) + 8 + (m_legacy ? 0 : 8) + 2 +
                       m_devices.size() * kDeviceEntrySize,
                   Qt::Uninitialized);
    details::SpanWriter w(out);
    w.bytes(m_legacy ? kLegacyTag : kTag);
    w.user(m_user);
    w.u64(m_version);
    if (!m_legacy)
        w.u64(static_cast<quint64>(m_timestampMs));
    w.u16(static_cast<quint16>(m_devices.size()));
    for (const DeviceKeys &device : m_devices) {
        w.u64(device.id.value);
        w.bytes(device.signingKey.bytes());
        w.bytes(device.dhKey.bytes());
    }
    Q_ASSERT(w.full());
    return out;
}

QByteArray DeviceList::sign(const SigningKeyPair &accountKey) const {
    return accountKey.sign(canonicalBytes());
}

CryptoResult<DeviceList> DeviceList::verify(QByteArrayView body, QByteArrayView signature,
                                            const SigningPublicKey &accountKey,
                                            const UserId &expectedUser, quint64 minimumVersion) {
    if (signature.size() != kSignatureSize)
        return CryptoError::Malformed;
    // why: nothing is parsed before the account's signature is checked, so a relay cannot make
    // us act on bytes the account never signed.
    if (!verifySignature(accountKey.bytes(), body, signature))
        return CryptoError::BadSignature;

    details::ByteReader r(body);
    const std::optional<QByteArrayView> tag = r.bytes(kTag.size());
    if (!tag)
        return CryptoError::Malformed;
    const bool legacy = *tag == kLegacyTag;
    if (*tag != kTag && !legacy)
        return tag->startsWith(kTagFamily) ? CryptoError::UnsupportedVersion
                                           : CryptoError::Malformed;
    const std::optional<UserId> user = r.user();
    const std::optional<quint64> version = r.u64();
    const std::optional<quint64> timestamp = legacy ? std::optional<quint64>(0) : r.u64();
    const std::optional<quint16> count = r.u16();
    if (!user || !version || !timestamp || !count || r.remaining() != *count * kDeviceEntrySize)
        return CryptoError::Malformed;

    QList<DeviceKeys> devices;
    devices.reserve(*count);
    for (quint16 i = 0; i < *count; ++i) {
        const quint64 id = *r.u64();
        const auto sign = SigningPublicKey::fromBytes(*r.bytes(SigningPublicKey::kSize));
        const auto dh = DhPublicKey::fromBytes(*r.bytes(DhPublicKey::kSize));
        devices.append(DeviceKeys{DeviceId{id}, *sign, *dh});
    }
    if (!distinct(devices) || devices.size() > kMaxDevices)
        return CryptoError::NonCanonical;
    if (*user != expectedUser)
        return CryptoError::WrongSender;
    if (*version < minimumVersion)
        return CryptoError::StaleDeviceList;
    return DeviceList(*user, *version, static_cast<qint64>(*timestamp), legacy, std::move(devices));
}

} // namespace hearth::crypto
