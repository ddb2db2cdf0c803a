// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown/details/mention_matcher.h"

namespace hearth::app::details {

namespace {

bool isNameChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c.isMark();
}

} // namespace

QList<MentionMatcher::Match> MentionMatcher::find(QStringView text) const {
    QList<Match> matches;
    if (m_name.isEmpty())
        return matches;
    const qsizetype length = 1 + m_name.size();
    for (qsizetype at = text.indexOf(u'@'); at >= 0 && at + length <= text.size();
         at = text.indexOf(u'@', at + 1)) {
        if (at > 0 && (text[at - 1].isLetterOrNumber() || text[at - 1] == u'_'))
            continue;
        if (text.sliced(at + 1, m_name.size()).compare(m_name, Qt::CaseInsensitive) != 0)
            continue;
        const qsizetype end = at + length;
        if (end < text.size()) {
            const QChar next = text[end];
            if (isNameChar(next))
                continue;
            if (next == u'.' && end + 1 < text.size() && isNameChar(text[end + 1]))
                continue;
        }
        matches.push_back({at, length});
        at = end - 1;
    }
    return matches;
}

} // namespace hearth::app::details
