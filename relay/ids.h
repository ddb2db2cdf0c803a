// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>
#include <QtGlobal>
#include <compare>

namespace hearth::relay {

//! Strongly typed ids, so an account id can't be passed where a device id belongs.
template <class Tag> struct Id {
    qint64 value = 0;
    [[nodiscard]] bool isValid() const { return value > 0; }
    friend auto operator<=>(const Id &, const Id &) = default;
};
template <class Tag> size_t qHash(Id<Tag> id, size_t seed = 0) {
    return ::qHash(id.value, seed);
}

using AccountId = Id<struct AccountTag>;
using DeviceId = Id<struct DeviceTag>;
using ConversationId = Id<struct ConversationTag>;

} // namespace hearth::relay
