// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-cli: a headless Hearth client for scripts, bots and self-hosters (docs/cli.md).
#include "cli/commands.h"
#include "cli/exit_codes.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearth-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    hearth::cli::CommandLine commandLine;
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.contains(QStringLiteral("--help"))) {
        QTextStream(stdout) << hearth::cli::usage();
        return hearth::cli::kOk;
    }
    if (arguments.contains(QStringLiteral("--version"))) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' '
                            << QCoreApplication::applicationVersion() << Qt::endl;
        return hearth::cli::kOk;
    }
    if (auto error = hearth::cli::parseCommandLine(arguments, commandLine)) {
        QTextStream(stderr) << *error << Qt::endl << hearth::cli::usage();
        return hearth::cli::kUsage;
    }
    return hearth::cli::runCommand(commandLine);
}
