// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/auth_challenge.h"

#include "sync/protocol/protocol.h"

#include <QtEndian>

namespace hearth::protocol {

QByteArray authChallenge(const QByteArray &nonce, const QString &user, quint64 device) {
    const QByteArray name = user.toUtf8();
    // why: the layout has no room for another nonce size or a longer name; an empty result
    // can never match a relay's challenge, so a bad input fails authentication.
    if (nonce.size() != kNonceSize || name.size() > 0xffff)
        return {};
    QByteArray out("hearth-auth-v1");
    out.append('\0');
    out.append(nonce);
    char len[2];
    qToBigEndian(static_cast<quint16>(name.size()), len);
    out.append(len, 2);
    out.append(name);
    char dev[8];
    qToBigEndian(device, dev);
    out.append(dev, 8);
    return out;
}

} // namespace hearth::protocol
