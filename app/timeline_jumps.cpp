// SPDX-License-Identifier: GPL-3.0-or-later
// TimelineModel: jumping to a message or back to the newest, and paging forward after a jump
// (timeline_model.h).
#include "app/engine_host.h"
#include "app/timeline_model.h"

#include <algorithm>

namespace hearth::app {

void TimelineModel::showLatest() {
    if (m_showsLatest || m_updating)
        return;
    m_jumpTarget = 0;
    loadFirst();
}

void TimelineModel::jumpTo(qint64 seq) {
    if (seq <= 0)
        return;
    m_jumpTarget = quint64(seq);
    if (m_loadedFirst && !m_updating)
        continueJump(); // else once the load in flight is applied
}

void TimelineModel::continueJump() {
    if (m_jumpTarget == 0 || m_updating)
        return;
    const quint64 seq = std::exchange(m_jumpTarget, 0);
    const auto land = [this, seq] {
        m_highlight = seq;
        // The message's row, or the nearest if it is gone (deleted since the search).
        Q_EMIT jumped(int(std::min(rowAtOrAfter(seq), std::max<qsizetype>(m_storedCount - 1, 0))));
    };
    if (indexOfSeq(seq) >= 0)
        return land();
    m_updating = true;
    const auto conversation = m_conversation;
    const MarkdownRenderer renderer = m_renderer;
    m_host.read(
        this,
        [=](store::Store &store) {
            return loadAround(store, conversation, seq, 2 * kPageSize, renderer);
        },
        [this, land](const store::StoreResult<TimelineSlice> &slice) {
            m_updating = false;
            m_updateAgain = false; // why: the rows no longer end at lastSeq(); update() checks
            if (slice) {
                setShowsLatest(slice->reachedEnd); // first: the view's reset handler reads it
                replaceAll(slice.value());
                land();
            } else {
                qWarning("timeline: %s", qUtf8Printable(slice.error().message));
            }
            rereadStale();
            Q_EMIT loaded();
            if (m_showsLatest)
                update();
            continueJump();
        });
}

void TimelineModel::loadNewer() {
    if (m_showsLatest || m_loadingNewer || m_updating || !m_loadedFirst)
        return;
    m_loadingNewer = true;
    m_updating = true;
    Q_EMIT loadingNewerChanged();
    const auto conversation = m_conversation;
    const MarkdownRenderer renderer = m_renderer;
    const quint64 last = lastSeq();
    m_host.read(
        this,
        [=](store::Store &store) {
            return loadAfter(store, conversation, last, kPageSize, renderer);
        },
        [this](const store::StoreResult<TimelineSlice> &slice) {
            m_updating = false;
            if (slice) {
                append(slice.value());
            } else {
                qWarning("timeline: %s", qUtf8Printable(slice.error().message));
            }
            m_loadingNewer = false;
            Q_EMIT loadingNewerChanged();
            rereadStale();
            Q_EMIT loaded();
            if (m_showsLatest)
                update(); // what arrived since the page was read
            continueJump();
        });
}

void TimelineModel::append(TimelineSlice slice) {
    QList<TimelineRow> rows = slice.events + slice.pending;
    if (!rows.isEmpty()) {
        const auto first = int(m_rows.size());
        beginInsertRows({}, first, first + int(rows.size()) - 1);
        m_rows += rows;
        m_storedCount += slice.events.size();
        endInsertRows();
        touchNeighbour(first);
        Q_EMIT countChanged();
    }
    setShowsLatest(slice.reachedEnd);
}

void TimelineModel::setShowsLatest(bool shows) {
    if (shows == m_showsLatest)
        return;
    m_showsLatest = shows;
    Q_EMIT showsLatestChanged();
}

} // namespace hearth::app
