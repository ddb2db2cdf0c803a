// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <optional>
#include <utility>
#include <variant>

namespace hearth {

//! A value or the error E explaining why there is none: every layer's fallible calls return one
//! (CryptoResult, StoreResult, EngineResult, KeychainResult and ProtocolResult name the E).
//! [[nodiscard]]: a caller must look at it. Reading the value of a failure, or the error of a
//! success, is a programming error and aborts. Forward a failure with `return result.error();`.
template <class T, class E> class [[nodiscard]] Result final {
public:
    Result(T value) // NOLINT(google-explicit-constructor): `return value;`
        : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(E error) // NOLINT(google-explicit-constructor): `return error;`
        : m_state(std::in_place_index<1>, std::move(error)) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    //! The error; only when !ok().
    [[nodiscard]] const E &error() const {
        if (ok())
            qFatal("Result::error() called on a success");
        return std::get<1>(m_state);
    }

    //! The value; only when ok().
    [[nodiscard]] T &value() & { return checked(); }
    [[nodiscard]] const T &value() const & { return const_cast<Result *>(this)->checked(); }
    [[nodiscard]] T &&value() && { return std::move(checked()); }

    T *operator->() { return &checked(); }
    const T *operator->() const { return &const_cast<Result *>(this)->checked(); }
    T &operator*() & { return checked(); }
    const T &operator*() const & { return const_cast<Result *>(this)->checked(); }

private:
    T &checked() {
        if (!ok())
            qFatal("Result::value() called on a failure");
        return std::get<0>(m_state);
    }

    std::variant<T, E> m_state;
};

//! Success or an error E, for operations with no value.
template <class E> class [[nodiscard]] Result<void, E> final {
public:
    Result() = default;
    Result(E error) // NOLINT(google-explicit-constructor): `return error;`
        : m_error(std::move(error)) {}

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const E &error() const {
        if (ok())
            qFatal("Result::error() called on a success");
        return *m_error;
    }

private:
    std::optional<E> m_error;
};

} // namespace hearth
