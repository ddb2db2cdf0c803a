// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/cli_session.h"
#include "cli/commands.h"

#include <QTextStream>
#include <optional>

namespace hearth::cli {

//! Prints the failure on stderr and returns its exit code.
inline int fail(const Failure &failure) {
    QTextStream(stderr) << "hearth-cli: " << failure.message << Qt::endl;
    return failure.code;
}

//! The session for the command line's --profile and --timeout (seconds, default 15). --relay
//! matters only to register and login; later commands use the relay stored in the profile.
inline CliSession sessionFor(const CommandLine &line) {
    const int seconds = line.options.value(QStringLiteral("timeout"), QStringLiteral("15")).toInt();
    return CliSession(line.options.value(QStringLiteral("profile")),
                      (seconds > 0 ? seconds : 15) * 1000);
}

//! CONV as a conversation id, or nullopt.
inline std::optional<hearth::ConversationId> conversationArg(const QString &word) {
    bool ok = false;
    const quint64 id = word.toULongLong(&ok);
    if (!ok || id == 0)
        return std::nullopt;
    return hearth::ConversationId{id};
}

} // namespace hearth::cli
