// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace hearth::crypto {

//! Initialises libsodium once; safe to call from any thread, any number of times.
//! Every entry point of this module calls it, so callers normally need not.
void ensureInitialised();

//! `size` bytes from the operating system's CSPRNG.
[[nodiscard]] QByteArray randomBytes(qsizetype size);

//! Constant-time comparison; false when the sizes differ.
[[nodiscard]] bool constantTimeEqual(const QByteArray &a, const QByteArray &b);

} // namespace hearth::crypto
