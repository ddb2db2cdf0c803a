// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/device_credentials.h"

#include "sync/protocol/auth_challenge.h"

namespace hearth::engine {

DeviceCredentials DeviceCredentials::generate(const QString &user) {
    DeviceCredentials credentials;
    credentials.user = user;
    credentials.signingKey =
        std::make_shared<const crypto::SigningKeyPair>(crypto::SigningKeyPair::generate());
    credentials.dhKey = std::make_shared<const crypto::DhKeyPair>(crypto::DhKeyPair::generate());
    return credentials;
}

QByteArray DeviceCredentials::signChallenge(const QByteArray &nonce) const {
    return signingKey->sign(protocol::authChallenge(nonce, user, device));
}

} // namespace hearth::engine
