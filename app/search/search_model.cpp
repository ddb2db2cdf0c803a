// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/search/search_model.h"

#include "app/avatar_style.h"
#include "app/conversation_list_model.h"
#include "app/engine_host.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! Unlikely in text: they stand for the highlight's start and end until the text is escaped.
const QChar kMarkStart(0x2);
const QChar kMarkEnd(0x3);

//! `hits` grouped by conversation, each group where its first (best) hit was; stable.
QList<store::SearchHit> groupedByConversation(const QList<store::SearchHit> &hits) {
    QList<quint64> order;
    for (const store::SearchHit &hit : hits) {
        if (!order.contains(hit.conversation.value))
            order.append(hit.conversation.value);
    }
    QList<store::SearchHit> grouped;
    grouped.reserve(hits.size());
    for (const quint64 conversation : order) {
        for (const store::SearchHit &hit : hits) {
            if (hit.conversation.value == conversation)
                grouped.append(hit);
        }
    }
    return grouped;
}

} // namespace

SearchModel::SearchModel(EngineHost &host, const ConversationListModel &conversations,
                         std::function<MarkdownStyle()> style, QObject *parent)
    : QAbstractListModel(parent)
    , m_host(host)
    , m_conversations(conversations)
    , m_style(std::move(style)) {}

SearchModel::~SearchModel() {
    ++*m_generation; // a query still running stops
}

int SearchModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_hits.size());
}

QHash<int, QByteArray> SearchModel::roleNames() const {
    return {{ConversationIdRole, "conversationId"},
            {ConversationTitleRole, "conversationTitle"},
            {SeqRole, "seq"},
            {ThreadRootRole, "threadRoot"},
            {SenderNameRole, "senderName"},
            {TimeRole, "time"},
            {SnippetRole, "snippet"},
            {AvatarColorRole, "avatarColor"},
            {InitialsRole, "initials"},
            {GroupTitleRole, "groupTitle"}};
}

QVariant SearchModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::SearchHit &hit = m_hits.at(index.row());
    switch (role) {
    case ConversationIdRole:
        return int(hit.conversation.value);
    case ConversationTitleRole: {
        const auto row = m_conversations.find(hit.conversation.value);
        return row ? row->title : QString();
    }
    case SeqRole:
        return qint64(hit.seq);
    case ThreadRootRole:
        return qint64(hit.threadRoot);
    case Qt::DisplayRole:
    case SnippetRole:
        return m_snippets.at(index.row());
    case SenderNameRole:
        return hit.sender.name;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(hit.ts);
    case AvatarColorRole:
        return avatarColorOf(hit.sender.name);
    case InitialsRole:
        return initialsOf(hit.sender.name);
    case GroupTitleRole: {
        const int row = index.row();
        if (m_scope != 0 || (row > 0 && m_hits.at(row - 1).conversation == hit.conversation))
            return QString();
        return data(index, ConversationTitleRole);
    }
    default:
        return {};
    }
}

void SearchModel::setQuery(const QString &query) {
    if (query == m_query)
        return;
    m_query = query;
    m_limit = kPageSize;
    Q_EMIT queryChanged();
    run();
}

void SearchModel::setScope(int conversationId) {
    const auto scope = quint64(std::max(conversationId, 0));
    if (scope == m_scope)
        return;
    m_scope = scope;
    m_limit = kPageSize;
    Q_EMIT scopeChanged();
    run();
}

QString SearchModel::scopeTitle() const {
    if (m_scope == 0)
        return {};
    const auto row = m_conversations.find(m_scope);
    return row ? row->title : QString();
}

void SearchModel::setRelevance(bool relevance) {
    if (relevance == m_relevance)
        return;
    m_relevance = relevance;
    Q_EMIT relevanceChanged();
    run();
}

QVariantList SearchModel::chips() const {
    QVariantList chips;
    const SearchSyntax syntax =
        SearchSyntax::parse(m_query, m_host.userName(), QDate::currentDate());
    for (const SearchOperator &op : syntax.operators) {
        chips.append(
            QVariantMap{{u"text"_s, op.key + u':' + op.value}, {u"understood"_s, op.understood}});
    }
    return chips;
}

void SearchModel::removeChip(int index) {
    const SearchSyntax syntax =
        SearchSyntax::parse(m_query, m_host.userName(), QDate::currentDate());
    if (index >= 0 && index < syntax.operators.size())
        setQuery(SearchSyntax::without(m_query, syntax.operators.at(index)));
}

void SearchModel::addFilter(const QString &op) {
    QString query = m_query.trimmed();
    setQuery(query + (query.isEmpty() ? QString() : u" "_s) + op + u' ');
}

QVariantMap SearchModel::hitAt(int row) const {
    if (row < 0 || row >= m_hits.size())
        return {};
    return {{u"conversationId"_s, int(m_hits.at(row).conversation.value)},
            {u"seq"_s, qint64(m_hits.at(row).seq)}};
}

void SearchModel::loadMore() {
    if (!m_more)
        return;
    m_limit += kPageSize;
    run();
}

void SearchModel::clear() {
    setQuery({});
}

SearchModel::Request SearchModel::request() const {
    Request request;
    const SearchSyntax syntax =
        SearchSyntax::parse(m_query, m_host.userName(), QDate::currentDate());
    request.problem = syntax.problem;
    store::SearchQuery &query = request.query;
    query.text = syntax.words;
    // why: results as the member types: the word being typed is a prefix, unless a space or a
    // closing quote ended it.
    query.prefixLastWord = !m_query.endsWith(u' ') && !m_query.endsWith(u'"');
    if (m_scope != 0)
        query.conversation = hearth::ConversationId{m_scope};
    if (syntax.in) {
        const auto conversation = m_conversations.withTitle(*syntax.in);
        if (!conversation) {
            request.problem = u"in:"_s + *syntax.in + u": no conversation has that name"_s;
            return request;
        }
        query.conversation = hearth::ConversationId{*conversation};
    }
    if (syntax.from)
        query.sender = hearth::UserId{*syntax.from};
    if (syntax.mentions)
        query.mentions = hearth::UserId{*syntax.mentions};
    query.hasLink = syntax.hasLink;
    query.inThread = syntax.inThread;
    query.fromTs = syntax.fromMs();
    query.toTs = syntax.toMs();
    query.order = m_relevance ? store::SearchOrder::Relevance : store::SearchOrder::Newest;
    query.markStart = kMarkStart;
    query.markEnd = kMarkEnd;
    // why: the scope alone is no question; words or an operator are.
    request.empty = query.text.isEmpty() && !syntax.hasFilter();
    return request;
}

void SearchModel::run() {
    const quint64 generation = ++*m_generation;
    if (m_running) {
        m_again = true; // the query in flight sees the new generation and stops
        return;
    }
    Request asked = request();
    if (asked.empty || !asked.problem.isEmpty()) {
        apply(QList<store::SearchHit>(), 0);
        setStatus(asked.problem);
        Q_EMIT finished();
        return;
    }
    const int limit = m_limit;
    store::SearchQuery query = asked.query;
    query.limit = limit + 1; // one more tells whether there are more
    query.cancelled = [counter = m_generation, generation] { return *counter != generation; };
    setRunning(true);
    m_host.readForSearch(
        this, [query](store::Store &store) { return store.search().search(query); },
        [this, generation, limit](const store::StoreResult<QList<store::SearchHit>> &hits) {
            setRunning(false);
            if (std::exchange(m_again, false) || *m_generation != generation)
                return run();
            apply(hits, limit);
            Q_EMIT finished();
        });
}

void SearchModel::apply(const store::StoreResult<QList<store::SearchHit>> &result, int limit) {
    QList<store::SearchHit> hits;
    if (result)
        hits = result.value();
    m_more = hits.size() > limit;
    if (m_more)
        hits.resize(limit);
    if (m_scope == 0)
        hits = groupedByConversation(hits);
    const MarkdownStyle style = m_style();
    beginResetModel();
    m_hits = hits;
    m_snippets.clear();
    for (const store::SearchHit &hit : std::as_const(m_hits))
        m_snippets.append(snippetHtml(hit.snippet, style));
    endResetModel();
    if (!result)
        setStatus(result.error().message);
    else if (m_hits.isEmpty())
        setStatus(request().empty ? QString() : u"No messages match."_s);
    else
        setStatus(m_hits.size() == 1 ? u"1 message"_s
                  : m_more           ? u"More than %1 messages"_s.arg(m_hits.size())
                                     : u"%1 messages"_s.arg(m_hits.size()));
    Q_EMIT resultsChanged();
}

QString SearchModel::snippetHtml(const QString &snippet, const MarkdownStyle &style) const {
    QString html = snippet.toHtmlEscaped();
    html.replace(u'\n', u' ');
    html.replace(kMarkStart,
                 u"<span style=\"background-color:%1; color:%2; font-weight:600\">"_s.arg(
                     style.mentionBackground.name(), style.mentionText.name()));
    html.replace(kMarkEnd, u"</span>"_s);
    return html;
}

void SearchModel::setStatus(const QString &status) {
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT resultsChanged();
}

void SearchModel::setRunning(bool running) {
    if (running == m_running)
        return;
    m_running = running;
    Q_EMIT busyChanged();
}

} // namespace hearth::app
