// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/conversation_controller.h"

#include "app/avatar_style.h"
#include "app/engine_host.h"
#include "app/error_text.h"
#include "app/presence_book.h"

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! A typing notice counts for this long unless renewed (senders renew every few seconds).
constexpr int kTypingLifetimeMs = 6000;

hearth::ConversationId idOf(const ConversationRow &row) {
    return hearth::ConversationId{row.id};
}

} // namespace

ConversationController::ConversationController(EngineHost &host, PresenceBook &presence,
                                               ConversationRow row,
                                               const MarkdownRenderer &renderer, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_presence(presence)
    , m_row(std::move(row))
    , m_self(renderer.mentionName())
    , m_draft(m_row.draft)
    , m_timeline(host, idOf(m_row), renderer)
    , m_members(host, presence, idOf(m_row), m_self) {
    if (m_row.kind != u"dm"_s)
        m_timeline.setConversationTitle(m_row.title);
    m_typingExpiry.setInterval(1000);
    connect(&m_typingExpiry, &QTimer::timeout, this, &ConversationController::expireTyping);
    connect(&m_members, &MemberListModel::loaded, this, [this] {
        Q_EMIT infoChanged();
        Q_EMIT subtitleChanged();
    });
    connect(&m_presence, &PresenceBook::changed, this, &ConversationController::subtitleChanged);
    // why: new messages arriving while the member looks at the end of the timeline are read.
    connect(&m_timeline, &TimelineModel::showsLatestChanged, this,
            &ConversationController::markReadIfSeen);
    connect(&m_timeline, &TimelineModel::countChanged, this,
            &ConversationController::markReadIfSeen);
}

ConversationController::~ConversationController() {
    // Keep what the member typed but did not send.
    if (m_draft != m_row.draft) {
        const auto id = idOf(m_row);
        const QString draft = m_draft;
        m_host.post([id, draft](engine::SyncEngine &engine) {
            (void)engine.store().conversations().setDraft(id, draft);
        });
    }
}

QString ConversationController::subtitle() const {
    if (m_row.kind == u"dm"_s)
        return m_row.peer.isEmpty() ? QString() : m_presence.describe(m_row.peer);
    const int total = m_members.count();
    int online = 0;
    for (const store::Member &member : m_members.members())
        online += member.user.name != m_self && m_presence.status(member.user.name) == u"online"_s;
    QString text = total == 1 ? u"1 member"_s : u"%1 members"_s.arg(total);
    if (online > 0)
        text += u", %1 online"_s.arg(online);
    return text;
}

QString ConversationController::presence() const {
    return m_row.peer.isEmpty() ? QString() : m_presence.status(m_row.peer);
}

QString ConversationController::initials() const {
    return initialsOf(m_row.title);
}

QColor ConversationController::avatarColor() const {
    return avatarColorOf(m_row.title);
}

bool ConversationController::canPost() const {
    if (!m_row.member)
        return false;
    if (m_row.kind != u"channel"_s)
        return true;
    const auto role = m_members.ownRole();
    return role && *role != hearth::Role::Member;
}

bool ConversationController::canManageMembers() const {
    const auto role = m_members.ownRole();
    return m_row.member && m_row.kind != u"dm"_s && role && *role != hearth::Role::Member;
}

QString ConversationController::typingText() const {
    QStringList names = m_typing.keys();
    names.sort();
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return names.first() + u" is typing…"_s;
    case 2:
        return names.first() + u" and "_s + names.last() + u" are typing…"_s;
    default:
        return u"Several people are typing…"_s;
    }
}

void ConversationController::setDraft(const QString &draft) {
    if (draft == m_draft)
        return;
    m_draft = draft;
    Q_EMIT draftChanged();
}

void ConversationController::report(const std::optional<QString> &error) {
    if (error)
        Q_EMIT failed(*error);
}

void ConversationController::sendContent(store::MessageContent content) {
    const auto id = idOf(m_row);
    m_host.postWithReply<EngineHost::Outcome>(
        [id, content = std::move(content)](engine::SyncEngine &engine, auto reply) {
            auto sent = engine.sendMessage(id, content);
            reply(sent ? std::nullopt : EngineHost::Outcome(errorText(sent.error())));
        },
        this, [this](const EngineHost::Outcome &error) { report(error); });
}

void ConversationController::send(const QString &text) {
    const QString body = text.trimmed();
    if (body.isEmpty() || !canPost())
        return;
    store::MessageContent content;
    content.contentType = u"text"_s;
    content.text = body;
    sendContent(std::move(content));
    setDraft({});
    setTyping(false);
}

void ConversationController::edit(qint64 seq, const QString &text) {
    const QString body = text.trimmed();
    const TimelineRow *row = m_timeline.rowOf(quint64(seq));
    const auto target = m_timeline.refOf(quint64(seq));
    if (body.isEmpty() || !row || !target || !row->event.own || row->event.text == body)
        return;
    store::MessageContent content;
    content.contentType = u"text"_s;
    content.text = body;
    content.relation = store::Relation::Edit;
    content.target = target;
    sendContent(std::move(content));
}

void ConversationController::remove(qint64 seq) {
    const auto target = seq > 0 ? m_timeline.refOf(quint64(seq)) : std::nullopt;
    if (!target)
        return;
    store::MessageContent content;
    content.contentType = u"text"_s;
    content.relation = store::Relation::Delete;
    content.target = target;
    sendContent(std::move(content));
}

void ConversationController::react(qint64 seq, const QString &emoji) {
    const TimelineRow *row = m_timeline.rowOf(quint64(seq));
    const auto target = m_timeline.refOf(quint64(seq));
    if (!row || !target || emoji.isEmpty())
        return;
    bool mine = false;
    for (const store::ReactionGroup &group : row->event.reactions) {
        if (group.emoji == emoji)
            mine = std::any_of(group.users.begin(), group.users.end(),
                               [this](const auto &u) { return u.name == m_self; });
    }
    store::MessageContent content;
    content.contentType = u"text"_s;
    content.text = emoji;
    content.relation = mine ? store::Relation::Unreact : store::Relation::React;
    content.target = target;
    sendContent(std::move(content));
}

void ConversationController::retry(int row) {
    const auto cmid = m_timeline.failedMessageAt(row);
    if (!cmid)
        return;
    m_host.postWithReply<EngineHost::Outcome>(
        [cmid = *cmid](engine::SyncEngine &engine, auto reply) {
            auto error = engine.retryFailed(cmid);
            reply(error ? EngineHost::Outcome(errorText(*error)) : std::nullopt);
        },
        this, [this](const EngineHost::Outcome &error) { report(error); });
}

void ConversationController::markRead() {
    const quint64 seq = m_timeline.lastSeq();
    if (seq <= m_markedRead)
        return;
    m_markedRead = seq;
    const auto id = idOf(m_row);
    m_host.post([id, seq](engine::SyncEngine &engine) { (void)engine.markRead(id, seq); });
}

void ConversationController::setAtLatest(bool atLatest) {
    if (atLatest == m_atLatest)
        return;
    m_atLatest = atLatest;
    Q_EMIT atLatestChanged();
    markReadIfSeen();
}

void ConversationController::setWindowActive(bool active) {
    m_windowActive = active;
    markReadIfSeen();
}

void ConversationController::markReadIfSeen() {
    if (m_atLatest && m_windowActive && m_timeline.showsLatest())
        markRead();
}

void ConversationController::jumpToDate(const QDate &day) {
    if (!day.isValid())
        return;
    const auto id = idOf(m_row);
    const qint64 ts = day.startOfDay().toMSecsSinceEpoch();
    m_host.read(
        this,
        [id, ts](store::Store &store) -> store::StoreResult<quint64> {
            auto first = store.timeline().firstAt(id, ts);
            if (!first)
                return first.error();
            return *first ? (*first)->seq : 0;
        },
        [this](const store::StoreResult<quint64> &seq) {
            if (!seq)
                Q_EMIT failed(seq.error().message);
            else if (*seq == 0)
                m_timeline.showLatest(); // nothing that late: the newest is closest
            else
                m_timeline.jumpTo(qint64(*seq));
        });
}

void ConversationController::setTyping(bool active) {
    if (!m_row.member)
        return;
    const auto id = idOf(m_row);
    m_host.post([id, active](engine::SyncEngine &engine) { engine.sendTyping(id, active); });
}

void ConversationController::addMember(const QString &userName) {
    const auto id = idOf(m_row);
    const QString user = userName.trimmed().toLower();
    m_host.postWithCompletion(
        [id, user](engine::SyncEngine &engine, engine::Completion done) {
            engine.addMember(id, user, done);
        },
        this, [this](const EngineHost::Outcome &error) { report(error); });
}

void ConversationController::removeMember(const QString &userName) {
    const auto id = idOf(m_row);
    m_host.postWithCompletion(
        [id, userName](engine::SyncEngine &engine, engine::Completion done) {
            engine.removeMember(id, userName, done);
        },
        this, [this](const EngineHost::Outcome &error) { report(error); });
}

void ConversationController::leave() {
    const auto id = idOf(m_row);
    m_host.postWithCompletion(
        [id](engine::SyncEngine &engine, engine::Completion done) { engine.leave(id, done); }, this,
        [this](const EngineHost::Outcome &error) {
            report(error);
            if (!error)
                Q_EMIT left();
        });
}

void ConversationController::setNotificationLevel(const QString &level) {
    const auto parsed = notificationLevelFrom(level);
    if (!parsed || level == m_row.notificationLevel)
        return;
    m_row.notificationLevel = level;
    Q_EMIT infoChanged();
    const auto id = idOf(m_row);
    m_host.post([id, value = *parsed](engine::SyncEngine &engine) {
        (void)engine.store().conversations().setNotificationLevel(id, value);
    });
    Q_EMIT settingsChanged();
}

void ConversationController::setMuted(bool muted) {
    if (muted == m_row.muted)
        return;
    m_row.muted = muted;
    Q_EMIT infoChanged();
    const auto id = idOf(m_row);
    m_host.post([id, muted](engine::SyncEngine &engine) {
        (void)engine.store().conversations().setMuted(id, muted);
    });
    Q_EMIT settingsChanged();
}

void ConversationController::dismissMembershipAlert() {
    if (m_row.membershipAlert.isEmpty())
        return;
    m_row.membershipAlert.clear();
    Q_EMIT infoChanged();
    const auto id = idOf(m_row);
    m_host.post([id](engine::SyncEngine &engine) { (void)engine.dismissMembershipAlert(id); });
    Q_EMIT settingsChanged();
}

QVariantMap ConversationController::lastOwnMessage() const {
    const auto [seq, text] = m_timeline.lastOwnMessage();
    return {{u"seq"_s, qint64(seq)}, {u"text"_s, text}};
}

void ConversationController::updateRow(const ConversationRow &row) {
    if (row == m_row)
        return;
    const bool membershipChanged = row.member != m_row.member;
    const QString draft = m_draft;
    m_row = row;
    m_row.draft = draft;
    Q_EMIT infoChanged();
    if (membershipChanged)
        m_members.refresh();
}

void ConversationController::onTyping(const QString &user, bool active) {
    if (user == m_self)
        return;
    const QString before = typingText();
    if (active)
        m_typing.insert(user, QDeadlineTimer(kTypingLifetimeMs));
    else
        m_typing.remove(user);
    if (!m_typing.isEmpty() && !m_typingExpiry.isActive())
        m_typingExpiry.start();
    if (typingText() != before)
        Q_EMIT typingTextChanged();
}

void ConversationController::expireTyping() {
    const QString before = typingText();
    m_typing.removeIf([](const auto &entry) { return entry.value().hasExpired(); });
    if (m_typing.isEmpty())
        m_typingExpiry.stop();
    if (typingText() != before)
        Q_EMIT typingTextChanged();
}

} // namespace hearth::app
