// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/transcript_writer.h"

#include <QDate>
#include <QLocale>

namespace hearth::engine {

//! The transcript as one self-contained HTML page, readable offline: inline CSS (light and dark
//! through prefers-color-scheme), no scripts, no external resources. Each message shows its
//! sender, time (human, and ISO 8601 in `datetime`/`title`), text (escaped, newlines kept,
//! markdown not rendered), edited/deleted markers, reactions and a verification mark; membership
//! changes are lines of their own; a heading starts each day (in the header's time zone).
class HtmlTranscriptWriter final : public TranscriptWriter {
public:
    explicit HtmlTranscriptWriter(QIODevice &out)
        : m_out(out) {}

    [[nodiscard]] bool begin(const TranscriptHeader &header) override;
    [[nodiscard]] bool write(const store::TimelineEvent &event) override;
    [[nodiscard]] bool finish() override;

private:
    [[nodiscard]] bool put(const QString &html);
    [[nodiscard]] QDateTime local(qint64 ts) const;
    [[nodiscard]] QString timeHtml(qint64 ts) const;
    [[nodiscard]] QString messageHtml(const store::TimelineEvent &event) const;
    [[nodiscard]] QString membershipHtml(const store::TimelineEvent &event) const;

    QIODevice &m_out;
    TranscriptHeader m_header;
    QLocale m_locale{QLocale::English, QLocale::UnitedKingdom};
    QDate m_day; //!< the day of the last event written
    qint64 m_messages = 0;
};

} // namespace hearth::engine
