// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/member_list_model.h"

#include "app/avatar_style.h"
#include "app/engine_host.h"
#include "app/presence_book.h"
#include "sync/engine/conversation_info.h"
#include "sync/engine/sync_engine.h"
#include "sync/protocol/names.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hearth::app {

MemberListModel::MemberListModel(EngineHost &host, PresenceBook &presence,
                                 hearth::ConversationId conversation, QString self, QObject *parent)
    : DiffableListModel(parent)
    , m_host(host)
    , m_presence(presence)
    , m_conversation(conversation)
    , m_self(std::move(self)) {
    // why: verified membership can land after the conversation was opened (its signers' lists
    // are fetched first), roles arrive with the conversation list, and a member's "devices
    // changed" flag follows their signed list: the panel follows all three itself.
    if (engine::SyncEngine *engine = m_host.engine()) {
        connect(engine, &engine::SyncEngine::membersChanged, this, [this](quint64 changed) {
            if (changed == m_conversation.value)
                refresh();
        });
        connect(engine, &engine::SyncEngine::conversationsChanged, this, &MemberListModel::refresh);
        connect(engine, &engine::SyncEngine::devicesChanged, this, [this](const QString &user) {
            if (std::any_of(m_rows.cbegin(), m_rows.cend(),
                            [&](const store::Member &member) { return member.user.name == user; }))
                refresh();
        });
    }
    connect(&m_presence, &PresenceBook::changed, this, [this](const QString &user) {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).user.name == user)
                Q_EMIT dataChanged(index(i), index(i), {PresenceRole});
        }
    });
    refresh();
}

int MemberListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::Member &member = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case UserNameRole:
        return member.user.name;
    case RoleRole:
        return QString(protocol::roleName(member.role));
    case PresenceRole:
        return m_presence.status(member.user.name);
    case AvatarColorRole:
        return avatarColorOf(member.user.name);
    case InitialsRole:
        return initialsOf(member.user.name);
    case IsSelfRole:
        return member.user.name == m_self;
    case DevicesChangedRole:
        return m_devicesChanged.contains(member.user.name);
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberListModel::roleNames() const {
    return {{UserNameRole, "userName"},
            {RoleRole, "role"},
            {PresenceRole, "presence"},
            {AvatarColorRole, "avatarColor"},
            {InitialsRole, "initials"},
            {IsSelfRole, "isSelf"},
            {DevicesChangedRole, "devicesChanged"}};
}

std::optional<hearth::Role> MemberListModel::ownRole() const {
    for (const store::Member &member : m_rows) {
        if (member.user.name == m_self)
            return member.role;
    }
    return std::nullopt;
}

void MemberListModel::refresh() {
    const auto conversation = m_conversation;
    using Read = std::pair<QList<store::Member>, QSet<QString>>;
    m_host.read(
        this,
        [conversation, self = m_self](store::Store &store) -> store::StoreResult<Read> {
            auto members = store.conversations().members(conversation);
            if (!members)
                return members.error();
            QSet<QString> changed;
            for (const store::Member &member : *members) {
                auto known = store.contacts().user(member.user);
                if (member.user.name != self && known && *known && (*known)->devicesChanged)
                    changed.insert(member.user.name);
            }
            return Read{*members, changed};
        },
        [this](const store::StoreResult<Read> &read) {
            if (read) {
                const auto &[members, changed] = *read;
                QList<store::Member> sorted = members;
                std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
                    return std::pair(int(a.role), a.user.name) <
                           std::pair(int(b.role), b.user.name);
                });
                const int before = count();
                applyRowDiff(*this, m_rows, sorted,
                             [](const store::Member &m) { return m.user.name; });
                if (count() != before)
                    Q_EMIT countChanged();
                if (changed != m_devicesChanged) {
                    m_devicesChanged = changed;
                    if (count() > 0)
                        Q_EMIT dataChanged(index(0), index(count() - 1), {DevicesChangedRole});
                }
            }
            Q_EMIT loaded();
        });
}

} // namespace hearth::app
