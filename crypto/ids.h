// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/ids.h"
#include "crypto/sodium.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>
#include <optional>
#include <utility>

namespace hearth::crypto {

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

template <class Tag> size_t qHash(const RandomId<Tag> &id, size_t seed = 0) noexcept {
    return ::qHash(id.bytes(), seed);
}

} // namespace hearth::crypto
