// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/timeline_model.h"

#include "app/avatar_style.h"
#include "app/engine_host.h"
#include "app/time_text.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! Messages of one sender closer than this are one group (one name, one avatar).
constexpr qint64 kGroupGapMs = 5 * 60 * 1000;

QDate dayOf(const TimelineRow &row) {
    return QDateTime::fromMSecsSinceEpoch(row.event.ts).date();
}

} // namespace

TimelineModel::TimelineModel(EngineHost &host, hearth::ConversationId conversation,
                             MarkdownRenderer renderer, QObject *parent)
    : QAbstractListModel(parent)
    , m_host(host)
    , m_conversation(conversation)
    , m_renderer(std::move(renderer))
    , m_self(m_renderer.mentionName()) {
    if (const engine::SyncEngine *engine = m_host.engine())
        connect(engine, &engine::SyncEngine::timelineChanged, this, &TimelineModel::apply);
    loadFirst();
}

int TimelineModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> TimelineModel::roleNames() const {
    return {{SeqRole, "seq"},
            {EventKindRole, "eventKind"},
            {SenderNameRole, "senderName"},
            {OwnRole, "own"},
            {TextRole, "text"},
            {HtmlRole, "html"},
            {TimeRole, "time"},
            {StateRole, "state"},
            {ReadByCountRole, "readByCount"},
            {EditedRole, "edited"},
            {DeletedRole, "deleted"},
            {ReactionsRole, "reactions"},
            {FirstInGroupRole, "firstInGroup"},
            {DaySeparatorRole, "daySeparator"},
            {FirstUnreadRole, "firstUnread"},
            {AvatarColorRole, "avatarColor"},
            {InitialsRole, "initials"},
            {MembershipTrustRole, "membershipTrust"}};
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int i = index.row();
    const TimelineRow &row = m_rows.at(i);
    const store::TimelineEvent &event = row.event;
    const TimelineRow *previous = i > 0 ? &m_rows.at(i - 1) : nullptr;
    switch (role) {
    case SeqRole:
        return qint64(event.seq);
    case EventKindRole:
        if (event.kind == store::EventKind::Membership)
            return u"membership"_s;
        return event.decryption == store::DecryptionState::Ok ? u"message"_s : u"undecryptable"_s;
    case SenderNameRole:
        return event.sender.user.name;
    case OwnRole:
        return event.own;
    case MembershipTrustRole:
        return membershipTrust(event);
    case Qt::DisplayRole:
    case TextRole:
        return event.kind == store::EventKind::Membership ? membershipText(event) : event.text;
    case HtmlRole:
        return row.html;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(event.ts);
    case StateRole:
        return event.own ? stateOf(row) : QString();
    case ReadByCountRole:
        return row.outbox ? 0 : readBy(event.seq);
    case EditedRole:
        return event.editedTs.has_value();
    case DeletedRole:
        return event.deleted;
    case ReactionsRole: {
        QVariantList reactions;
        for (const store::ReactionGroup &group : event.reactions) {
            const bool mine = std::any_of(group.users.begin(), group.users.end(),
                                          [this](const auto &u) { return u.name == m_self; });
            reactions.append(QVariantMap{{u"emoji"_s, group.emoji},
                                         {u"count"_s, int(group.users.size())},
                                         {u"mine"_s, mine}});
        }
        return reactions;
    }
    case FirstInGroupRole:
        return startsGroup(i);
    case DaySeparatorRole:
        if (previous && dayOf(*previous) == dayOf(row))
            return QString();
        return dayText(dayOf(row), QDate::currentDate());
    case FirstUnreadRole:
        return isFirstUnread(i);
    case AvatarColorRole:
        return avatarColorOf(event.sender.user.name);
    case InitialsRole:
        return initialsOf(event.sender.user.name);
    default:
        return {};
    }
}

bool TimelineModel::isFirstUnread(int i) const {
    const TimelineRow &row = m_rows.at(i);
    if (i == 0 || m_markerAtOpen == 0 || row.event.own || row.outbox ||
        row.event.seq <= m_markerAtOpen)
        return false;
    const TimelineRow &previous = m_rows.at(i - 1);
    return !previous.outbox && previous.event.seq <= m_markerAtOpen;
}

bool TimelineModel::startsGroup(int i) const {
    // The "new messages" divider also starts a group: the name shows below it.
    if (i == 0 || isFirstUnread(i))
        return true;
    const store::TimelineEvent &event = m_rows.at(i).event;
    const store::TimelineEvent &previous = m_rows.at(i - 1).event;
    return event.kind == store::EventKind::Membership ||
           previous.kind == store::EventKind::Membership ||
           previous.sender.user != event.sender.user || event.ts - previous.ts > kGroupGapMs ||
           dayOf(m_rows.at(i - 1)) != dayOf(m_rows.at(i));
}

QString TimelineModel::membershipTrust(const store::TimelineEvent &event) {
    if (!event.membership || !event.membership->trust)
        return {};
    switch (*event.membership->trust) {
    case store::MemberTrust::Signed:
        return u"signed"_s;
    case store::MemberTrust::ByRelay:
        return u"relay"_s;
    case store::MemberTrust::Refused:
        return u"refused"_s;
    }
    return {};
}

QString TimelineModel::membershipText(const store::TimelineEvent &event) const {
    if (!event.membership)
        return {};
    const auto trust = event.membership->trust;
    if (trust == store::MemberTrust::ByRelay)
        return event.membership->user.name + u" was removed by the relay"_s;
    if (trust == store::MemberTrust::Refused)
        return u"Not applied: the relay reported \u201c"_s + changeText(event) +
               u"\u201d, but no member signed this change. Keys go only to verified members."_s;
    return changeText(event);
}

QString TimelineModel::changeText(const store::TimelineEvent &event) const {
    const auto name = [this](const QString &user, bool start) {
        if (user != m_self)
            return user;
        return start ? u"You"_s : u"you"_s;
    };
    const QString actor = name(event.sender.user.name, true);
    const QString subject = name(event.membership->user.name, false);
    switch (event.membership->action) {
    case hearth::MembershipAction::Create:
        if (!event.membership->title.isEmpty())
            return actor + u" created "_s + event.membership->title;
        return actor + u" created "_s + (m_title.isEmpty() ? u"this conversation"_s : m_title);
    case hearth::MembershipAction::Add:
        if (event.sender.user == event.membership->user)
            return actor + u" joined"_s;
        return actor + u" added "_s + subject;
    case hearth::MembershipAction::Remove:
        return actor + u" removed "_s + subject;
    case hearth::MembershipAction::Leave:
        return name(event.membership->user.name, true) + u" left"_s;
    case hearth::MembershipAction::Role:
        return actor + u" made "_s + subject + u" "_s +
               (event.membership->role == hearth::Role::Owner   ? u"an owner"_s
                : event.membership->role == hearth::Role::Admin ? u"an admin"_s
                                                                : u"a member"_s);
    }
    return {};
}

QString TimelineModel::stateOf(const TimelineRow &row) const {
    if (row.outbox) {
        switch (*row.outbox) {
        case store::OutboxState::Pending:
            return u"pending"_s;
        case store::OutboxState::Sending:
            return u"sending"_s;
        case store::OutboxState::Failed:
            return u"failed"_s;
        case store::OutboxState::Sent:
            return u"sent"_s;
        }
    }
    return readBy(row.event.seq) > 0 ? u"read"_s : u"sent"_s;
}

int TimelineModel::readBy(quint64 seq) const {
    if (seq == 0)
        return 0;
    return int(std::count_if(m_receipts.cbegin(), m_receipts.cend(),
                             [seq](quint64 marker) { return marker >= seq; }));
}

int TimelineModel::firstUnreadRow() const {
    for (qsizetype i = 1; i < m_storedCount; ++i) {
        if (isFirstUnread(int(i)))
            return int(i);
    }
    return -1;
}

quint64 TimelineModel::lastSeq() const {
    return m_storedCount > 0 ? m_rows.at(m_storedCount - 1).event.seq : 0;
}

std::pair<quint64, QString> TimelineModel::lastOwnMessage() const {
    for (qsizetype i = m_storedCount - 1; i >= 0; --i) {
        const store::TimelineEvent &event = m_rows.at(i).event;
        if (event.own && event.kind == store::EventKind::Message && !event.deleted &&
            event.decryption == store::DecryptionState::Ok)
            return {event.seq, event.text};
    }
    return {0, {}};
}

qsizetype TimelineModel::rowAtOrAfter(quint64 seq) const {
    const auto end = m_rows.cbegin() + m_storedCount;
    return std::lower_bound(
               m_rows.cbegin(), end, seq,
               [](const TimelineRow &row, quint64 value) { return row.event.seq < value; }) -
           m_rows.cbegin();
}

qsizetype TimelineModel::indexOfSeq(quint64 seq) const {
    const qsizetype row = rowAtOrAfter(seq);
    return row < m_storedCount && m_rows.at(row).event.seq == seq ? row : -1;
}

std::optional<store::ClientMessageId> TimelineModel::failedMessageAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    const TimelineRow &r = m_rows.at(row);
    if (r.outbox != store::OutboxState::Failed)
        return std::nullopt;
    return r.event.cmid;
}

const TimelineRow *TimelineModel::rowOf(quint64 seq) const {
    const qsizetype i = indexOfSeq(seq);
    return i < 0 ? nullptr : &m_rows.at(i);
}

std::optional<store::EventRef> TimelineModel::refOf(quint64 seq) const {
    const TimelineRow *row = rowOf(seq);
    if (!row || !row->event.cmid)
        return std::nullopt;
    return store::EventRef::byCmid(row->event.sender.user, *row->event.cmid);
}

void TimelineModel::loadFirst() {
    m_updating = true;
    const auto conversation = m_conversation;
    const MarkdownRenderer renderer = m_renderer;
    m_host.read(
        this,
        [=](store::Store &store) { return loadLatest(store, conversation, kPageSize, renderer); },
        [this](const store::StoreResult<TimelineSlice> &slice) {
            m_updating = false;
            if (slice) {
                if (!m_loadedFirst)
                    m_markerAtOpen = slice->readMarker;
                setShowsLatest(true); // first: the view's reset handler reads it
                replaceAll(slice.value());
            } else {
                qWarning("timeline: %s", qUtf8Printable(slice.error().message));
            }
            m_loadedFirst = true;
            rereadStale();
            Q_EMIT loaded();
            if (std::exchange(m_updateAgain, false))
                update();
            continueJump();
        });
}

void TimelineModel::loadOlder() {
    if (m_loadingOlder || m_atStart || !m_loadedFirst)
        return;
    if (m_storedCount == 0) {
        m_atStart = true;
        Q_EMIT atStartChanged();
        return;
    }
    m_loadingOlder = true;
    Q_EMIT loadingOlderChanged();
    const auto conversation = m_conversation;
    const MarkdownRenderer renderer = m_renderer;
    const quint64 first = m_rows.first().event.seq;
    m_host.read(
        this,
        [=](store::Store &store) {
            return loadBefore(store, conversation, first, kPageSize, renderer);
        },
        [this, first](const store::StoreResult<TimelineSlice> &slice) {
            m_loadingOlder = false;
            Q_EMIT loadingOlderChanged();
            // why: a jump may have replaced the rows meanwhile; this page joins only the old ones.
            if (slice && m_storedCount > 0 && m_rows.first().event.seq == first)
                prepend(slice.value());
            rereadStale();
            Q_EMIT loaded();
        });
}

void TimelineModel::replaceAll(TimelineSlice slice) {
    beginResetModel();
    m_rows = slice.events + slice.pending;
    m_storedCount = slice.events.size();
    // why: receipts only rise; one that arrived while this was read stays.
    for (auto it = slice.receipts.cbegin(); it != slice.receipts.cend(); ++it)
        m_receipts[it.key()] = std::max(m_receipts.value(it.key()), it.value());
    endResetModel();
    if (m_atStart != slice.reachedStart) {
        m_atStart = slice.reachedStart;
        Q_EMIT atStartChanged();
    }
    Q_EMIT countChanged();
}

void TimelineModel::prepend(TimelineSlice slice) {
    const auto added = int(slice.events.size());
    if (added > 0) {
        beginInsertRows({}, 0, added - 1);
        m_rows = slice.events + m_rows;
        m_storedCount += added;
        endInsertRows();
        touchNeighbour(added);
        Q_EMIT countChanged();
    }
    if (m_atStart != slice.reachedStart) {
        m_atStart = slice.reachedStart;
        Q_EMIT atStartChanged();
    }
}

void TimelineModel::touchNeighbour(int row) {
    if (row >= 0 && row < m_rows.size())
        Q_EMIT dataChanged(index(row), index(row),
                           {FirstInGroupRole, DaySeparatorRole, FirstUnreadRole});
}

} // namespace hearth::app
