// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/own_devices.h"

#include "crypto/device_approval.h"
#include "crypto/public_keys.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"

#include <QCborMap>
#include <QLoggingCategory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcOwnDevices, "hearth.engine.own_devices")

namespace {
constexpr auto kApprovalRequest = "approval_request"_L1;
constexpr auto kAccountKey = "account_key"_L1;

store::KnownDevice unverified(const UserId &user, const crypto::DeviceKeys &keys) {
    return store::KnownDevice{user, keys, store::Trust::Unverified, false, 0};
}

//! Pins `key` as `user`'s account key, in place of any other: only for a key this device
//! holds or received in a grant the approval code verified.
store::StoreStatus pinOwnAccountKey(store::ContactStore &contacts, const UserId &user,
                                    const crypto::SigningPublicKey &key) {
    if (auto upserted = contacts.upsertUser(user); !upserted)
        return upserted;
    auto known = contacts.user(user);
    if (!known)
        return known.error();
    if (!*known || !(*known)->accountKey)
        return contacts.setAccountKey(user, key);
    if (*(*known)->accountKey == key)
        return {};
    qCWarning(lcOwnDevices) << "the account key pinned before was not this account's own";
    return contacts.replaceAccountKey(user, key);
}
} // namespace

OwnDevices::OwnDevices(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
                       QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_directory(directory)
    , m_keys(keys)
    , m_requests(context.store.account()) {}

crypto::DeviceKeys OwnDevices::ownKeys() const {
    const Identity &self = m_context.identity;
    return crypto::DeviceKeys{self.device, crypto::publicKeyOf(*self.signingKey),
                              crypto::publicKeyOf(*self.dhKey)};
}

QList<crypto::DeviceKeys> OwnDevices::signedOwnDevices() {
    QList<crypto::DeviceKeys> keys;
    for (const store::KnownDevice &device : m_directory.trustedDevices(m_context.identity.user))
        keys.append(device.keys);
    return keys;
}

bool OwnDevices::thisDeviceApproved() {
    // why: "approved" compares keys, not ids: a list naming this id with other keys (a relay's
    // substitute, approved by mistake) does not make this device trusted.
    const auto listed = m_directory.trustedDevice(m_context.identity.address());
    return listed && listed->keys == ownKeys();
}

QList<DeviceId> OwnDevices::pendingApprovals() {
    return m_context.identity.accountKey ? m_requests.devices() : QList<DeviceId>();
}

std::optional<EngineError> OwnDevices::pinHeldAccountKey() {
    const Identity &self = m_context.identity;
    if (self.accountKey) {
        if (auto pinned = pinOwnAccountKey(m_context.store.contacts(), self.user,
                                           crypto::publicKeyOf(*self.accountKey));
            !pinned)
            return storeError(pinned.error());
    }
    return ensureApprovalCode();
}

std::optional<EngineError> OwnDevices::ensureApprovalCode() {
    Identity &self = m_context.identity;
    if (self.accountKey || self.approvalCode || thisDeviceApproved())
        return std::nullopt;
    crypto::ApprovalCode code = crypto::ApprovalCode::generate();
    if (auto saved = m_context.store.account().setApprovalCode(code.bytes()); !saved)
        return storeError(saved.error());
    self.approvalCode = std::make_shared<const crypto::ApprovalCode>(std::move(code));
    return std::nullopt;
}

void OwnDevices::ensureListed(Completion done) {
    m_directory.refresh(m_context.identity.user, [this, done](const auto &error) {
        const Identity &self = m_context.identity;
        if (!error && self.accountKey && thisDeviceApproved() && legacyListStored()) {
            // why: lists signed before timestamps (v1) are accepted until their owner
            // republishes; this device can, so it does at once (docs/crypto.md 3). Timestamp 0
            // ("unknown"): two of the account's devices doing this at once sign the same bytes,
            // which is no equivocation.
            publish(signedOwnDevices(), done, 0);
            return;
        }
        if (error || thisDeviceApproved()) {
            done(error);
            return;
        }
        if (!self.accountKey) {
            requestApproval();
            done(std::nullopt);
            return;
        }
        QList<crypto::DeviceKeys> devices = signedOwnDevices();
        devices.removeIf([&](const crypto::DeviceKeys &keys) { return keys.id == self.device; });
        devices.append(ownKeys());
        publish(devices, done);
    });
}

void OwnDevices::requestApproval() {
    const Identity &self = m_context.identity;
    if (!self.approvalCode)
        return;
    QCborMap request;
    request.insert("type"_L1, kApprovalRequest);
    request.insert("tag"_L1, crypto::approvalRequestTag(*self.approvalCode, self.user, ownKeys()));
    const QByteArray plaintext = request.toCborValue().toCbor();
    // why: to every device the relay lists, trusted or not: this device cannot verify any list
    // before it is approved, and the tag reveals nothing a relay could use. One request each,
    // so a phantom device the relay lists cannot make the whole batch fail.
    for (const RelayDevice &listed : m_directory.relayDevices(self.user)) {
        const auto sign = crypto::SigningPublicKey::fromBytes(listed.signKey);
        const auto dh = crypto::DhPublicKey::fromBytes(listed.dhKey);
        if (listed.id == self.device || !sign || !dh)
            continue;
        m_keys.sendPairwise({unverified(self.user, crypto::DeviceKeys{listed.id, *sign, *dh})},
                            {plaintext}, [](const auto &) {});
    }
}

void OwnDevices::approve(DeviceId device, const QString &code, Completion done) {
    const Identity &self = m_context.identity;
    if (!self.accountKey) {
        done(engineError(EngineErrorCode::Untrusted,
                         u"this device does not hold the account key"_s));
        return;
    }
    auto parsed = crypto::ApprovalCode::parse(code);
    if (!parsed) {
        done(engineError(EngineErrorCode::InvalidArgument,
                         u"An approval code has 16 letters and digits, as the new device shows "
                         u"it."_s));
        return;
    }
    const QList<ApprovalRequest> requests = m_requests.forDevice(device);
    if (requests.isEmpty()) {
        done(engineError(EngineErrorCode::InvalidArgument,
                         u"Device %1 has not asked for approval yet: open Hearth on it and let "
                         u"it connect."_s.arg(device.value)));
        return;
    }
    std::optional<crypto::DeviceKeys> verified;
    for (const ApprovalRequest &request : requests) {
        if (crypto::verifyApprovalRequest(*parsed, self.user, request.keys, request.tag))
            verified = request.keys;
    }
    if (!verified) {
        done(engineError(
            EngineErrorCode::WrongApprovalCode,
            u"That code does not match the one device %1 shows. Check it and try "
            u"again; if it never matches, do not approve the device."_s.arg(device.value)));
        return;
    }
    auto shared = std::make_shared<const crypto::ApprovalCode>(std::move(parsed).value());
    m_directory.refresh(self.user, [this, keys = *verified, shared, done](const auto &error) {
        if (error) {
            done(error);
            return;
        }
        QList<crypto::DeviceKeys> devices = signedOwnDevices();
        devices.removeIf([&](const crypto::DeviceKeys &listed) { return listed.id == keys.id; });
        devices.append(keys);
        publish(devices, [this, keys, shared, done](const auto &published) {
            const auto listed =
                m_directory.trustedDevice(DeviceAddress{m_context.identity.user, keys.id});
            if (published || !listed || !(listed->keys == keys)) {
                done(published ? published
                               : engineError(EngineErrorCode::Untrusted,
                                             u"the published list did not verify"_s));
                return;
            }
            sendGrant(keys, *shared, [this, id = keys.id, done](const auto &sent) {
                if (!sent)
                    (void)m_requests.forget(id);
                done(sent);
            });
        });
    });
}

void OwnDevices::sendGrant(const crypto::DeviceKeys &device, const crypto::ApprovalCode &code,
                           Completion done) {
    const Identity &self = m_context.identity;
    auto grant = crypto::sealAccountGrant(code, self.user, device, *self.accountKey);
    if (!grant) {
        done(cryptoError(grant.error()));
        return;
    }
    QCborMap message;
    message.insert("type"_L1, kAccountKey);
    message.insert("grant"_L1, *grant);
    m_keys.sendControl(unverified(self.user, device), message, std::move(done));
}

void OwnDevices::onApprovalMessage(const QCborMap &control, const crypto::DeviceKeys &sender) {
    const QString type = control.value("type"_L1).toString();
    if (type == kApprovalRequest)
        onApprovalRequest(control, sender);
    else if (type == kAccountKey)
        onAccountGrant(control);
}

void OwnDevices::onApprovalRequest(const QCborMap &control, const crypto::DeviceKeys &sender) {
    const Identity &self = m_context.identity;
    const QByteArray tag = control.value("tag"_L1).toByteArray();
    if (!self.accountKey || sender.id == self.device || tag.size() != crypto::kApprovalTagSize)
        return;
    const auto listed = m_directory.trustedDevice(DeviceAddress{self.user, sender.id});
    if (listed && listed->keys == sender)
        return; // approved already
    if (auto kept = m_requests.add(ApprovalRequest{sender, tag}); !kept) {
        qCWarning(lcOwnDevices) << "store:" << kept.error();
        return;
    }
    Q_EMIT deviceAwaitingApproval(sender.id.value);
}

void OwnDevices::onAccountGrant(const QCborMap &control) {
    Identity &self = m_context.identity;
    if (self.accountKey || !self.approvalCode)
        return; // nothing asked for
    auto pair = crypto::openAccountGrant(*self.approvalCode, self.user, ownKeys(),
                                         control.value("grant"_L1).toByteArray());
    if (!pair) {
        qCWarning(lcOwnDevices) << "refused an account key grant:" << pair.error();
        return;
    }
    auto saved = m_context.store.transaction([&]() -> store::StoreStatus {
        if (auto pinned =
                pinOwnAccountKey(m_context.store.contacts(), self.user, crypto::publicKeyOf(*pair));
            !pinned)
            return pinned;
        if (auto secret = m_context.store.account().setAccountSigningSecret(pair->seed()); !secret)
            return secret;
        return m_context.store.account().setApprovalCode(crypto::SecretBytes());
    });
    if (!saved) {
        qCWarning(lcOwnDevices) << "store:" << saved.error();
        return;
    }
    self.accountKey = std::make_shared<const crypto::SigningKeyPair>(std::move(pair).value());
    self.approvalCode.reset();
    m_directory.invalidate(self.user);
    // why: after the pairwise message's transaction; the approving device's list names this
    // device already, else ensureListed publishes one (this device holds the key now).
    QMetaObject::invokeMethod(
        this, [this] { ensureListed([this](const auto &) { Q_EMIT approved(); }); },
        Qt::QueuedConnection);
}

void OwnDevices::remove(DeviceId device, const QString &password, Completion done) {
    m_context.connection.send(
        protocol::RemoveDeviceRequest{device, password}, [this, device, done](const auto &reply) {
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
    m_context.connection.send(
        protocol::PutDeviceListRequest{list->canonicalBytes(), list->sign(*self.accountKey)},
        [this, done](const auto &reply) {
            if (!reply) {
                done(relayError(reply.error()));
                return;
            }
            m_directory.invalidate(m_context.identity.user);
            m_directory.refresh(m_context.identity.user, done);
        });
}

} // namespace hearth::engine
