// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace hearth::relay {

//! Token buckets by key, for budgets that outlive a connection (an account's failed password
//! checks, an address's, an account's first contacts). Each holds up to `burst` tokens and
//! regains one every `refillMs`. A key without a bucket has a full one, and buckets that have
//! refilled are forgotten, so memory follows recent use rather than history.
template <class Key> class KeyedBuckets final {
public:
    KeyedBuckets(qint64 burst, qint64 refillMs)
        : m_burst(static_cast<double>(burst))
        , m_refillMs(static_cast<double>(std::max<qint64>(1, refillMs))) {}

    //! How long until `key` holds `n` tokens: 0 when it does now, -1 when it never will
    //! (`n` is over the burst).
    [[nodiscard]] qint64 waitMs(const Key &key, qint64 n, qint64 nowMs) const {
        if (static_cast<double>(n) > m_burst)
            return -1;
        const double missing = static_cast<double>(n) - tokens(key, nowMs);
        return missing <= 0 ? 0 : static_cast<qint64>(std::ceil(missing * m_refillMs));
    }

    //! Takes `n` tokens from `key`; check waitMs() first.
    void take(const Key &key, qint64 n, qint64 nowMs) {
        const double left = tokens(key, nowMs) - static_cast<double>(n);
        m_buckets.insert(key, Bucket{left, nowMs});
        if (m_buckets.size() >= m_pruneAt) {
            prune(nowMs);
            m_pruneAt = std::max(kMinPruneAt, 2 * m_buckets.size());
        }
    }

    //! Gives `n` tokens back to `key` (up to the burst): an attempt that turned out not to
    //! count against it.
    void refund(const Key &key, qint64 n, qint64 nowMs) {
        const auto it = m_buckets.find(key);
        if (it == m_buckets.end())
            return;
        const double now = std::min(m_burst, tokens(key, nowMs) + static_cast<double>(n));
        if (now >= m_burst)
            m_buckets.erase(it);
        else
            *it = Bucket{now, nowMs};
    }

    //! Keys with a bucket that is not full (for tests and metrics).
    [[nodiscard]] qsizetype size() const { return m_buckets.size(); }

private:
    struct Bucket {
        double tokens = 0;
        qint64 atMs = 0;
    };
    static constexpr qsizetype kMinPruneAt = 1024;

    [[nodiscard]] double tokens(const Key &key, qint64 nowMs) const {
        const auto it = m_buckets.constFind(key);
        if (it == m_buckets.cend())
            return m_burst;
        // why: the wall clock may step back; a bucket never loses tokens to that.
        const double elapsed = static_cast<double>(std::max<qint64>(0, nowMs - it->atMs));
        return std::min(m_burst, it->tokens + elapsed / m_refillMs);
    }

    void prune(qint64 nowMs) {
        for (auto it = m_buckets.begin(); it != m_buckets.end();) {
            if (tokens(it.key(), nowMs) >= m_burst)
                it = m_buckets.erase(it);
            else
                ++it;
        }
    }

    double m_burst;
    double m_refillMs;
    QHash<Key, Bucket> m_buckets;
    qsizetype m_pruneAt = kMinPruneAt;
};

} // namespace hearth::relay
