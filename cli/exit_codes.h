// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace hearth::cli {

//! hearth-cli's exit codes (docs/cli.md has the table).
enum ExitCode : int {
    kOk = 0,
    kUsage = 1,           //!< unknown command, missing or bad argument
    kProfile = 2,         //!< no profile (or one already exists), no account, damaged file
    kWrongPassphrase = 3, //!< the passphrase does not open the profile
    kUnreachable = 4,     //!< the relay cannot be reached (or did not answer in time)
    kRefused = 5,         //!< the relay refused the request (error code on stderr)
    kFailed = 6,          //!< anything else (store, crypto)
};

} // namespace hearth::cli
