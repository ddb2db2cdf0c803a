// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace hearth::protocol {

//! The bytes a device signs to authenticate a connection: a domain-separation tag, the
//! relay's fresh nonce, the username and the device id, so a signature can be used for
//! nothing else and on no other connection.
//! Layout: "hearth-auth-v1" || 0x00 || nonce (32) || u16 BE len || username (UTF-8)
//!         || u64 BE device. Empty when the nonce is not 32 bytes or the name is over 65535 bytes.
[[nodiscard]] QByteArray authChallenge(const QByteArray &nonce, const QString &user,
                                       quint64 device);

} // namespace hearth::protocol
