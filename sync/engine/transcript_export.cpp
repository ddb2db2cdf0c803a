// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/transcript_export.h"

#include "sync/engine/transcript_html_writer.h"
#include "sync/engine/transcript_json_writer.h"
#include "sync/store/store.h"

#include <QDateTime>
#include <QSaveFile>
#include <memory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

std::optional<TranscriptFormat> transcriptFormatFromName(const QString &name) {
    if (name.compare(u"json"_s, Qt::CaseInsensitive) == 0)
        return TranscriptFormat::Json;
    if (name.compare(u"html"_s, Qt::CaseInsensitive) == 0)
        return TranscriptFormat::Html;
    return std::nullopt;
}

ExportStatus exportTranscript(store::Store &store, ConversationId conversation,
                              const TranscriptOptions &options, QIODevice &out,
                              const ExportControl &control) {
    auto account = store.account().account();
    if (!account)
        return storeExportError(account.error().message);
    if (!*account)
        return ExportError{ExportErrorCode::NotFound, u"this profile has no account yet"_s};
    auto found = store.conversations().conversation(conversation);
    if (!found)
        return storeExportError(found.error().message);
    if (!*found)
        return ExportError{ExportErrorCode::NotFound, u"no such conversation in this profile"_s};

    TranscriptHeader header{**found, DeviceAddress{(*account)->user, (*account)->device},
                            options.exportedTs ? options.exportedTs
                                               : QDateTime::currentMSecsSinceEpoch(),
                            options.range, options.timeZone};
    std::unique_ptr<TranscriptWriter> writer;
    if (options.format == TranscriptFormat::Html)
        writer = std::make_unique<HtmlTranscriptWriter>(out);
    else
        writer = std::make_unique<JsonTranscriptWriter>(out);

    ExportCounter counter(control);
    auto span = timelineSpan(store, conversation, options.range);
    if (!span)
        return span.error();
    counter.expect(span->count);
    if (!writer->begin(header))
        return writeExportError(out.errorString());
    auto streamed = streamTimeline(store, conversation, options.range, *span, counter,
                                   [&](const store::TimelineEvent &event) -> ExportStatus {
                                       if (!writer->write(event))
                                           return writeExportError(out.errorString());
                                       return {};
                                   });
    if (!streamed)
        return streamed;
    if (!writer->finish())
        return writeExportError(out.errorString());
    counter.report(true);
    return {};
}

ExportStatus writeExportFile(const QString &path,
                             const std::function<ExportStatus(QIODevice &)> &write) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeExportError(file.errorString());
    auto written = write(file);
    if (!written) {
        file.cancelWriting(); // why: the temporary file goes with `file`, the target stays as it
                              // was
        return written;
    }
    if (!file.commit())
        return writeExportError(file.errorString());
    return {};
}

} // namespace hearth::engine
