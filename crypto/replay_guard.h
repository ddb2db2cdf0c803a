// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"

#include <QSet>

namespace hearth::crypto {

//! Remembers which pairwise messages were accepted, so a replay is refused. Storage lives
//! outside this module: the sync engine implements it over its store, inside the transaction
//! that also stores what the message carried (so a crash before commit forgets both, and the
//! relay's redelivery is accepted).
class ReplayGuard {
public:
    virtual ~ReplayGuard() = default;

    //! Records (`sender`, `id`). False when it was recorded before: the message is a replay.
    //! `timestampMs` is the sender's clock, for implementations that expire old entries (they
    //! must then also refuse messages older than what they keep).
    [[nodiscard]] virtual bool remember(const DeviceAddress &sender, const MessageId &id,
                                        qint64 timestampMs) = 0;
};

//! A ReplayGuard in memory, for tests and benchmarks.
class InMemoryReplayGuard final : public ReplayGuard {
public:
    [[nodiscard]] bool remember(const DeviceAddress &sender, const MessageId &id,
                                qint64 timestampMs) override;
    [[nodiscard]] qsizetype size() const { return m_seen.size(); }

private:
    struct Entry {
        DeviceAddress sender;
        MessageId id;
        friend bool operator==(const Entry &, const Entry &) = default;
        friend size_t qHash(const Entry &entry, size_t seed = 0) noexcept {
            return qHashMulti(seed, entry.sender, entry.id);
        }
    };
    QSet<Entry> m_seen;
};

} // namespace hearth::crypto
