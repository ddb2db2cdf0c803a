// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_player.h"

#include "sync/store/store.h"

#include <memory>

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;
using store::EventRef;
using store::MessageContent;
using store::Relation;

namespace {
// why: the relay's defaults are 50 requests/s with a burst of 200 per connection; staying at
// 40/s and 150 leaves room for the key sharing and read markers that go with the messages.
constexpr double kRatePerSecond = 40;
constexpr double kBurst = 150;
} // namespace

std::optional<DemoFailure> ScriptPlayer::play(hearth::ConversationId conversation,
                                              const QList<ScriptStep> &steps,
                                              PlayedScript &played) {
    QHash<QString, EventRef> tags; // how later lines name a tagged message
    std::optional<EventRef> lastMessage;
    for (const ScriptStep &step : steps) {
        if (!m_cast.plays(step.author))
            return DemoFailure{kExitFailed, u"script line %1: %2 is not in the demo"_s.arg(
                                                QString::number(step.line), step.author)};
        MessageContent content;
        content.contentType = u"text"_s;
        content.text = step.text;
        const std::optional<EventRef> target =
            step.target.isEmpty() ? lastMessage : std::optional(tags.value(step.target));
        switch (step.kind) {
        case ScriptStep::Kind::Message:
            if (!step.replyTo.isEmpty())
                content.replyTo = tags.value(step.replyTo);
            break;
        case ScriptStep::Kind::React:
            content.relation = Relation::React;
            break;
        case ScriptStep::Kind::Edit:
            content.relation = Relation::Edit;
            break;
        case ScriptStep::Kind::Delete:
            content.relation = Relation::Delete;
            content.text.clear();
            break;
        }
        if (content.relation != Relation::None)
            content.target = target;
        quint64 seq = 0;
        store::ClientMessageId cmid = store::ClientMessageId::generate();
        if (auto failure = send(step.author, conversation, content, seq, cmid))
            return DemoFailure{
                failure->exitCode,
                u"script line %1: %2"_s.arg(QString::number(step.line), failure->message)};
        played.lastSeq = qMax(played.lastSeq, seq);
        if (step.kind == ScriptStep::Kind::Message) {
            lastMessage = EventRef::byCmid(hearth::UserId{step.author}, cmid);
            played.messages.append({step.author, seq});
            if (!step.tag.isEmpty())
                tags.insert(step.tag, *lastMessage);
        }
    }
    return std::nullopt;
}

std::optional<DemoFailure> ScriptPlayer::send(const QString &author,
                                              hearth::ConversationId conversation,
                                              const MessageContent &content, quint64 &seq,
                                              store::ClientMessageId &cmid) {
    pace(author);
    engine::SyncEngine &engine = m_cast.engine(author);
    // why: one send is in flight community-wide, so the author's next messageSent is this one.
    auto sentSeq = std::make_shared<quint64>(0);
    const auto connection = QObject::connect(&engine, &engine::SyncEngine::messageSent, &engine,
                                             [sentSeq, conversation](quint64 c, quint64 s) {
                                                 if (c == conversation.value && *sentSeq == 0)
                                                     *sentSeq = s;
                                             });
    auto queued = engine.sendMessage(conversation, content);
    if (!queued) {
        QObject::disconnect(connection);
        return DemoFailure{kExitFailed, queued.error().message};
    }
    cmid = queued.value();
    bool failed = false;
    const bool done = m_cast.waitUntil([&] {
        if (*sentSeq != 0)
            return true;
        auto unsent = engine.store().outbox().unsent(conversation);
        for (const store::OutboxItem &item : unsent ? *unsent : QList<store::OutboxItem>()) {
            if (item.state == store::OutboxState::Failed)
                failed = true;
        }
        return failed;
    });
    QObject::disconnect(connection);
    if (failed)
        return DemoFailure{kExitFailed, u"the relay refused a message from %1"_s.arg(author)};
    if (!done)
        return DemoFailure{kExitUnreachable, u"the relay did not acknowledge a message"_s};
    seq = *sentSeq;
    return std::nullopt;
}

void ScriptPlayer::pace(const QString &author) {
    Bucket &bucket = m_buckets[author];
    if (!bucket.refilled.isValid()) {
        bucket.tokens = kBurst;
        bucket.refilled.start();
    }
    auto refill = [&bucket] {
        bucket.tokens = qMin(kBurst, bucket.tokens + double(bucket.refilled.restart()) *
                                                         kRatePerSecond / 1000.0);
        return bucket.tokens >= 1;
    };
    if (!refill())
        (void)m_cast.waitUntil(refill);
    bucket.tokens -= 1;
}

} // namespace hearth::demo
