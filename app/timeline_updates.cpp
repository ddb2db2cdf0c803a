// SPDX-License-Identifier: GPL-3.0-or-later
// TimelineModel: applying the engine's changes to the rows they name (timeline_model.h).
#include "app/engine_host.h"
#include "app/timeline_model.h"

#include <algorithm>

namespace hearth::app {

void TimelineModel::apply(const engine::TimelineChange &change) {
    if (change.conversation != m_conversation.value)
        return;
    using Kind = engine::TimelineChange::Kind;
    switch (change.kind) {
    case Kind::Appended:
    case Kind::State:
        // why: at once, not after a pause (the local echo's latency); bursts still make one
        // read at a time (update() while one is in flight runs once more after it).
        update();
        break;
    case Kind::Edited:
    case Kind::Reacted:
    case Kind::Removed:
        rereadTargets(change.targets);
        break;
    case Kind::Decrypted: {
        QList<store::EventRef> refs;
        for (const quint64 seq : change.seqs)
            refs.append(store::EventRef::bySeq(seq));
        rereadTargets(refs);
        break;
    }
    case Kind::Receipt:
        applyReceipt(change.user, change.lastSeq);
        break;
    case Kind::ReadMarker:
        break; // why: the "new messages" divider stays where it was when the member opened it
    }
}

void TimelineModel::update() {
    if (!m_loadedFirst || m_updating) {
        m_updateAgain = true;
        return;
    }
    if (!m_showsLatest)
        return; // why: new events land past the rows shown; loadNewer() reaches them
    m_updating = true;
    const auto conversation = m_conversation;
    const MarkdownRenderer renderer = m_renderer;
    const quint64 after = lastSeq();
    m_host.read(
        this,
        [=](store::Store &store) {
            return loadUpdate(store, conversation, after, kMaxGap, kPageSize, renderer);
        },
        [this](const store::StoreResult<TimelineSlice> &slice) {
            m_updating = false;
            if (slice)
                applyUpdate(slice.value());
            else
                qWarning("timeline: %s", qUtf8Printable(slice.error().message));
            rereadStale();
            Q_EMIT loaded();
            if (std::exchange(m_updateAgain, false))
                update();
        });
}

void TimelineModel::applyUpdate(TimelineSlice slice) {
    if (slice.replaces)
        return replaceAll(std::move(slice));
    const int countBefore = count();
    // New stored events, then what is still pending, in place of the old pending rows: a
    // pending row and its stored event share their key, so the row changes in place.
    const quint64 known = lastSeq();
    QList<TimelineRow> tail;
    for (TimelineRow &row : slice.events) {
        if (row.event.seq > known)
            tail.append(std::move(row));
    }
    const auto newStored = tail.size();
    for (const TimelineRow &row : slice.pending) {
        const bool stored = std::any_of(tail.begin(), tail.begin() + newStored,
                                        [&](const TimelineRow &t) { return t.key() == row.key(); });
        if (!stored)
            tail.append(row);
    }
    for (qsizetype t = 0; t < tail.size(); ++t) {
        const qsizetype at = m_storedCount + t;
        qsizetype found = -1;
        for (qsizetype j = at; j < m_rows.size(); ++j) {
            if (m_rows.at(j).key() == tail.at(t).key()) {
                found = j;
                break;
            }
        }
        if (found > at) { // rows that left the outbox some other way (cancelled)
            beginRemoveRows({}, int(at), int(found - 1));
            m_rows.remove(at, found - at);
            endRemoveRows();
        }
        if (found >= 0) {
            if (!(m_rows.at(at) == tail.at(t))) {
                m_rows[at] = tail.at(t);
                Q_EMIT dataChanged(index(int(at)), index(int(at)));
            }
        } else {
            beginInsertRows({}, int(at), int(at));
            m_rows.insert(at, tail.at(t));
            endInsertRows();
            touchNeighbour(int(at + 1));
        }
    }
    const qsizetype end = m_storedCount + tail.size();
    if (end < m_rows.size()) {
        beginRemoveRows({}, int(end), int(m_rows.size() - 1));
        m_rows.resize(end);
        endRemoveRows();
    }
    m_storedCount += newStored;
    if (count() != countBefore)
        Q_EMIT countChanged();
}

void TimelineModel::applyReceipt(const QString &user, quint64 seq) {
    // why: receipts only rise (the engine max-merges them), so a late or repeated one is a no-op.
    const quint64 before = m_receipts.value(user, 0);
    if (seq <= before)
        return;
    m_receipts.insert(user, seq);
    // Only the rows in (before, seq] change their read-by count.
    const auto end = m_rows.cbegin() + m_storedCount;
    const auto bySeq = [](const TimelineRow &row, quint64 value) { return row.event.seq < value; };
    const auto first = std::lower_bound(m_rows.cbegin(), end, before + 1, bySeq);
    const auto last = std::lower_bound(first, end, seq + 1, bySeq);
    if (first != last)
        Q_EMIT dataChanged(index(int(first - m_rows.cbegin())),
                           index(int(last - m_rows.cbegin()) - 1), {StateRole, ReadByCountRole});
}

qsizetype TimelineModel::indexOfRef(const store::EventRef &ref) const {
    if (ref.seq)
        return indexOfSeq(*ref.seq);
    for (qsizetype i = m_storedCount - 1; i >= 0; --i) {
        const store::TimelineEvent &event = m_rows.at(i).event;
        if (event.cmid == ref.cmid && event.sender.user == ref.sender)
            return i;
    }
    return -1;
}

void TimelineModel::rereadTargets(const QList<store::EventRef> &refs) {
    m_unresolved += refs;
    rereadStale();
}

void TimelineModel::rereadStale() {
    // why: a load in flight may have read a target before its change was stored; once the load
    // is applied its row is found here and read again. A target no load brings is current
    // whenever it is loaded later.
    const bool loading = !m_loadedFirst || m_loadingOlder || m_updating;
    QList<store::EventRef> waiting;
    for (const store::EventRef &ref : std::exchange(m_unresolved, {})) {
        const qsizetype i = indexOfRef(ref);
        if (i >= 0 && !m_stale.contains(m_rows.at(i).event.seq))
            m_stale.append(m_rows.at(i).event.seq);
        else if (i < 0 && loading)
            waiting.append(ref);
    }
    m_unresolved = waiting;
    if (m_stale.isEmpty() || m_rereading)
        return;
    m_rereading = true;
    const auto conversation = m_conversation;
    const MarkdownRenderer renderer = m_renderer;
    const QList<quint64> seqs = std::exchange(m_stale, {});
    m_host.read(
        this, [=](store::Store &store) { return loadRows(store, conversation, seqs, renderer); },
        [this](const store::StoreResult<QList<TimelineRow>> &rows) {
            m_rereading = false;
            if (rows)
                replaceRows(rows.value());
            Q_EMIT loaded();
            rereadStale();
        });
}

void TimelineModel::replaceRows(const QList<TimelineRow> &rows) {
    for (const TimelineRow &row : rows) {
        const qsizetype i = indexOfSeq(row.event.seq);
        if (i >= 0 && !(m_rows.at(i) == row)) {
            m_rows[i] = row;
            Q_EMIT dataChanged(index(int(i)), index(int(i)));
        }
    }
}

} // namespace hearth::app
