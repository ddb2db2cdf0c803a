// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/types.h"

#include <QList>
#include <QString>
#include <functional>
#include <optional>
#include <utility>

namespace hearth::store {

enum class SearchOrder {
    Newest, //!< newest first (relay time): walks the index, fast even for common words
    //! Best BM25 score first, among the newest SearchQuery::rankWindow hits (FTS4 has no rank
    //! index: scoring every hit of a very common word would read all of them).
    Relevance,
};

//! A full-text query over decrypted message text, with optional filters. With no words, the
//! filters alone list matching messages (newest first); with neither, nothing is found.
struct SearchQuery final {
    explicit SearchQuery(QString words = {})
        : text(std::move(words)) {}

    //! Words as a person types them: every word must occur (in any order); "quoted words" must
    //! occur together, in that order. FTS operators are taken literally.
    QString text;
    //! The last word also matches as a prefix ("hel" → hello), for search as you type, once it
    //! has kMinPrefix letters: a shorter prefix names so many words that their hits cannot be
    //! read newest first, only all at once (half a second at a million messages).
    bool prefixLastWord = false;
    std::optional<ConversationId> conversation;
    std::optional<UserId> sender;
    std::optional<qint64> fromTs; //!< relay time, inclusive
    std::optional<qint64> toTs;   //!< relay time, inclusive
    //! Only messages with an http:// or https:// link in their text.
    bool hasLink = false;
    //! Only replies inside a thread.
    bool inThread = false;
    //! Only messages that mention this member as "@name" in their text.
    std::optional<UserId> mentions;
    int limit = 50;
    SearchOrder order = SearchOrder::Newest;
    //! Relevance only: how many of the newest hits are scored (0: all of them).
    int rankWindow = 2000;
    //! Put around each matched word in SearchHit::snippet; the snippet is plain text otherwise,
    //! so a UI that renders markup must escape it first.
    QString markStart = QStringLiteral("\u0002");
    QString markEnd = QStringLiteral("\u0003");
    //! Polled while the query runs: true stops it with StoreError::Cancelled (a newer query
    //! replaced this one). Unset: the query runs to the end.
    std::function<bool()> cancelled;

    //! True when some filter narrows the messages (words aside).
    [[nodiscard]] bool hasFilter() const {
        return conversation || sender || fromTs || toTs || hasLink || inThread || mentions;
    }
};

struct SearchHit final {
    ConversationId conversation;
    quint64 seq = 0;
    UserId sender;
    qint64 ts = 0;
    QString snippet;        //!< a few words around the match, marks around the matched words
    quint64 threadRoot = 0; //!< the root's seq for a reply inside a thread, else 0
};

//! Full-text search (FTS4, unicode61 tokenizer without diacritics) over the current text of
//! messages: edits are searchable at once, deleted messages vanish from results.
class Search final {
public:
    //! Letters a last word needs before it matches as a prefix (SearchQuery::prefixLastWord).
    static constexpr int kMinPrefix = 3;

    explicit Search(Database &db)
        : m_db(db) {}

    //! Hits in the order asked (filters alone: newest first). A query with neither words nor
    //! filters finds nothing.
    [[nodiscard]] StoreResult<QList<SearchHit>> search(const SearchQuery &query);

    //! The FTS4 MATCH expression for `text` (exposed for tests): each word and each "quoted
    //! phrase" quoted, the last one with a * when `prefixLastWord` and it is long enough.
    [[nodiscard]] static QString matchExpression(const QString &text, bool prefixLastWord);

private:
    [[nodiscard]] StoreResult<QList<SearchHit>> byWords(const SearchQuery &query,
                                                        const QString &match);
    [[nodiscard]] StoreResult<QList<SearchHit>> byFilters(const SearchQuery &query);

    Database &m_db;
};

} // namespace hearth::store
