// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/keychain/keychain_result.h"

namespace hearth::app {

const char *keychainErrorName(KeychainError error) {
    switch (error) {
    case KeychainError::Unavailable:
        return "Unavailable";
    case KeychainError::NotFound:
        return "NotFound";
    case KeychainError::AccessDenied:
        return "AccessDenied";
    case KeychainError::TimedOut:
        return "TimedOut";
    case KeychainError::Invalid:
        return "Invalid";
    case KeychainError::Failed:
        return "Failed";
    }
    return "Failed";
}

QDebug operator<<(QDebug debug, KeychainError error) {
    QDebugStateSaver saver(debug);
    debug.noquote() << keychainErrorName(error);
    return debug;
}

} // namespace hearth::app
