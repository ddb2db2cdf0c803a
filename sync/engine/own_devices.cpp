// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/own_devices.h"

#include "crypto/public_keys.h"
#include "crypto/secret_view.h"
#include "sync/engine/connection_manager.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/key_sharing.h"
#include "sync/protocol/protocol.h"

#include <QCborMap>

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;

OwnDevices::OwnDevices(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
                       QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_directory(directory)
    , m_keys(keys) {}

QList<crypto::DeviceKeys> OwnDevices::signedOwnDevices() {
    QList<crypto::DeviceKeys> keys;
    for (const store::KnownDevice &device : m_directory.trustedDevices(m_context.identity.user))
        keys.append(device.keys);
    return keys;
}

void OwnDevices::ensureListed(Completion done) {
    m_directory.refresh(m_context.identity.user, [this, done](const auto &error) {
        const Identity &self = m_context.identity;
        if (!error && self.accountKey && m_directory.trustedDevice(self.address()) &&
            legacyListStored()) {
            // why: lists signed before timestamps (v1) are accepted until their owner
            // republishes; this device can, so it does at once (docs/crypto.md 3). Timestamp 0
            // ("unknown"): two of the account's devices doing this at once sign the same bytes,
            // which is no equivocation.
            publish(signedOwnDevices(), done, 0);
            return;
        }
        if (error || !self.accountKey || m_directory.trustedDevice(self.address())) {
            done(error);
            return;
        }
        QList<crypto::DeviceKeys> devices = signedOwnDevices();
        devices.append(crypto::DeviceKeys{self.device, crypto::publicKeyOf(*self.signingKey),
                                          crypto::publicKeyOf(*self.dhKey)});
        publish(devices, done);
    });
}

void OwnDevices::approve(DeviceId device, Completion done) {
    if (!m_context.identity.accountKey) {
        done(engineError(EngineErrorCode::Untrusted,
                         u"this device does not hold the account key"_s));
        return;
    }
    m_directory.refresh(m_context.identity.user, [this, device, done](const auto &error) {
        if (error) {
            done(error);
            return;
        }
        std::optional<crypto::DeviceKeys> added;
        for (const RelayDevice &listed : m_directory.relayDevices(m_context.identity.user)) {
            const auto sign = crypto::SigningPublicKey::fromBytes(listed.signKey);
            const auto dh = crypto::DhPublicKey::fromBytes(listed.dhKey);
            if (listed.id == device && sign && dh)
                added = crypto::DeviceKeys{device, *sign, *dh};
        }
        if (!added) {
            done(engineError(EngineErrorCode::InvalidArgument,
                             u"the relay lists no such device of this account"_s));
            return;
        }
        QList<crypto::DeviceKeys> devices = signedOwnDevices();
        devices.append(*added);
        publish(devices, [this, device, done](const auto &published) {
            const auto approved =
                m_directory.trustedDevice(DeviceAddress{m_context.identity.user, device});
            if (published || !approved) {
                done(published ? published
                               : engineError(EngineErrorCode::Untrusted,
                                             u"the published list did not verify"_s));
                return;
            }
            const crypto::SecretBytes seed = m_context.identity.accountKey->seed();
            QCborMap message;
            message.insert("type"_L1, "account_key"_L1);
            message.insert("seed"_L1, crypto::secretView(seed).toByteArray());
            m_keys.sendControl(*approved, message, done);
        });
    });
}

void OwnDevices::remove(DeviceId device, const QString &password, Completion done) {
    QCborMap fields;
    fields.insert("device"_L1, static_cast<qint64>(device.value));
    fields.insert("password"_L1, password);
    m_context.connection.request(
        protocol::type::kRemoveDevice, fields, [this, device, done](const auto &reply) {
            if (!reply) {
                done(relayError(reply.error()));
                return;
            }
            m_directory.invalidate(m_context.identity.user);
            if (!m_context.identity.accountKey || device == m_context.identity.device) {
                done(std::nullopt);
                return;
            }
            m_directory.refresh(m_context.identity.user, [this, device, done](const auto &error) {
                if (error) {
                    done(error);
                    return;
                }
                QList<crypto::DeviceKeys> devices = signedOwnDevices();
                devices.removeIf([&](const crypto::DeviceKeys &keys) { return keys.id == device; });
                publish(devices, done);
            });
        });
}

bool OwnDevices::legacyListStored() {
    auto own = m_context.store.contacts().user(m_context.identity.user);
    return own && *own && crypto::DeviceList::isLegacyBytes((*own)->deviceList);
}

void OwnDevices::publish(const QList<crypto::DeviceKeys> &devices, Completion done,
                         std::optional<qint64> timestampMs) {
    const Identity &self = m_context.identity;
    auto known = m_context.store.contacts().user(self.user);
    const quint64 version = (known && *known ? (*known)->deviceListVersion : 0) + 1;
    auto list = crypto::DeviceList::create(self.user, version,
                                           timestampMs.value_or(EngineContext::now()), devices);
    if (!list) {
        done(cryptoError(list.error()));
        return;
    }
    QCborMap fields;
    fields.insert("list"_L1, list->canonicalBytes());
    fields.insert("sig"_L1, list->sign(*self.accountKey));
    m_context.connection.request(protocol::type::kPutDeviceList, fields,
                                 [this, done](const auto &reply) {
                                     if (!reply) {
                                         done(relayError(reply.error()));
                                         return;
                                     }
                                     m_directory.invalidate(m_context.identity.user);
                                     m_directory.refresh(m_context.identity.user, done);
                                 });
}

} // namespace hearth::sync
