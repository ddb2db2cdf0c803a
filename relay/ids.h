// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/ids.h"

#include <QHashFunctions>
#include <QtGlobal>
#include <compare>

namespace hearth::relay {

//! An account's row in the relay's storage. Never on the wire (accounts are named by user
//! name there); devices and conversations use the shared wire ids of base/ids.h.
struct AccountId final {
    qint64 value = 0;
    [[nodiscard]] bool isValid() const { return value > 0; }
    friend auto operator<=>(const AccountId &, const AccountId &) = default;
};
inline size_t qHash(AccountId id, size_t seed = 0) {
    return ::qHash(id.value, seed);
}

} // namespace hearth::relay
