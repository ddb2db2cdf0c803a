// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDebug>
#include <QString>
#include <QtGlobal>
#include <utility>
#include <variant>

namespace hearth::app {

//! Every expected failure of the OS keychain. Values are stable; names hold no user data.
enum class KeychainError {
    Unavailable,  //!< no keychain service (Secret Service, KWallet) answers on the session bus
    NotFound,     //!< nothing saved for that profile
    AccessDenied, //!< the member (or the keychain) refused access
    TimedOut,     //!< the keychain did not answer in time (e.g. an unlock prompt left open)
    Invalid,      //!< what the keychain holds for the profile is not a store key
    Failed,       //!< anything else the keychain reported; the message has its text
};

//! A KeychainError with a sentence for people (no keys, no user names).
struct KeychainFailure final {
    KeychainError error = KeychainError::Failed;
    QString message;
};

//! Stable identifier for logs and tests, e.g. "Unavailable".
[[nodiscard]] const char *keychainErrorName(KeychainError error);

//! A value or the KeychainFailure explaining why there is none. Reading the value of a failure
//! (or the failure of a success) is a programming error and aborts.
template <class T> class [[nodiscard]] KeychainResult final {
public:
    KeychainResult(T value) // NOLINT(google-explicit-constructor): `return value;`
        : m_state(std::in_place_index<0>, std::move(value)) {}
    KeychainResult(KeychainFailure failure) // NOLINT(google-explicit-constructor)
        : m_state(std::in_place_index<1>, std::move(failure)) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const KeychainFailure &failure() const {
        if (ok())
            qFatal("KeychainResult::failure() called on a success");
        return std::get<1>(m_state);
    }
    [[nodiscard]] KeychainError error() const { return failure().error; }
    [[nodiscard]] T &value() & { return checked(); }
    [[nodiscard]] T &&value() && { return std::move(checked()); }
    T *operator->() { return &checked(); }
    T &operator*() & { return checked(); }

private:
    T &checked() {
        if (!ok())
            qFatal("KeychainResult::value() called on a failure");
        return std::get<0>(m_state);
    }

    std::variant<T, KeychainFailure> m_state;
};

//! Success or a KeychainFailure.
template <> class [[nodiscard]] KeychainResult<void> final {
public:
    KeychainResult() = default;
    KeychainResult(KeychainFailure failure) // NOLINT(google-explicit-constructor)
        : m_failure(std::move(failure))
        , m_failed(true) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const KeychainFailure &failure() const {
        if (!m_failed)
            qFatal("KeychainResult::failure() called on a success");
        return m_failure;
    }
    [[nodiscard]] KeychainError error() const { return failure().error; }

private:
    KeychainFailure m_failure;
    bool m_failed = false;
};

using KeychainStatus = KeychainResult<void>;

QDebug operator<<(QDebug debug, KeychainError error);

} // namespace hearth::app
