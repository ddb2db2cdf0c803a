// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/transcript_pages.h"

#include "sync/store/store.h"

#include <QDateTime>
#include <limits>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kEarliest = std::numeric_limits<qint64>::min();
constexpr qint64 kLatest = std::numeric_limits<qint64>::max();

bool inRange(const TimeRange &range, qint64 ts) {
    return ts >= range.fromTs.value_or(kEarliest) && ts <= range.toTs.value_or(kLatest);
}

} // namespace

TimeRange dayRange(const QDate &from, const QDate &to, const QTimeZone &zone) {
    TimeRange range;
    if (from.isValid())
        range.fromTs = QDateTime(from, QTime(0, 0), zone).toMSecsSinceEpoch();
    if (to.isValid())
        range.toTs = QDateTime(to.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch() - 1;
    return range;
}

void ExportCounter::report(bool finished) {
    if (finished)
        m_total = m_written;
    if (m_control.progress)
        m_control.progress(m_written, std::max(m_total, m_written));
}

ExportError storeExportError(const QString &message) {
    return {ExportErrorCode::Store, u"cannot read the local store: %1"_s.arg(message)};
}

ExportError writeExportError(const QString &deviceError) {
    return {ExportErrorCode::Io, u"cannot write the export: %1"_s.arg(deviceError)};
}

Result<store::TimelineSpan, ExportError>
timelineSpan(store::Store &store, ConversationId conversation, const TimeRange &range) {
    auto span = store.timeline().span(conversation, range.fromTs.value_or(kEarliest),
                                      range.toTs.value_or(kLatest));
    if (!span)
        return storeExportError(span.error().message);
    return *span;
}

ExportStatus streamTimeline(store::Store &store, ConversationId conversation,
                            const TimeRange &range, const store::TimelineSpan &span,
                            ExportCounter &counter,
                            const std::function<ExportStatus(const store::TimelineEvent &)> &sink) {
    if (span.count == 0)
        return {};
    // why: the seqs in range bound the pages, so a short range of a long history reads only
    // its part; relay time mostly rises with seq, and rows between them outside it are skipped.
    quint64 after = span.firstSeq - 1;
    while (after < span.lastSeq) {
        if (counter.cancelled())
            return ExportError{ExportErrorCode::Cancelled, u"export cancelled"_s};
        auto page = store.timeline().after(conversation, after, counter.pageSize());
        if (!page)
            return storeExportError(page.error().message);
        if (page->isEmpty())
            break;
        qint64 written = 0;
        for (const store::TimelineEvent &event : std::as_const(*page)) {
            if (event.seq > span.lastSeq)
                break;
            if (!inRange(range, event.ts))
                continue;
            if (auto sunk = sink(event); !sunk)
                return sunk;
            ++written;
        }
        after = page->back().seq;
        counter.add(written);
        counter.report();
    }
    return {};
}

} // namespace hearth::engine
