// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_error.h"

#include <QtGlobal>
#include <utility>
#include <variant>

namespace hearth::crypto {

//! A value or a CryptoError. Marked [[nodiscard]]: a caller must look at it. Reading the value
//! of a failed result (or the error of a successful one) is a programming error and aborts.
template <class T> class [[nodiscard]] CryptoResult final {
public:
    CryptoResult(T value) // NOLINT(google-explicit-constructor): `return value;`
        : m_state(std::in_place_index<0>, std::move(value)) {}
    CryptoResult(CryptoError error) // NOLINT(google-explicit-constructor): `return error;`
        : m_state(std::in_place_index<1>, error) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    //! The error; only when !ok().
    [[nodiscard]] CryptoError error() const {
        if (ok())
            qFatal("CryptoResult::error() called on a success");
        return std::get<1>(m_state);
    }

    //! The value; only when ok().
    [[nodiscard]] T &value() & { return checked(); }
    [[nodiscard]] const T &value() const & { return const_cast<CryptoResult *>(this)->checked(); }
    [[nodiscard]] T &&value() && { return std::move(checked()); }

    T *operator->() { return &checked(); }
    const T *operator->() const { return &const_cast<CryptoResult *>(this)->checked(); }
    T &operator*() & { return checked(); }
    const T &operator*() const & { return const_cast<CryptoResult *>(this)->checked(); }

private:
    T &checked() {
        if (!ok())
            qFatal("CryptoResult::value() called on an error");
        return std::get<0>(m_state);
    }

    std::variant<T, CryptoError> m_state;
};

//! Success or a CryptoError, for operations with no value.
template <> class [[nodiscard]] CryptoResult<void> final {
public:
    CryptoResult() = default;
    CryptoResult(CryptoError error) // NOLINT(google-explicit-constructor): `return error;`
        : m_failed(true)
        , m_error(error) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] CryptoError error() const {
        if (!m_failed)
            qFatal("CryptoResult::error() called on a success");
        return m_error;
    }

private:
    bool m_failed = false;
    CryptoError m_error = CryptoError::Malformed;
};

using CryptoStatus = CryptoResult<void>;

} // namespace hearth::crypto
