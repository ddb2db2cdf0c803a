// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/search.h"

#include "sync/store/details/event_ids.h"

#include <limits>
#include <sqlcipher/sqlite3.h>

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

namespace {

//! Polls SearchQuery::cancelled every few thousand SQLite VM steps while it is in scope; a
//! true answer makes the running statement fail with SQLITE_INTERRUPT.
class InterruptWhen final {
public:
    InterruptWhen(sqlite3 *db, const std::function<bool()> &stop)
        : m_db(stop ? db : nullptr)
        , m_stop(stop) {
        if (m_db)
            sqlite3_progress_handler(m_db, 1000, &InterruptWhen::poll, this);
    }
    ~InterruptWhen() {
        if (m_db)
            sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
    }
    InterruptWhen(const InterruptWhen &) = delete;
    InterruptWhen &operator=(const InterruptWhen &) = delete;

private:
    static int poll(void *self) { return static_cast<InterruptWhen *>(self)->m_stop() ? 1 : 0; }

    sqlite3 *m_db;
    const std::function<bool()> &m_stop;
};

//! Whether `text` holds a script written without spaces between words (Han, Hiragana,
//! Katakana, Hangul, Thai…): unicode61 makes one token of a whole run of it.
bool unspaced(const QString &text) {
    for (const QChar c : text) {
        const auto script = c.script();
        if (script == QChar::Script_Han || script == QChar::Script_Hiragana ||
            script == QChar::Script_Katakana || script == QChar::Script_Hangul ||
            script == QChar::Script_Thai || script == QChar::Script_Lao ||
            script == QChar::Script_Khmer || script == QChar::Script_Myanmar)
            return true;
    }
    return false;
}

//! The filters both query shapes share, on `e` (the events row), besides the id range ?2–?3
//! each puts on its own id column. Parameters: ?4–?5 the time range, ?6 conversation, ?9
//! sender, ?12 has a link, ?13 in a thread, ?14 the mention pattern.
constexpr std::string_view kFilters =
    " AND e.ts BETWEEN ?4 AND ?5 AND (?6 IS NULL OR e.conv_id = ?6)"
    " AND (?9 IS NULL OR e.sender = ?9)"
    " AND (?12 = 0 OR e.body LIKE '%http://%' OR e.body LIKE '%https://%')"
    " AND (?13 = 0 OR e.thread_seq IS NOT NULL OR e.thread_cmid IS NOT NULL)"
    " AND (?14 IS NULL OR e.body LIKE ?14 ESCAPE '\\')";

void bindFilters(Statement &statement, const SearchQuery &query) {
    const qint64 from = query.fromTs.value_or(0);
    const qint64 to = query.toTs.value_or(std::numeric_limits<qint64>::max() >> 1);
    statement.bindInt(2, details::eventIdsAt(from).first);
    statement.bindInt(3, details::eventIdsAt(to).last);
    statement.bindInt(4, from).bindInt(5, to);
    statement.bindOptInt(6, query.conversation ? std::optional(query.conversation->value)
                                               : std::nullopt);
    statement.bindOptText(9, query.sender ? std::optional(query.sender->name) : std::nullopt);
    statement.bindInt(10, query.limit);
    statement.bindInt(12, query.hasLink ? 1 : 0).bindInt(13, query.inThread ? 1 : 0);
    std::optional<QString> mention;
    if (query.mentions) {
        QString name = query.mentions->name;
        name.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        mention = u"%@"_s + name + u'%';
    }
    statement.bindOptText(14, mention);
}

SearchHit hitOf(const Statement &row) {
    return SearchHit{ConversationId{row.uint64(0)},
                     row.uint64(1),
                     UserId{row.text(2)},
                     row.int64(3),
                     row.text(4),
                     row.optUint64(5).value_or(0)};
}

} // namespace

QString Search::matchExpression(const QString &text, bool prefixLastWord) {
    // Words split at white space; a double quote opens a phrase up to the next one (or the
    // end). Every term is quoted, so FTS operators in the text are plain words.
    QStringList terms;
    bool lastIsWord = false;
    QString current;
    bool inPhrase = false;
    const auto flush = [&](bool word) {
        const QString term = current.simplified();
        current.clear();
        if (term.isEmpty())
            return;
        // why: a word of an unspaced script is the start of a longer token (see unspaced()), so
        // it matches as a prefix: "東京" finds "東京タワー".
        terms.push_back(u'"' + term + (word && unspaced(term) ? u"*\""_s : u"\""_s));
        lastIsWord = word;
    };
    for (const QChar c : text) {
        if (c == u'"') {
            flush(!inPhrase);
            inPhrase = !inPhrase;
        } else if (c.isSpace() && !inPhrase) {
            flush(true);
        } else {
            current.append(c);
        }
    }
    flush(!inPhrase);
    if (prefixLastWord && lastIsWord && !terms.isEmpty() && !terms.back().endsWith(u"*\""_s) &&
        terms.back().size() - 2 >= kMinPrefix)
        terms.back().insert(terms.back().size() - 1, u'*');
    return terms.join(u' ');
}

StoreResult<QList<SearchHit>> Search::search(const SearchQuery &query) {
    if (query.limit <= 0)
        return QList<SearchHit>();
    QString match = matchExpression(query.text, query.prefixLastWord);
    // why: a filter the index can serve narrows the doclists read; the LIKE terms of kFilters
    // keep it exact ("http" alone is a word, "@ann" is more than the word "ann").
    if (query.hasLink)
        match += u" http*"_s;
    if (query.mentions)
        match += u' ' + matchExpression(u'"' + query.mentions->name + u'"', false);
    match = match.trimmed();
    InterruptWhen interrupt(m_db.handle(), query.cancelled);
    if (!match.isEmpty())
        return byWords(query, match);
    if (query.hasFilter())
        return byFilters(query);
    return QList<SearchHit>();
}

StoreResult<QList<SearchHit>> Search::byWords(const SearchQuery &query, const QString &match) {
    // why: docids are time-ordered (event_ids.h), so newest first needs no sort of the hits, and
    // the docid range makes date filters cheap (the ts terms keep them exact). Relevance ranks
    // a window of the newest hits (all of them when rankWindow is 0, which LIMIT -1 means).
    // matchinfo's 'x' counts hits over all rows: only the ranked query may ask for it, or the
    // newest-first one would read every doclist in full.
    const auto newest = [](std::string_view score) {
        return "SELECT e.conv_id, e.seq, e.sender, e.ts, "
               "snippet(events_fts, ?7, ?8, '…', -1, 12) AS snip, e.thread_seq" +
               std::string(score) +
               " FROM events_fts JOIN events e ON e.id = events_fts.docid "
               "WHERE events_fts MATCH ?1 AND events_fts.docid BETWEEN ?2 AND ?3" +
               std::string(kFilters) + " ORDER BY events_fts.docid DESC LIMIT ";
    };
    const std::string sql =
        query.order == SearchOrder::Newest
            ? newest({}) + "?10"
            : "SELECT conv_id, seq, sender, ts, snip, thread_seq FROM (" +
                  newest(", hearth_rank(matchinfo(events_fts, 'pcnalx')) AS score") +
                  "?11) ORDER BY score DESC LIMIT ?10";
    auto statement = m_db.prepare(sql);
    statement->bindText(1, match);
    statement->bindText(7, query.markStart).bindText(8, query.markEnd);
    bindFilters(*statement, query);
    if (query.order == SearchOrder::Relevance)
        statement->bindInt(11, query.rankWindow > 0 ? query.rankWindow : -1);
    return collectRows<SearchHit>(*statement, hitOf);
}

StoreResult<QList<SearchHit>> Search::byFilters(const SearchQuery &query) {
    // why: with no words there is nothing to rank: the newest matching messages, walking the
    // time-ordered ids down. The "snippet" is the start of the text, unmarked.
    const std::string sql =
        "SELECT e.conv_id, e.seq, e.sender, e.ts, substr(e.body, 1, 160), e.thread_seq "
        "FROM events e WHERE e.body IS NOT NULL AND e.deleted = 0 AND e.id BETWEEN ?2 AND ?3" +
        std::string(kFilters) + " ORDER BY e.id DESC LIMIT ?10";
    auto statement = m_db.prepare(sql);
    bindFilters(*statement, query);
    return collectRows<SearchHit>(*statement, hitOf);
}

} // namespace hearth::store
