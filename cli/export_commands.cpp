// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-cli: export (a conversation's transcript) and export-account (the whole account).
#include "cli/cli_session.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "sync/engine/account_export.h"
#include "sync/engine/transcript_export.h"
#include "sync/store/store.h"

#include <QFile>

namespace hearth::cli::command {

using namespace Qt::Literals::StringLiterals;

namespace {

Failure failureOf(const engine::ExportError &error) {
    return {error.code == engine::ExportErrorCode::NotFound ? kUsage : kFailed, error.message};
}

//! Runs `write` into --output FILE (complete or not at all), or onto stdout.
int writeOutput(const CommandLine &line,
                const std::function<engine::ExportStatus(QIODevice &)> &write) {
    engine::ExportStatus written;
    if (line.options.contains(u"output"_s)) {
        written = engine::writeExportFile(line.options.value(u"output"_s), write);
    } else {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return fail({kFailed, u"cannot write to stdout"_s});
        written = write(out);
    }
    if (!written)
        return fail(failureOf(written.error()));
    return kOk;
}

//! Opens the profile and syncs first when the relay answers: exports work offline, from the
//! local store.
std::optional<Failure> openForExport(CliSession &session) {
    if (auto failure = session.openOnline(); failure && failure->code != kUnreachable)
        return failure;
    return std::nullopt;
}

//! A YYYY-MM-DD option as a date: an invalid QDate when absent, nullopt when malformed.
std::optional<QDate> dateOption(const CommandLine &line, const QString &name) {
    if (!line.options.contains(name))
        return QDate();
    const QDate date = QDate::fromString(line.options.value(name), Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

} // namespace

int exportConversation(const CommandLine &line) {
    const QString usageText =
        u"usage: export CONV [--format json|html] [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
        "[--output FILE]"_s;
    const auto conversation = conversationArg(line.words.value(1));
    const auto format =
        engine::transcriptFormatFromName(line.options.value(u"format"_s, u"json"_s));
    const auto from = dateOption(line, u"from"_s);
    const auto to = dateOption(line, u"to"_s);
    if (!conversation || line.words.size() != 2 || !format || !from || !to)
        return fail({kUsage, usageText});
    if (from->isValid() && to->isValid() && *from > *to)
        return fail({kUsage, u"--from is after --to"_s});
    CliSession session = sessionFor(line);
    if (auto failure = openForExport(session))
        return fail(*failure);
    store::Store &store = session.engine().store();
    engine::TranscriptOptions options;
    options.format = *format;
    // why: days as the member sees them, in the local time zone (TZ=UTC for UTC days).
    options.range = engine::dayRange(*from, *to, options.timeZone);
    return writeOutput(line, [&](QIODevice &out) {
        return engine::exportTranscript(store, *conversation, options, out);
    });
}

int exportAccount(const CommandLine &line) {
    if (line.words.size() != 1)
        return fail({kUsage, u"usage: export-account [--output FILE]"_s});
    CliSession session = sessionFor(line);
    if (auto failure = openForExport(session))
        return fail(*failure);
    store::Store &store = session.engine().store();
    return writeOutput(line, [&](QIODevice &out) { return engine::exportAccount(store, out); });
}

} // namespace hearth::cli::command
