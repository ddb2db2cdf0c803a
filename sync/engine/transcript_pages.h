// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sync/store/event.h"
#include "sync/store/timeline.h"

#include <QDate>
#include <QString>
#include <QTimeZone>
#include <atomic>
#include <functional>
#include <optional>

namespace hearth::store {
class Store;
}

namespace hearth::engine {

enum class ExportErrorCode : quint8 {
    NotFound,  //!< no such conversation, or no account, in this profile
    Store,     //!< the local store could not be read
    Io,        //!< the output could not be written
    Cancelled, //!< ExportControl::cancel was set
};

//! Why an export stopped. The message names no user data (it may be logged).
struct ExportError final {
    ExportErrorCode code = ExportErrorCode::Store;
    QString message;
};

using ExportStatus = Result<void, ExportError>;

//! How a caller follows and stops an export. Both are looked at between pages only, on the
//! exporting thread.
struct ExportControl final {
    //! Events written so far and the total expected (counted at the start; an estimate when
    //! events arrive meanwhile). Called after each page; the last call has written == total.
    std::function<void(qint64 written, qint64 total)> progress;
    //! Set it (from any thread) to stop: the export returns Cancelled.
    const std::atomic<bool> *cancel = nullptr;
    //! Events read per page: the most an export holds in memory at once.
    int pageSize = 500;
};

//! An inclusive range of relay time (ms since the epoch); an absent end is open.
struct TimeRange final {
    std::optional<qint64> fromTs;
    std::optional<qint64> toTs;
};

//! The range from the start of day `from` to the end of day `to` (both in `zone`); an invalid
//! date leaves that end open. For `--from 2025-01-01 --to 2025-01-31` and the app's date fields.
[[nodiscard]] TimeRange dayRange(const QDate &from, const QDate &to, const QTimeZone &zone);

//! Counts what an export wrote and reports it through an ExportControl.
class ExportCounter final {
public:
    explicit ExportCounter(const ExportControl &control)
        : m_control(control) {}
    void expect(qint64 events) { m_total += events; }
    void add(qint64 events) { m_written += events; }
    [[nodiscard]] bool cancelled() const {
        return m_control.cancel && m_control.cancel->load(std::memory_order_relaxed);
    }
    //! Reports progress; at the end the total becomes what was written.
    void report(bool finished = false);
    [[nodiscard]] int pageSize() const { return m_control.pageSize > 0 ? m_control.pageSize : 500; }

private:
    const ExportControl &m_control;
    qint64 m_written = 0;
    qint64 m_total = 0;
};

//! The events of `conversation` in `range`: how many (what streamTimeline() will hand over,
//! unless events arrive meanwhile) and the seqs they lie between.
[[nodiscard]] Result<store::TimelineSpan, ExportError>
timelineSpan(store::Store &store, ConversationId conversation, const TimeRange &range);

//! Hands `sink` every timeline event of `conversation` in `range` (whose span timelineSpan()
//! gave), in seq order, reading Timeline::after() one page at a time (never the whole history
//! in memory). Counts each event in `counter` and reports progress after each page; checks for
//! cancellation between pages. A failure `sink` returns (its output failed) stops the export
//! with it.
[[nodiscard]] ExportStatus
streamTimeline(store::Store &store, ConversationId conversation, const TimeRange &range,
               const store::TimelineSpan &span, ExportCounter &counter,
               const std::function<ExportStatus(const store::TimelineEvent &)> &sink);

[[nodiscard]] ExportError storeExportError(const QString &message);
[[nodiscard]] ExportError writeExportError(const QString &deviceError);

} // namespace hearth::engine
