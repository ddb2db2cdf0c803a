// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/sodium.h"

#include <cstdlib>
#include <sodium.h>

namespace hearth::crypto {

void ensureInitialised() {
    // why: sodium_init is thread-safe and idempotent; failing means no usable RNG.
    static const bool ok = sodium_init() >= 0;
    if (!ok)
        std::abort();
}

QByteArray randomBytes(qsizetype size) {
    ensureInitialised();
    QByteArray out(size, Qt::Uninitialized);
    randombytes_buf(out.data(), static_cast<size_t>(size));
    return out;
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b) {
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace hearth::crypto
