// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QDebug>
#include <QString>
#include <QtGlobal>

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
    KeychainError code = KeychainError::Failed;
    QString message;
};

//! Stable identifier for logs and tests, e.g. "Unavailable".
[[nodiscard]] const char *keychainErrorName(KeychainError error);

//! A value or the KeychainFailure explaining why there is none (see hearth::Result).
template <class T> using KeychainResult = Result<T, KeychainFailure>;
using KeychainStatus = KeychainResult<void>;

QDebug operator<<(QDebug debug, KeychainError error);

} // namespace hearth::app
