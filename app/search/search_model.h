// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/markdown/markdown_style.h"
#include "app/search/search_syntax.h"
#include "sync/store/search.h"

#include <QAbstractListModel>
#include <QQmlEngine>
#include <atomic>
#include <functional>
#include <memory>

namespace hearth::app {

class ConversationListModel;
class EngineHost;

//! Message search as the member types (docs/search.md): parses the field's words and operators
//! (SearchSyntax), runs the query on the engine host's search reader, never on the UI thread, and
//! lists the hits. A new query cancels the one running (StoreError::Cancelled), so at most one
//! runs and the hits shown are always those of the latest text. Searching everywhere groups
//! the hits by conversation (the conversation of the best hit first).
class SearchModel final : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by App")
    //! The text typed: words, "phrases" and operators.
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    //! The conversation searched (its id), or 0 for every conversation.
    Q_PROPERTY(int scope READ scope WRITE setScope NOTIFY scopeChanged)
    Q_PROPERTY(QString scopeTitle READ scopeTitle NOTIFY scopeChanged)
    //! Best matches first instead of newest first.
    Q_PROPERTY(bool relevance READ relevance WRITE setRelevance NOTIFY relevanceChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    //! A line for the member: why nothing was found, a query problem, or how many hits.
    Q_PROPERTY(QString statusText READ statusText NOTIFY resultsChanged)
    //! The query's operators as chips: {text, understood}; removeChip(i) drops one.
    Q_PROPERTY(QVariantList chips READ chips NOTIFY queryChanged)
    Q_PROPERTY(int count READ count NOTIFY resultsChanged)
    //! More hits exist than shown: loadMore() shows the next page.
    Q_PROPERTY(bool canLoadMore READ canLoadMore NOTIFY resultsChanged)

public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1, /**< int */
        ConversationTitleRole,                 /**< string: its title (a DM: the peer) */
        SeqRole,                               /**< int: the message's seq */
        ThreadRootRole,                        /**< int: the thread root's seq, 0 when none */
        SenderNameRole,                        /**< string */
        TimeRole,                              /**< date: relay time */
        SnippetRole,     /**< string: rich text, the matched words highlighted, the rest escaped */
        AvatarColorRole, /**< color of the sender */
        InitialsRole,    /**< string: the sender's initials */
        /** string: searching everywhere, the conversation's title on the first of its hits (a
            group heading); else "" */
        GroupTitleRole,
    };
    Q_ENUM(Role)

    //! Hits per page.
    static constexpr int kPageSize = 50;

    //! `style` gives the colours of the highlight (the theme's, when results arrive).
    SearchModel(EngineHost &host, const ConversationListModel &conversations,
                std::function<MarkdownStyle()> style, QObject *parent = nullptr);
    ~SearchModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString &query);
    [[nodiscard]] int scope() const { return int(m_scope); }
    void setScope(int conversationId);
    [[nodiscard]] QString scopeTitle() const;
    [[nodiscard]] bool relevance() const { return m_relevance; }
    void setRelevance(bool relevance);
    [[nodiscard]] bool busy() const { return m_running; }
    [[nodiscard]] QString statusText() const { return m_status; }
    [[nodiscard]] QVariantList chips() const;
    [[nodiscard]] int count() const { return int(m_hits.size()); }
    [[nodiscard]] bool canLoadMore() const { return m_more; }

    //! Drops the query's `index`th operator (a chip's close button).
    Q_INVOKABLE void removeChip(int index);
    //! Appends an operator ("has:link", "from:alice") to the query.
    Q_INVOKABLE void addFilter(const QString &op);
    //! {conversationId, seq} of the hit at `row` (Enter in the field); empty when none.
    Q_INVOKABLE QVariantMap hitAt(int row) const;
    //! Shows the next kPageSize hits as well.
    Q_INVOKABLE void loadMore();
    //! Empties the query and the results.
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void queryChanged();
    void scopeChanged();
    void relevanceChanged();
    void busyChanged();
    void resultsChanged();
    //! A query's hits were applied (tests wait on it).
    void finished();

private:
    //! What the member asked for, ready to run (or the reason it cannot).
    struct Request {
        store::SearchQuery query;
        QString problem;
        bool empty = true; //!< nothing to search for
    };
    [[nodiscard]] Request request() const;
    //! Runs the current query, or once more after the one in flight.
    void run();
    void apply(const store::StoreResult<QList<store::SearchHit>> &hits, int limit);
    void setStatus(const QString &status);
    void setRunning(bool running);
    [[nodiscard]] QString snippetHtml(const QString &snippet, const MarkdownStyle &style) const;

    EngineHost &m_host;
    const ConversationListModel &m_conversations;
    std::function<MarkdownStyle()> m_style;
    QString m_query;
    quint64 m_scope = 0;
    bool m_relevance = false;
    int m_limit = kPageSize;
    QList<store::SearchHit> m_hits;
    QStringList m_snippets; // m_hits' snippets as rich text
    QString m_status;
    bool m_more = false;
    bool m_running = false;
    bool m_again = false;
    //! Bumped by every change of what is asked: a running query whose number is behind stops.
    std::shared_ptr<std::atomic<quint64>> m_generation = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace hearth::app
