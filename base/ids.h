// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>
#include <QString>
#include <QtGlobal>
#include <compare>

//! The ids every part shares: the wire's (docs/protocol.md), the client's and the relay's. One
//! set of types, so a device id can't be passed where a conversation id belongs.
namespace hearth {

//! Largest user name, in UTF-8 bytes (the protocol's cap; the relay narrows it further).
inline constexpr qsizetype kMaxUserIdBytes = 64;

//! An account, by its user name (as the relay knows it).
struct UserId final {
    QString name;
    friend bool operator==(const UserId &, const UserId &) = default;
};

//! A device, by the id the relay assigned to it (unique across the relay, never 0).
struct DeviceId final {
    quint64 value = 0;
    [[nodiscard]] bool isValid() const { return value != 0; }
    friend auto operator<=>(const DeviceId &, const DeviceId &) = default;
};

//! A conversation, by the id the relay assigned to it (never 0).
struct ConversationId final {
    quint64 value = 0;
    [[nodiscard]] bool isValid() const { return value != 0; }
    friend auto operator<=>(const ConversationId &, const ConversationId &) = default;
};

//! One device of one user: who sends or receives a pairwise message, who sends in a session.
struct DeviceAddress final {
    UserId user;
    DeviceId device;
    friend bool operator==(const DeviceAddress &, const DeviceAddress &) = default;
};

//! True when the user name is non-empty and at most kMaxUserIdBytes of UTF-8.
[[nodiscard]] inline bool isValidUser(const UserId &user) {
    return !user.name.isEmpty() && user.name.toUtf8().size() <= kMaxUserIdBytes;
}

//! True when the user is valid (isValidUser) and the device id is not 0.
[[nodiscard]] inline bool isValidAddress(const DeviceAddress &address) {
    return address.device.isValid() && isValidUser(address.user);
}

inline size_t qHash(const UserId &user, size_t seed = 0) noexcept {
    return ::qHash(user.name, seed);
}
inline size_t qHash(const DeviceId &device, size_t seed = 0) noexcept {
    return ::qHash(device.value, seed);
}
inline size_t qHash(const ConversationId &conversation, size_t seed = 0) noexcept {
    return ::qHash(conversation.value, seed);
}
inline size_t qHash(const DeviceAddress &address, size_t seed = 0) noexcept {
    return qHashMulti(seed, address.user.name, address.device.value);
}

} // namespace hearth
