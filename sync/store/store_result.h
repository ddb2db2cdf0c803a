// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/store_error.h"

#include <QtGlobal>
#include <utility>
#include <variant>

namespace hearth::store {

//! A value or the StoreFailure explaining why there is none. [[nodiscard]]: a caller must look at
//! it. Reading the value of a failure (or the failure of a success) is a programming error and
//! aborts. Forward a failure with `return result.failure();`.
template <class T> class [[nodiscard]] StoreResult final {
public:
    StoreResult(T value) // NOLINT(google-explicit-constructor): `return value;`
        : m_state(std::in_place_index<0>, std::move(value)) {}
    StoreResult(StoreFailure failure) // NOLINT(google-explicit-constructor): `return failure;`
        : m_state(std::in_place_index<1>, std::move(failure)) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    //! The failure; only when !ok().
    [[nodiscard]] const StoreFailure &failure() const {
        if (ok())
            qFatal("StoreResult::failure() called on a success");
        return std::get<1>(m_state);
    }
    [[nodiscard]] StoreError error() const { return failure().error; }

    //! The value; only when ok().
    [[nodiscard]] T &value() & { return checked(); }
    [[nodiscard]] const T &value() const & { return const_cast<StoreResult *>(this)->checked(); }
    [[nodiscard]] T &&value() && { return std::move(checked()); }

    T *operator->() { return &checked(); }
    const T *operator->() const { return &const_cast<StoreResult *>(this)->checked(); }
    T &operator*() & { return checked(); }
    const T &operator*() const & { return const_cast<StoreResult *>(this)->checked(); }

private:
    T &checked() {
        if (!ok())
            qFatal("StoreResult::value() called on a failure");
        return std::get<0>(m_state);
    }

    std::variant<T, StoreFailure> m_state;
};

//! Success or a StoreFailure, for operations with no value.
template <> class [[nodiscard]] StoreResult<void> final {
public:
    StoreResult() = default;
    StoreResult(StoreFailure failure) // NOLINT(google-explicit-constructor): `return failure;`
        : m_failure(std::move(failure))
        , m_failed(true) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const StoreFailure &failure() const {
        if (!m_failed)
            qFatal("StoreResult::failure() called on a success");
        return m_failure;
    }
    [[nodiscard]] StoreError error() const { return failure().error; }

private:
    StoreFailure m_failure;
    bool m_failed = false;
};

using StoreStatus = StoreResult<void>;

} // namespace hearth::store
