// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"

#include <QByteArrayView>

namespace hearth::crypto {

//! A read-only view of a secret, to pass it where bytes are expected (e.g. a serialized session
//! key into sealPairwise) without copying it into unwiped memory. Valid while `secret` lives.
[[nodiscard]] inline QByteArrayView secretView(const SecretBytes &secret) {
    return QByteArrayView(reinterpret_cast<const char *>(secret.data()),
                          static_cast<qsizetype>(secret.size()));
}

} // namespace hearth::crypto
