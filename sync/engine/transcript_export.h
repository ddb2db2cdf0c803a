// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/transcript_pages.h"

#include <QIODevice>
#include <QString>
#include <QTimeZone>
#include <functional>
#include <optional>

namespace hearth::store {
class Store;
}

namespace hearth::engine {

enum class TranscriptFormat : quint8 {
    Json, //!< the documented JSON (docs/cli.md, "Export format")
    Html, //!< a self-contained page to read or print (docs/cli.md, "HTML transcript")
};

//! "json" or "html" (any case) as a format.
[[nodiscard]] std::optional<TranscriptFormat> transcriptFormatFromName(const QString &name);

struct TranscriptOptions final {
    TranscriptFormat format = TranscriptFormat::Json;
    TimeRange range;       //!< relay time, inclusive; absent ends are open
    qint64 exportedTs = 0; //!< 0: now
    //! Where the HTML's days and times are (the JSON has only UTC ms).
    QTimeZone timeZone = QTimeZone::systemTimeZone();
};

//! Writes the transcript of `conversation` to `out` in `options.format`, streaming: pages of
//! Timeline::after() are written as they are read, so memory stays bounded by one page
//! whatever the history's length. Reads only: run it on a reader connection
//! (Access::ReadOnly), off the UI thread. NotFound for an unknown conversation or a profile
//! without an account; Cancelled when `control.cancel` was set (what was written stays in
//! `out`: see writeExportFile()).
[[nodiscard]] ExportStatus exportTranscript(store::Store &store, ConversationId conversation,
                                            const TranscriptOptions &options, QIODevice &out,
                                            const ExportControl &control = {});

//! Runs `write(device)` into the file `path` through a QSaveFile: the file appears (or replaces
//! an older one) only once `write` succeeded, so a failed or cancelled export leaves no partial
//! file behind (and an existing file untouched).
[[nodiscard]] ExportStatus writeExportFile(const QString &path,
                                           const std::function<ExportStatus(QIODevice &)> &write);

} // namespace hearth::engine
