// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"

#include "cli/exit_codes.h"

#include <QTextStream>
#include <functional>

namespace hearth::cli {

using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kOptions{u"--profile"_s,  u"--relay"_s, u"--timeout"_s, u"--title"_s,
                           u"--kdf-cost"_s, u"--name"_s,  u"--code"_s,    u"--format"_s,
                           u"--from"_s,     u"--to"_s,    u"--output"_s};
} // namespace

std::optional<QString> parseCommandLine(const QStringList &arguments, CommandLine &out) {
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &word = arguments[i];
        if (kOptions.contains(word)) {
            if (i + 1 >= arguments.size())
                return u"option %1 needs a value"_s.arg(word);
            out.options.insert(word.mid(2), arguments[++i]);
        } else if (word.startsWith(u"--"_s) && word.size() > 2) {
            return u"unknown option %1"_s.arg(word);
        } else {
            out.words.append(word);
        }
    }
    return std::nullopt;
}

QString usage() {
    return u"usage: hearth-cli --profile DIR [--relay ws://HOST:PORT] [--timeout SECONDS] COMMAND\n"
           "       hearth-cli --help | --version\n"
           "commands:\n"
           "  init [--kdf-cost interactive|moderate|minimum]\n"
           "  register USER [--name DEVICE]      (password from $HEARTH_PASSWORD)\n"
           "  login USER [--name DEVICE]         (adds this device to the account)\n"
           "  devices | remove-device ID         (password from $HEARTH_PASSWORD)\n"
           "  approve ID --code CODE             (the code the new device shows)\n"
           "  convs | unread\n"
           "  create dm|group|channel [--title T] MEMBER...\n"
           "  add-member CONV USER | remove-member CONV USER | leave CONV\n"
           "  send CONV [TEXT]                   (stdin when TEXT is absent)\n"
           "  follow [CONV] | read CONV [SEQ]\n"
           "  export CONV [--format json|html] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
           "         [--output FILE]             (stdout without --output)\n"
           "  export-account [--output FILE]     (the whole account as one JSON archive)\n"
           "passphrase from $HEARTH_PASSPHRASE (or a prompt on a terminal)\n"_s;
}

int runCommand(const CommandLine &line) {
    static const QHash<QString, std::function<int(const CommandLine &)>> commands{
        {u"init"_s, command::init},
        {u"register"_s, command::registerAccount},
        {u"login"_s, command::login},
        {u"devices"_s, command::devices},
        {u"approve"_s, command::approveDevice},
        {u"approve-device"_s, command::approveDevice},
        {u"remove-device"_s, command::removeDevice},
        {u"convs"_s, command::convs},
        {u"create"_s, command::create},
        {u"add-member"_s, command::membership},
        {u"remove-member"_s, command::membership},
        {u"leave"_s, command::membership},
        {u"send"_s, command::send},
        {u"follow"_s, command::follow},
        {u"read"_s, command::read},
        {u"unread"_s, command::unread},
        {u"export"_s, command::exportConversation},
        {u"export-account"_s, command::exportAccount},
    };
    if (line.words.isEmpty() || !commands.contains(line.words.first()) ||
        !line.options.contains(u"profile"_s)) {
        QTextStream(stderr) << usage();
        return kUsage;
    }
    return commands.value(line.words.first())(line);
}

} // namespace hearth::cli
