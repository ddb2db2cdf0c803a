// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: short-lived key material on the stack, wiped when it goes out of scope.

#include <cstddef>
#include <sodium.h>

namespace hearth::crypto::details {

//! A fixed-size stack buffer wiped with sodium_memzero on destruction.
// why: hot paths (one message key per group message) would spend more time in sodium_malloc's
// mmap/mprotect than in the cryptography; a wiped stack buffer keeps the key off the heap too.
template <std::size_t N> struct WipedBuffer final {
    static constexpr std::size_t kSize = N;
    unsigned char data[N];

    WipedBuffer() = default;
    WipedBuffer(const WipedBuffer &) = delete;
    WipedBuffer &operator=(const WipedBuffer &) = delete;
    ~WipedBuffer() { sodium_memzero(data, N); }
};

} // namespace hearth::crypto::details
