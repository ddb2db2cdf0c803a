// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/list_diff.h"
#include "sync/store/conversation.h"

#include <QQmlEngine>
#include <QSet>

namespace hearth::app {

class EngineHost;
class PresenceBook;

//! A conversation's current members: owners first, then admins, then members, by name.
class MemberListModel final : public DiffableListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by a ConversationController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        UserNameRole = Qt::UserRole + 1, /**< string: the member's user name */
        RoleRole,                        /**< string: "owner", "admin", "member" */
        PresenceRole,                    /**< string: "online", "away", "offline" */
        AvatarColorRole,                 /**< color */
        InitialsRole,                    /**< string */
        IsSelfRole,                      /**< bool: this account */
        DevicesChangedRole, /**< bool: its signed devices changed since the member last looked */
    };
    Q_ENUM(Role)

    MemberListModel(EngineHost &host, PresenceBook &presence, hearth::ConversationId conversation,
                    QString self, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] const QList<store::Member> &members() const { return m_rows; }
    //! The account's own role here, if it is a member.
    [[nodiscard]] std::optional<hearth::Role> ownRole() const;
    void refresh();

Q_SIGNALS:
    void countChanged();
    void loaded();

private:
    EngineHost &m_host;
    PresenceBook &m_presence;
    hearth::ConversationId m_conversation;
    QString m_self;
    QList<store::Member> m_rows;
    QSet<QString> m_devicesChanged; // members whose devices changed (never this account)
};

} // namespace hearth::app
