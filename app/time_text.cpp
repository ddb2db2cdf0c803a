// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/time_text.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace hearth::app {

QString relativeTimeText(const QDateTime &when, const QDateTime &now) {
    const QLocale locale;
    const QString time = locale.toString(when.time(), u"HH:mm"_s);
    const qint64 days = when.date().daysTo(now.date());
    if (days <= 0)
        return time;
    if (days == 1)
        return u"yesterday "_s + time;
    if (days < 7)
        return locale.dayName(when.date().dayOfWeek()) + u' ' + time;
    return dayText(when.date(), now.date());
}

QString dayText(const QDate &day, const QDate &today) {
    const qint64 days = day.daysTo(today);
    if (days == 0)
        return u"Today"_s;
    if (days == 1)
        return u"Yesterday"_s;
    const QLocale locale;
    if (days > 0 && days < 7)
        return locale.toString(day, u"dddd d MMMM"_s);
    if (day.year() == today.year())
        return locale.toString(day, u"d MMMM"_s);
    return locale.toString(day, u"d MMMM yyyy"_s);
}

} // namespace hearth::app
