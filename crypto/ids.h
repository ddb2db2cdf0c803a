// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/sodium.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>
#include <optional>
#include <utility>

namespace hearth::crypto {

//! Largest user name, in UTF-8 bytes, that the crypto formats accept (the protocol's cap).
inline constexpr qsizetype kMaxUserIdBytes = 64;

//! An account, by its user name (as the relay knows it).
struct UserId final {
    QString name;
    friend bool operator==(const UserId &, const UserId &) = default;
};

//! A device, by the id the relay assigned to it (unique across the relay, never 0).
struct DeviceId final {
    quint64 value = 0;
    friend bool operator==(const DeviceId &, const DeviceId &) = default;
};

//! A conversation, by the id the relay assigned to it.
struct ConversationId final {
    quint64 value = 0;
    friend bool operator==(const ConversationId &, const ConversationId &) = default;
};

//! One device of one user: who sends or receives a pairwise message, who sends in a session.
struct DeviceAddress final {
    UserId user;
    DeviceId device;
    friend bool operator==(const DeviceAddress &, const DeviceAddress &) = default;
};

//! True when the user name is non-empty and at most kMaxUserIdBytes of UTF-8: what every format
//! in this module requires of a user.
[[nodiscard]] bool isValidUser(const UserId &user);

//! True when the user is valid (isValidUser) and the device id is not 0: what every format in
//! this module requires of an address.
[[nodiscard]] bool isValidAddress(const DeviceAddress &address);

//! A 16-byte random identifier. Tag keeps session ids and message ids apart at compile time.
template <class Tag> class RandomId final {
public:
    static constexpr qsizetype kSize = 16;

    //! A fresh id from the CSPRNG.
    [[nodiscard]] static RandomId generate() { return RandomId(randomBytes(kSize)); }
    //! nullopt unless `bytes` is exactly kSize long.
    [[nodiscard]] static std::optional<RandomId> fromBytes(QByteArrayView bytes) {
        if (bytes.size() != kSize)
            return std::nullopt;
        return RandomId(bytes.toByteArray());
    }

    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    friend bool operator==(const RandomId &, const RandomId &) = default;

private:
    explicit RandomId(QByteArray bytes)
        : m_bytes(std::move(bytes)) {}

    QByteArray m_bytes;
};

struct SessionIdTag;
struct MessageIdTag;
//! Identifies a group session (chosen at random by its sending device).
using SessionId = RandomId<SessionIdTag>;
//! Identifies one pairwise message, for replay detection.
using MessageId = RandomId<MessageIdTag>;

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
template <class Tag> size_t qHash(const RandomId<Tag> &id, size_t seed = 0) noexcept {
    return ::qHash(id.bytes(), seed);
}

} // namespace hearth::crypto
