// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_live.h"

#include "app/demo/demo_profiles.h"
#include "sync/store/store.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;
using hearth::ConversationId;
using hearth::ConversationKind;

namespace {
constexpr int kWatchMs = 1000;
constexpr qint64 kReclaimAfterSecs = 30; // why: leave the asking process time to take the lock

int randomBetween(int minValue, int maxValue) {
    return QRandomGenerator::global()->bounded(minValue, maxValue + 1);
}

QString key(const QString &member, quint64 conversation) {
    return member + u'/' + QString::number(conversation);
}

void say(const QString &line) {
    QTextStream(stdout) << u"hearth-demo-seed: "_s << line << Qt::endl;
}
} // namespace

LiveCommunity::LiveCommunity(DemoCast &cast, QObject *parent)
    : QObject(parent)
    , m_cast(cast) {
    m_chatterTimer.setSingleShot(true);
    connect(&m_chatterTimer, &QTimer::timeout, this, &LiveCommunity::chatter);
    connect(&m_watchTimer, &QTimer::timeout, this, &LiveCommunity::watchRequests);
}

void LiveCommunity::start() {
    const QString sam = QString::fromLatin1(kDemoUser);
    m_cast.release(sam);
    for (const QString &member : demoMembers()) {
        if (member != sam)
            adopt(member);
    }
    m_watchTimer.start(kWatchMs);
    scheduleChatter();
}

void LiveCommunity::adopt(const QString &member) {
    if (!m_cast.plays(member)) {
        if (m_cast.claim(member, DemoCast::Claim::IfFree))
            return; // open elsewhere: watchRequests() tries again later
        if (auto failure = m_cast.open(member)) {
            say(failure->message);
            m_cast.release(member);
            return;
        }
    }
    engine::SyncEngine &engine = m_cast.engine(member);
    if (engine.state() == engine::ConnectionState::Offline && engine.start())
        return;
    connect(&engine, &engine::SyncEngine::eventsChanged, this,
            [this, member](quint64 conversation) { onEvents(member, conversation); });
    m_releasedAt.remove(member);
}

void LiveCommunity::later(const QString &member, int minMs, int maxMs,
                          std::function<void()> action) {
    QTimer::singleShot(randomBetween(minMs, maxMs), this, [this, member, action] {
        if (m_cast.plays(member))
            action();
    });
}

void LiveCommunity::scheduleChatter() {
    m_chatterTimer.start(randomBetween(20000, 60000));
}

void LiveCommunity::chatter() {
    scheduleChatter();
    QList<std::pair<QString, store::Conversation>> choices;
    for (const QString &member : m_cast.members()) {
        auto conversations = m_cast.engine(member).store().conversations().conversations();
        for (const store::Conversation &c :
             conversations ? *conversations : QList<store::Conversation>()) {
            if (c.kind == ConversationKind::Group && !c.leftSeq)
                choices.append({member, c});
        }
    }
    if (choices.isEmpty())
        return;
    stepAwayOrBack();
    const auto &choice = choices.at(randomBetween(0, int(choices.size()) - 1));
    // why: named copies, not a structured binding: the lambda below captures the member.
    const QString member = choice.first;
    const auto &conversation = choice.second;
    const QString line = m_lines.chatter(member, conversation.title);
    if (line.isEmpty())
        return;
    const ConversationId id = conversation.id;
    if (m_away.remove(member))
        m_cast.engine(member).setPresence(u"online"_s);
    m_cast.engine(member).sendTyping(id, true);
    later(member, 2500, 6000, [this, member, id, line] {
        engine::SyncEngine &engine = m_cast.engine(member);
        engine.sendTyping(id, false);
        (void)engine.sendText(id, line);
    });
}

void LiveCommunity::stepAwayOrBack() {
    const QStringList played = m_cast.members();
    if (played.isEmpty() || randomBetween(0, 2) != 0)
        return;
    const QString &member = played.at(randomBetween(0, int(played.size()) - 1));
    const bool away = !m_away.contains(member);
    if (away)
        m_away.insert(member);
    else
        m_away.remove(member);
    m_cast.engine(member).setPresence(away ? u"away"_s : u"online"_s);
}

void LiveCommunity::onEvents(const QString &member, quint64 conversation) {
    if (!m_cast.plays(member))
        return;
    store::Store &store = m_cast.engine(member).store();
    const ConversationId id{conversation};
    auto found = store.conversations().conversation(id);
    auto latest = store.timeline().latest(id, 1);
    if (!found || !*found || !latest || latest->isEmpty())
        return;
    const store::TimelineEvent &event = latest->constFirst();
    readLater(member, conversation);
    if (event.kind != store::EventKind::Message || event.own ||
        event.sender.user.name != QLatin1StringView(kDemoUser) || event.deleted)
        return;
    if ((*found)->kind == ConversationKind::Dm) {
        if (event.seq > m_answered.value(key(member, conversation)))
            answerInDm(member, conversation);
    } else if ((*found)->kind == ConversationKind::Group) {
        const QString reactKey = key(QString::number(conversation), event.seq);
        if (!m_reacted.contains(reactKey) && randomBetween(0, 9) < 6) {
            m_reacted.insert(reactKey);
            if (event.cmid)
                reactInGroup(member, conversation,
                             store::EventRef::byCmid(event.sender.user, *event.cmid));
        }
    }
}

void LiveCommunity::answerInDm(const QString &member, quint64 conversation) {
    const QString replyKey = key(member, conversation) + u"/reply"_s;
    if (m_busy.contains(replyKey))
        return; // one answer covers several quick messages
    m_busy.insert(replyKey);
    const ConversationId id{conversation};
    later(member, 1500, 3000, [this, member, id, replyKey] {
        m_cast.engine(member).sendTyping(id, true);
        later(member, 2000, 4500, [this, member, id, replyKey] {
            m_busy.remove(replyKey);
            engine::SyncEngine &engine = m_cast.engine(member);
            auto latest = engine.store().timeline().latest(id, 1);
            if (!latest || latest->isEmpty())
                return;
            const store::TimelineEvent &last = latest->constFirst();
            m_answered.insert(key(member, id.value), last.seq);
            (void)engine.markRead(id, last.seq);
            engine.sendTyping(id, false);
            (void)engine.sendText(id, m_lines.dmReply(member, last.text));
        });
    });
}

void LiveCommunity::reactInGroup(const QString &member, quint64 conversation,
                                 const store::EventRef &target) {
    later(member, 3000, 8000, [this, member, conversation, target] {
        store::MessageContent content;
        content.contentType = u"text"_s;
        content.relation = store::Relation::React;
        content.text = DemoLines::reaction(member);
        content.target = target;
        (void)m_cast.engine(member).sendMessage(ConversationId{conversation}, content);
    });
}

void LiveCommunity::readLater(const QString &member, quint64 conversation) {
    const QString readKey = key(member, conversation) + u"/read"_s;
    if (m_busy.contains(readKey))
        return;
    m_busy.insert(readKey);
    later(member, 4000, 12000, [this, member, conversation, readKey] {
        m_busy.remove(readKey);
        engine::SyncEngine &engine = m_cast.engine(member);
        auto cursor = engine.store().conversations().cursor(ConversationId{conversation});
        if (cursor && *cursor > 0)
            (void)engine.markRead(ConversationId{conversation}, *cursor);
    });
}

void LiveCommunity::watchRequests() {
    const QString sam = QString::fromLatin1(kDemoUser);
    for (const QString &member : demoMembers()) {
        if (member == sam)
            continue;
        const bool asked = QFile::exists(demoReleaseRequestPath(member));
        if (m_cast.plays(member) && asked) {
            say(u"%1's profile was asked for: no longer playing %1"_s.arg(member));
            m_cast.release(member);
            m_releasedAt.insert(member, QDateTime::currentDateTimeUtc());
            // Queued work of this member never runs (later() checks plays()): forget it.
            m_busy.removeIf([&member](const QString &k) { return k.startsWith(member + u'/'); });
            continue;
        }
        if (m_cast.plays(member) || asked)
            continue;
        const bool wasReleased = m_releasedAt.contains(member);
        if (wasReleased &&
            m_releasedAt.value(member).secsTo(QDateTime::currentDateTimeUtc()) <= kReclaimAfterSecs)
            continue;
        adopt(member);
        if (wasReleased && m_cast.plays(member))
            say(u"playing %1 again"_s.arg(member));
    }
}

} // namespace hearth::demo
