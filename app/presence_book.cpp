// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/presence_book.h"

#include "app/time_text.h"

using namespace Qt::StringLiterals;

namespace hearth::app {

QString PresenceBook::describe(const QString &user) const {
    const Entry e = entry(user);
    if (e.status != u"offline"_s)
        return e.status;
    if (e.lastSeenMs <= 0)
        return u"offline"_s;
    return u"last seen "_s + relativeTimeText(QDateTime::fromMSecsSinceEpoch(e.lastSeenMs),
                                              QDateTime::currentDateTime());
}

void PresenceBook::update(const QString &user, const QString &status, qint64 lastSeenMs) {
    Entry next{status, lastSeenMs > 0 ? lastSeenMs : m_entries.value(user).lastSeenMs};
    auto it = m_entries.find(user);
    if (it != m_entries.end() && it->status == next.status && it->lastSeenMs == next.lastSeenMs)
        return;
    m_entries.insert(user, next);
    Q_EMIT changed(user);
}

} // namespace hearth::app
