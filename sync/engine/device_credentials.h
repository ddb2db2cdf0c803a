// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/dh_key.h"
#include "crypto/signing_key.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace hearth::engine {

//! What a device needs to authenticate: its account, its relay-assigned id and its keys.
struct DeviceCredentials {
    QString user;
    quint64 device = 0;
    std::shared_ptr<const crypto::SigningKeyPair> signingKey;
    std::shared_ptr<const crypto::DhKeyPair> dhKey;

    //! Fresh keys for a device not yet registered (device id still 0).
    [[nodiscard]] static DeviceCredentials generate(const QString &user);
    //! The signature for an auth request answering `nonce`.
    [[nodiscard]] QByteArray signChallenge(const QByteArray &nonce) const;
};

} // namespace hearth::engine
