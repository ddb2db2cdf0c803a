// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace hearth::cli {

//! A parsed command line: options (--name value) and positional words, the command first.
struct CommandLine final {
    QHash<QString, QString> options;
    QStringList words;
};

//! Parses `arguments` (without the program name). Options take one value; a failure message
//! when one lacks it.
[[nodiscard]] std::optional<QString> parseCommandLine(const QStringList &arguments,
                                                      CommandLine &out);

//! Runs the command; returns the exit code (messages on stderr, results on stdout).
[[nodiscard]] int runCommand(const CommandLine &commandLine);

//! The usage text.
[[nodiscard]] QString usage();

} // namespace hearth::cli

namespace hearth::cli::command {

// One function per command; each returns its exit code. commands.cpp dispatches to them.
[[nodiscard]] int init(const CommandLine &line);
[[nodiscard]] int registerAccount(const CommandLine &line);
[[nodiscard]] int login(const CommandLine &line);
[[nodiscard]] int devices(const CommandLine &line);
[[nodiscard]] int approveDevice(const CommandLine &line);
[[nodiscard]] int removeDevice(const CommandLine &line);
[[nodiscard]] int convs(const CommandLine &line);
[[nodiscard]] int create(const CommandLine &line);
[[nodiscard]] int membership(const CommandLine &line);
[[nodiscard]] int send(const CommandLine &line);
[[nodiscard]] int follow(const CommandLine &line);
[[nodiscard]] int read(const CommandLine &line);
[[nodiscard]] int unread(const CommandLine &line);
[[nodiscard]] int exportConversation(const CommandLine &line);
[[nodiscard]] int exportAccount(const CommandLine &line);

} // namespace hearth::cli::command
