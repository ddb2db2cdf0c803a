// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/search/search_syntax.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

std::optional<QDate> dateOf(const QString &value, const QDate &today) {
    if (value.compare(u"today"_s, Qt::CaseInsensitive) == 0)
        return today;
    if (value.compare(u"yesterday"_s, Qt::CaseInsensitive) == 0)
        return today.addDays(-1);
    const QDate date = QDate::fromString(value, Qt::ISODate);
    return date.isValid() ? std::optional(date) : std::nullopt;
}

qint64 startOf(const QDate &day) {
    return day.startOfDay().toMSecsSinceEpoch();
}

} // namespace

SearchSyntax SearchSyntax::parse(const QString &text, const QString &self, const QDate &today) {
    // An operator: a known key, a colon, then a quoted value or one without spaces. It starts
    // the text or follows white space (so "http://x" or "a:b" in a word are not operators).
    static const QRegularExpression kOperator(
        uR"re((?:^|(?<=\s))(from|in|before|after|on|has|mentions|is):(?:"([^"]*)"?|(\S*)))re"_s,
        QRegularExpression::CaseInsensitiveOption);
    SearchSyntax syntax;
    QString words;
    qsizetype at = 0;
    for (auto it = kOperator.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        words += text.mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        SearchOperator op{m.captured(1).toLower(),
                          m.captured(2).isNull() ? m.captured(3) : m.captured(2), m.capturedStart(),
                          m.capturedLength()};
        const QString value = op.value.trimmed();
        if (value.isEmpty())
            continue; // why: still being typed ("from:"): neither a word nor a filter yet
        const auto refuse = [&](const QString &why) {
            op.understood = false;
            if (syntax.problem.isEmpty())
                syntax.problem = op.key + u':' + op.value + u": "_s + why;
        };
        if (op.key == u"from") {
            syntax.from = value.compare(u"me"_s, Qt::CaseInsensitive) == 0 ? self : value;
        } else if (op.key == u"in") {
            if (value.compare(u"thread"_s, Qt::CaseInsensitive) == 0)
                syntax.inThread = true;
            else
                syntax.in = value;
        } else if (op.key == u"mentions") {
            syntax.mentions = value.compare(u"me"_s, Qt::CaseInsensitive) == 0 ? self : value;
        } else if (op.key == u"has") {
            if (value.compare(u"link"_s, Qt::CaseInsensitive) == 0)
                syntax.hasLink = true;
            else if (value == u"file" || value == u"image")
                refuse(u"messages carry no files yet"_s);
            else
                refuse(u"use has:link"_s);
        } else if (op.key == u"is") {
            refuse(value == u"pinned" ? u"messages cannot be pinned yet"_s : u"unknown"_s);
        } else { // before, after, on
            const std::optional<QDate> date = dateOf(value, today);
            if (!date)
                refuse(u"write a date as YYYY-MM-DD"_s);
            else
                (op.key == u"before"  ? syntax.before
                 : op.key == u"after" ? syntax.after
                                      : syntax.on) = date;
        }
        syntax.operators.append(op);
    }
    words += text.mid(at);
    syntax.words = words.simplified();
    return syntax;
}

QString SearchSyntax::without(const QString &text, const SearchOperator &op) {
    QString rest = text;
    rest.remove(op.start, op.length);
    return rest.simplified() + (rest.simplified().isEmpty() ? QString() : u" "_s);
}

std::optional<qint64> SearchSyntax::fromMs() const {
    std::optional<qint64> first;
    if (after)
        first = startOf(after->addDays(1));
    if (on)
        first = std::max(first.value_or(0), startOf(*on));
    return first;
}

std::optional<qint64> SearchSyntax::toMs() const {
    std::optional<qint64> last;
    if (before)
        last = startOf(*before) - 1;
    if (on) {
        const qint64 end = startOf(on->addDays(1)) - 1;
        last = last ? std::min(*last, end) : end;
    }
    return last;
}

} // namespace hearth::app
