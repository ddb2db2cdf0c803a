// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QDebug>
#include <cstddef>

namespace hearth::crypto {

//! Secret key material in sodium_malloc'ed memory: guarded, locked where the OS allows,
//! wiped on destruction. Move-only; its debug output never shows the bytes.
class SecretBytes final {
public:
    SecretBytes() = default;
    //! Uninitialised (sodium fills it with garbage) secret of `size` bytes.
    explicit SecretBytes(std::size_t size);
    //! A copy of `bytes`; the caller remains responsible for wiping its own copy.
    [[nodiscard]] static SecretBytes fromBytes(QByteArrayView bytes);
    //! `size` random bytes.
    [[nodiscard]] static SecretBytes generate(std::size_t size);

    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    ~SecretBytes();

    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] unsigned char *data() { return m_data; }
    [[nodiscard]] const unsigned char *data() const { return m_data; }

private:
    void release() noexcept;

    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

QDebug operator<<(QDebug debug, const SecretBytes &secret);

} // namespace hearth::crypto
