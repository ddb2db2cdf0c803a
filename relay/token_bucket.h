// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <algorithm>

namespace hearth::relay {

//! Requests allowed per connection: refills `ratePerSecond` tokens a second up to `burst`.
class TokenBucket final {
public:
    TokenBucket(qint64 ratePerSecond, qint64 burst, qint64 nowMs)
        : m_rate(static_cast<double>(ratePerSecond))
        , m_burst(static_cast<double>(burst))
        , m_tokens(static_cast<double>(burst))
        , m_lastMs(nowMs) {}

    //! Takes one token; when none is left, returns false and sets how long until one is.
    [[nodiscard]] bool take(qint64 nowMs, qint64 &retryAfterMs) {
        const qint64 elapsed = std::max<qint64>(0, nowMs - m_lastMs);
        m_lastMs = nowMs;
        m_tokens = std::min(m_burst, m_tokens + static_cast<double>(elapsed) * m_rate / 1000.0);
        if (m_tokens >= 1.0) {
            m_tokens -= 1.0;
            return true;
        }
        retryAfterMs = static_cast<qint64>((1.0 - m_tokens) * 1000.0 / m_rate) + 1;
        return false;
    }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs;
};

} // namespace hearth::relay
