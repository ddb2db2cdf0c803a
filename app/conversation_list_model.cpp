// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/conversation_list_model.h"

#include "app/avatar_style.h"
#include "app/engine_host.h"
#include "app/presence_book.h"
#include "sync/engine/sync_engine.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hearth::app {

ConversationListModel::ConversationListModel(EngineHost &host, PresenceBook &presence,
                                             QObject *parent)
    : DiffableListModel(parent)
    , m_host(host)
    , m_presence(presence) {
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(15);
    connect(&m_coalesce, &QTimer::timeout, this, &ConversationListModel::reload);
    m_rowCoalesce.setSingleShot(true);
    m_rowCoalesce.setInterval(15);
    connect(&m_rowCoalesce, &QTimer::timeout, this, &ConversationListModel::reloadChanged);
    connect(&m_presence, &PresenceBook::changed, this, [this](const QString &user) {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).peer == user)
                Q_EMIT dataChanged(index(i), index(i), {PresenceRole});
        }
    });
}

int ConversationListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title;
    case ConversationIdRole:
        return int(row.id);
    case KindRole:
        return row.kind;
    case UnreadCountRole:
        return int(row.unreadCount);
    case LastMessageTextRole:
        return row.lastMessageText;
    case LastMessageSenderRole:
        return row.lastMessageSender;
    case LastMessageTimeRole:
        return row.lastMessageTime;
    case MutedRole:
        return row.muted;
    case NotificationLevelRole:
        return row.notificationLevel;
    case PresenceRole:
        return row.peer.isEmpty() ? QString() : m_presence.status(row.peer);
    case AvatarColorRole:
        return avatarColorOf(row.title);
    case InitialsRole:
        return initialsOf(row.title);
    case DraftRole:
        return row.draft;
    case MembershipAlertRole:
        return row.membershipAlert;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{ConversationIdRole, "conversationId"},
            {TitleRole, "title"},
            {KindRole, "kind"},
            {UnreadCountRole, "unreadCount"},
            {LastMessageTextRole, "lastMessageText"},
            {LastMessageSenderRole, "lastMessageSender"},
            {LastMessageTimeRole, "lastMessageTime"},
            {MutedRole, "muted"},
            {NotificationLevelRole, "notificationLevel"},
            {PresenceRole, "presence"},
            {AvatarColorRole, "avatarColor"},
            {InitialsRole, "initials"},
            {DraftRole, "draft"},
            {MembershipAlertRole, "membershipAlert"}};
}

void ConversationListModel::setFilterText(const QString &text) {
    if (text == m_filter)
        return;
    m_filter = text;
    Q_EMIT filterTextChanged();
    apply(m_all);
}

int ConversationListModel::totalUnread() const {
    qint64 total = 0;
    for (const ConversationRow &row : m_all)
        total += row.muted ? 0 : row.unreadCount;
    return int(total);
}

std::optional<ConversationRow> ConversationListModel::find(quint64 id) const {
    for (const ConversationRow &row : m_all) {
        if (row.id == id)
            return row;
    }
    return std::nullopt;
}

std::optional<quint64> ConversationListModel::directMessageWith(const QString &peer) const {
    for (const ConversationRow &row : m_all) {
        if (row.kind == u"dm"_s && row.peer == peer)
            return row.id;
    }
    return std::nullopt;
}

std::optional<quint64> ConversationListModel::withTitle(const QString &title) const {
    std::optional<quint64> prefixed;
    int prefixes = 0;
    for (const ConversationRow &row : m_all) {
        if (row.title.compare(title, Qt::CaseInsensitive) == 0)
            return row.id;
        if (row.title.startsWith(title, Qt::CaseInsensitive)) {
            prefixed = row.id;
            ++prefixes;
        }
    }
    return prefixes == 1 ? prefixed : std::nullopt;
}

QStringList ConversationListModel::peers() const {
    QStringList peers;
    for (const ConversationRow &row : m_all) {
        if (!row.peer.isEmpty())
            peers.append(row.peer);
    }
    return peers;
}

int ConversationListModel::indexOf(int conversationId) const {
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == quint64(conversationId))
            return i;
    }
    return -1;
}

void ConversationListModel::refresh() {
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void ConversationListModel::attach(const engine::SyncEngine &engine) {
    using engine::SyncEngine;
    connect(&engine, &SyncEngine::timelineChanged, this, &ConversationListModel::onTimelineChanged);
    // New conversations, titles, membership (and their warnings): the whole list.
    connect(&engine, &SyncEngine::conversationsChanged, this, &ConversationListModel::refresh);
    connect(&engine, &SyncEngine::membersChanged, this, &ConversationListModel::refresh);
    connect(&engine, &SyncEngine::membershipAlertRaised, this, &ConversationListModel::refresh);
    connect(&engine, &SyncEngine::caughtUp, this, &ConversationListModel::refresh);
}

void ConversationListModel::onTimelineChanged(const engine::TimelineChange &change) {
    using Kind = engine::TimelineChange::Kind;
    // why: reactions and others' receipts show in no sidebar role.
    if (change.kind != Kind::Reacted && change.kind != Kind::Receipt)
        refreshConversation(change.conversation);
}

void ConversationListModel::refreshConversation(quint64 id) {
    if (!m_changed.contains(id))
        m_changed.append(id);
    if (!m_rowCoalesce.isActive())
        m_rowCoalesce.start();
}

void ConversationListModel::reloadChanged() {
    using Changed = QList<std::pair<quint64, std::optional<ConversationRow>>>;
    const QString self = m_host.userName();
    const QList<quint64> ids = std::exchange(m_changed, {});
    m_host.read(
        this,
        [self, ids](store::Store &store) -> store::StoreResult<Changed> {
            Changed rows;
            for (const quint64 id : ids) {
                auto row = loadConversationRow(store, self, hearth::ConversationId{id});
                if (!row)
                    return row.error();
                rows.append({id, row.value()});
            }
            return rows;
        },
        [this](const store::StoreResult<Changed> &rows) {
            if (!rows) {
                qWarning("conversation list: %s", qUtf8Printable(rows.error().message));
                return;
            }
            QList<ConversationRow> all = m_all;
            for (const auto &[id, row] : *rows) {
                all.removeIf([id = id](const ConversationRow &r) { return r.id == id; });
                if (row) // in order: a row with news moves up, as a full reload would put it
                    all.insert(std::upper_bound(all.cbegin(), all.cend(), *row, newerFirst) -
                                   all.cbegin(),
                               *row);
            }
            apply(std::move(all));
            Q_EMIT loaded();
        });
}

void ConversationListModel::reload() {
    if (m_loading) {
        m_again = true;
        return;
    }
    m_loading = true;
    const QString self = m_host.userName();
    m_host.read(
        this, [self](store::Store &store) { return loadConversationRows(store, self); },
        [this](const store::StoreResult<QList<ConversationRow>> &rows) {
            m_loading = false;
            if (rows)
                apply(rows.value());
            else
                qWarning("conversation list: %s", qUtf8Printable(rows.error().message));
            Q_EMIT loaded();
            if (std::exchange(m_again, false))
                reload();
        });
}

bool ConversationListModel::matches(const ConversationRow &row) const {
    const QString needle = m_filter.trimmed();
    return needle.isEmpty() || row.title.contains(needle, Qt::CaseInsensitive);
}

void ConversationListModel::apply(QList<ConversationRow> rows) {
    const int before = count();
    const int unreadBefore = totalUnread();
    m_all = std::move(rows);
    QList<ConversationRow> shown;
    for (const ConversationRow &row : m_all) {
        if (matches(row))
            shown.append(row);
    }
    applyRowDiff(*this, m_rows, shown, [](const ConversationRow &row) { return row.id; });
    if (count() != before || totalUnread() != unreadBefore)
        Q_EMIT countChanged();
}

} // namespace hearth::app
