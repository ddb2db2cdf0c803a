// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <utility>
#include <variant>

namespace hearth {

//! A value or the error explaining why there is none; every part uses it with its own error
//! type (crypto::CryptoError, store::StoreFailure, sync::EngineError, ...). Marked
//! [[nodiscard]]: a caller must look at it. Reading the value of a failure (or the error of a
//! success) is a programming error and aborts. Forward a failure with `return r.error();`.
template <class T, class E> class [[nodiscard]] Result final {
public:
    using Value = T;
    using Error = E;

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

//! Success or an error, for operations with no value.
template <class E> class [[nodiscard]] Result<void, E> final {
public:
    using Value = void;
    using Error = E;

    Result() = default;
    Result(E error) // NOLINT(google-explicit-constructor): `return error;`
        : m_error(std::move(error))
        , m_failed(true) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const E &error() const {
        if (!m_failed)
            qFatal("Result::error() called on a success");
        return m_error;
    }

private:
    E m_error{};
    bool m_failed = false;
};

} // namespace hearth
