// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace hearth::crypto {

//! Argon2id cost settings for stored password hashes.
enum class PasswordHashCost {
    Interactive, //!< libsodium's interactive limits (64 MiB, 2 passes): the relay's default
    Moderate,    //!< libsodium's moderate limits (256 MiB, 3 passes)
    Minimum,     //!< the smallest allowed cost: for tests and benchmarks only, never production
};

//! Argon2id hash in libsodium's encoded string form (algorithm, cost and salt included).
//! nullopt when the hash could not be computed (out of memory).
[[nodiscard]] std::optional<QByteArray> hashPassword(QByteArrayView password,
                                                     PasswordHashCost cost);

//! True when `password` matches `encodedHash` (as made by hashPassword).
[[nodiscard]] bool verifyPassword(const QByteArray &encodedHash, QByteArrayView password);

} // namespace hearth::crypto
