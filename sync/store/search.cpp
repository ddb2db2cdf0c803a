// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/search.h"

#include "sync/store/details/event_ids.h"

#include <QRegularExpression>
#include <limits>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

QString Search::matchExpression(const QString &text, bool prefixLastWord) {
    static const QRegularExpression kSpace(u"\\s+"_s);
    QStringList terms;
    for (QString word : text.split(kSpace, Qt::SkipEmptyParts)) {
        word.remove(u'"');
        if (!word.isEmpty())
            terms.push_back(u'"' + word + u'"');
    }
    if (prefixLastWord && !terms.isEmpty())
        terms.back().insert(terms.back().size() - 1, u'*');
    return terms.join(u' ');
}

StoreResult<QList<SearchHit>> Search::search(const SearchQuery &query) {
    const QString match = matchExpression(query.text, query.prefixLastWord);
    if (match.isEmpty() || query.limit <= 0)
        return QList<SearchHit>();
    // why: docids are time-ordered (event_ids.h), so newest first needs no sort of the hits, and
    // the docid range makes date filters cheap (the ts terms keep them exact). Relevance ranks
    // a window of the newest hits (all of them when rankWindow is 0, which LIMIT -1 means).
    // matchinfo's 'x' counts hits over all rows: only the ranked query may ask for it, or the
    // newest-first one would read every doclist in full.
    const auto newest = [](std::string_view score) {
        return "SELECT e.conv_id, e.seq, e.sender, e.ts, "
               "snippet(events_fts, ?7, ?8, '…', -1, 12) AS snip" +
               std::string(score) +
               " FROM events_fts JOIN events e ON e.id = events_fts.docid "
               "WHERE events_fts MATCH ?1 AND events_fts.docid BETWEEN ?2 AND ?3 "
               "AND e.ts BETWEEN ?4 AND ?5 AND (?6 IS NULL OR e.conv_id = ?6) "
               "AND (?9 IS NULL OR e.sender = ?9) ORDER BY events_fts.docid DESC LIMIT ";
    };
    const std::string sql =
        query.order == SearchOrder::Newest
            ? newest({}) + "?10"
            : "SELECT conv_id, seq, sender, ts, snip FROM (" +
                  newest(", hearth_rank(matchinfo(events_fts, 'pcnalx')) AS score") +
                  "?11) ORDER BY score DESC LIMIT ?10";
    const qint64 from = query.fromTs.value_or(0);
    const qint64 to = query.toTs.value_or(std::numeric_limits<qint64>::max() >> 1);
    auto statement = m_db.prepare(sql);
    statement->bindText(1, match);
    statement->bindInt(2, details::eventIdsAt(from).first);
    statement->bindInt(3, details::eventIdsAt(to).last);
    statement->bindInt(4, from).bindInt(5, to);
    statement->bindOptInt(6, query.conversation ? std::optional(query.conversation->value)
                                                : std::nullopt);
    statement->bindText(7, query.markStart).bindText(8, query.markEnd);
    statement->bindOptText(9, query.sender ? std::optional(query.sender->name) : std::nullopt);
    statement->bindInt(10, query.limit);
    if (query.order == SearchOrder::Relevance)
        statement->bindInt(11, query.rankWindow > 0 ? query.rankWindow : -1);
    return collectRows<SearchHit>(*statement, [](const Statement &row) {
        return SearchHit{ConversationId{row.uint64(0)}, row.uint64(1), UserId{row.text(2)},
                         row.int64(3), row.text(4)};
    });
}

} // namespace hearth::store
