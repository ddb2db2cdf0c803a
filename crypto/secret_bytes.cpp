// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/secret_bytes.h"

#include "crypto/details/redacted_debug.h"
#include "crypto/sodium.h"

#include <cstring>
#include <new>
#include <sodium.h>
#include <utility>

namespace hearth::crypto {

using namespace Qt::StringLiterals;

SecretBytes::SecretBytes(std::size_t size)
    : m_size(size) {
    ensureInitialised();
    if (size == 0)
        return;
    m_data = static_cast<unsigned char *>(sodium_malloc(size));
    if (m_data == nullptr)
        throw std::bad_alloc();
}

SecretBytes SecretBytes::fromBytes(QByteArrayView bytes) {
    SecretBytes secret(static_cast<std::size_t>(bytes.size()));
    if (secret.m_data != nullptr) // null exactly when bytes is empty
        std::memcpy(secret.m_data, bytes.data(), secret.m_size);
    return secret;
}

SecretBytes SecretBytes::generate(std::size_t size) {
    SecretBytes secret(size);
    if (size > 0)
        randombytes_buf(secret.m_data, size);
    return secret;
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0)) {}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept {
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes::~SecretBytes() {
    release();
}

void SecretBytes::release() noexcept {
    // sodium_free wipes the memory before releasing it.
    if (m_data != nullptr)
        sodium_free(m_data);
    m_data = nullptr;
    m_size = 0;
}

QDebug operator<<(QDebug debug, const SecretBytes &secret) {
    return details::redactedDebug(debug, "SecretBytes", u"%1 bytes"_s.arg(secret.size()));
}

} // namespace hearth::crypto
