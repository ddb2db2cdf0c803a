// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/conversation_rows.h"
#include "app/list_diff.h"
#include "sync/engine/timeline_change.h"

#include <QQmlEngine>
#include <QTimer>

namespace hearth::engine {
class SyncEngine;
} // namespace hearth::engine

namespace hearth::app {

class EngineHost;
class PresenceBook;

//! The sidebar: every conversation, most recent activity first, filtered by `filterText`
//! (matched against title and preview). Follows the engine itself (attach()): a change to one
//! conversation's timeline re-reads that conversation's row only (and moves it up when it has
//! news); new or changed conversations reload the list. Reads run on the reader, coalescing
//! bursts of changes.
class ConversationListModel final : public DiffableListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by App")
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY countChanged)

public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1, /**< int: the conversation's id */
        TitleRole,                             /**< string: title, or the peer of a DM */
        KindRole,                              /**< string: "dm", "group", "channel" */
        UnreadCountRole,                       /**< int: unread messages (capped at 1000) */
        LastMessageTextRole,                   /**< string: newest message, one plain line */
        LastMessageSenderRole,                 /**< string: its sender ("You" for own) */
        LastMessageTimeRole,                   /**< date: its time */
        MutedRole,                             /**< bool */
        NotificationLevelRole,                 /**< string: "all", "mentions", "none" */
        PresenceRole,                          /**< string: DMs: the peer's presence */
        AvatarColorRole,                       /**< color */
        InitialsRole,                          /**< string */
        DraftRole,                             /**< string: unsent composer text */
        MembershipAlertRole, /**< string: "", "refused" or "fork" (ConversationRow) */
    };
    Q_ENUM(Role)

    ConversationListModel(EngineHost &host, PresenceBook &presence, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString filterText() const { return m_filter; }
    void setFilterText(const QString &text);
    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] int totalUnread() const;
    //! The row of `id` among all conversations (not only the filtered ones), if known.
    [[nodiscard]] std::optional<ConversationRow> find(quint64 id) const;
    //! The DM with `peer`, among all conversations (not only the filtered ones).
    [[nodiscard]] std::optional<quint64> directMessageWith(const QString &peer) const;
    //! The conversation titled `title` (case aside), or else the only one whose title starts
    //! with it, among all conversations; nullopt when none or several do.
    [[nodiscard]] std::optional<quint64> withTitle(const QString &title) const;
    //! The other members of every DM.
    [[nodiscard]] QStringList peers() const;
    //! Row index of a conversation in the filtered list, -1 when not shown.
    Q_INVOKABLE int indexOf(int conversationId) const;

    //! Subscribes to what the sidebar shows of `engine` (the open session's).
    void attach(const engine::SyncEngine &engine);
    //! Reloads soon (several calls within a few ms make one reload).
    void refresh();
    //! Re-reads the row of conversation `id` soon (coalesced, like refresh()).
    void refreshConversation(quint64 id);

Q_SIGNALS:
    void filterTextChanged();
    void countChanged();
    //! A reload finished (tests wait on it).
    void loaded();

private:
    void reload();
    void reloadChanged();
    void onTimelineChanged(const engine::TimelineChange &change);
    void apply(QList<ConversationRow> rows);
    [[nodiscard]] bool matches(const ConversationRow &row) const;

    EngineHost &m_host;
    PresenceBook &m_presence;
    QList<ConversationRow> m_all;  // every conversation, sorted
    QList<ConversationRow> m_rows; // the filtered ones, shown
    QString m_filter;
    QTimer m_coalesce;
    QTimer m_rowCoalesce;
    QList<quint64> m_changed; // conversations whose row is to be read again
    bool m_loading = false;
    bool m_again = false;
};

} // namespace hearth::app
