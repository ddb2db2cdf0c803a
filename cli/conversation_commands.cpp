// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-cli: conversation, message and read-state commands.
#include "cli/cli_session.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "sync/engine/conversation_info.h"
#include "sync/protocol/names.h"
#include "sync/store/store.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <functional>

namespace hearth::cli::command {

using namespace Qt::Literals::StringLiterals;

//! Prints one line per conversation summary with `print`.
static int printSummaries(
    const CommandLine &line,
    const std::function<void(QTextStream &, const store::ConversationSummary &)> &print) {
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    auto summaries = session.engine().store().timeline().summaries();
    if (!summaries)
        return fail({kFailed, summaries.error().message});
    QTextStream out(stdout);
    for (const store::ConversationSummary &summary : *summaries)
        print(out, summary);
    return kOk;
}

int convs(const CommandLine &line) {
    return printSummaries(line, [](QTextStream &out, const store::ConversationSummary &summary) {
        const store::Conversation &c = summary.conversation;
        out << c.id.value << '\t' << (c.kind ? protocol::kindName(*c.kind) : "?"_L1) << '\t'
            << summary.unreadCount << " unread\t" << c.title << Qt::endl;
    });
}

int create(const CommandLine &line) {
    const auto kind = protocol::kindFromName(line.words.value(1));
    if (!kind)
        return fail({kUsage, u"usage: create dm|group|channel [--title T] MEMBER..."_s});
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    std::optional<hearth::ConversationId> created;
    auto failure = session.await([&](engine::Completion done) {
        session.engine().createConversation(
            *kind, line.options.value(u"title"_s), line.words.mid(2),
            [&created, done](const engine::EngineResult<hearth::ConversationId> &result) {
                if (!result) {
                    done(result.error());
                    return;
                }
                created = result.value();
                done(std::nullopt);
            });
    });
    if (failure)
        return fail(*failure);
    QTextStream(stdout) << created->value << Qt::endl;
    return kOk;
}

int membership(const CommandLine &line) {
    const QString &name = line.words.first();
    const bool leaving = name == u"leave"_s;
    const auto conversation = conversationArg(line.words.value(1));
    if (!conversation || line.words.size() != (leaving ? 2 : 3))
        return fail(
            {kUsage, leaving ? u"usage: leave CONV"_s : u"usage: %1 CONV USER"_s.arg(name)});
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    engine::SyncEngine &engine = session.engine();
    const QString user = line.words.value(2);
    if (auto failure = session.await([&](engine::Completion done) {
            if (leaving)
                engine.leave(*conversation, done);
            else if (name == u"add-member"_s)
                engine.addMember(*conversation, user, done);
            else
                engine.removeMember(*conversation, user, done);
        }))
        return fail(*failure);
    return kOk;
}

int send(const CommandLine &line) {
    const auto conversation = conversationArg(line.words.value(1));
    if (!conversation || line.words.size() > 3)
        return fail({kUsage, u"usage: send CONV [TEXT]"_s});
    QString text = line.words.value(2);
    if (line.words.size() == 2) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return fail({kUsage, u"cannot read stdin"_s});
        text = QString::fromUtf8(input.readAll());
        if (text.endsWith(u'\n'))
            text.chop(1);
    }
    if (text.isEmpty())
        return fail({kUsage, u"nothing to send"_s});
    CliSession session = sessionFor(line);
    if (auto failure = session.open())
        return fail(*failure);
    engine::SyncEngine &engine = session.engine();
    auto cmid = engine.sendText(*conversation, text);
    if (!cmid)
        return fail(CliSession::failureOf(cmid.error()));
    if (auto error = engine.start())
        return fail(CliSession::failureOf(*error));
    std::optional<quint64> seq;
    auto delivered = [&] {
        auto unsent = engine.store().outbox().unsent(*conversation);
        return unsent && unsent->isEmpty();
    };
    if (!session.waitUntil(delivered))
        return fail({kUnreachable, u"queued: it will be sent on a later run"_s});
    auto event = engine.store().timeline().find(
        *conversation, store::EventRef::byCmid(engine.user(), cmid.value()));
    if (event && *event)
        seq = (*event)->seq;
    QTextStream(stdout) << seq.value_or(0) << Qt::endl;
    return kOk;
}

int follow(const CommandLine &line) {
    const auto only = conversationArg(line.words.value(1));
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    engine::SyncEngine &engine = session.engine();
    QHash<quint64, quint64> shown;
    auto print = [&engine, &shown, only](quint64 conv) {
        if (only && only->value != conv)
            return;
        const quint64 after = shown.value(conv);
        auto events = engine.store().timeline().after(hearth::ConversationId{conv}, after, 1000);
        if (!events)
            return;
        QTextStream out(stdout);
        for (const store::TimelineEvent &event : *events) {
            if (event.kind == store::EventKind::Message)
                out << conv << '\t' << event.seq << '\t' << event.sender.user.name << '\t'
                    << event.text << Qt::endl;
            shown.insert(conv, event.seq);
        }
    };
    auto conversations = engine.store().conversations().conversations();
    if (conversations) {
        for (const store::Conversation &conversation : *conversations) {
            auto cursor = engine.store().conversations().cursor(conversation.id);
            shown.insert(conversation.id.value, cursor ? *cursor : 0);
        }
    }
    QObject::connect(&engine, &engine::SyncEngine::eventsChanged, &engine, print);
    return QCoreApplication::exec();
}

int read(const CommandLine &line) {
    const auto conversation = conversationArg(line.words.value(1));
    if (!conversation || line.words.size() > 3)
        return fail({kUsage, u"usage: read CONV [SEQ]"_s});
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    engine::SyncEngine &engine = session.engine();
    quint64 seq = line.words.value(2).toULongLong();
    if (seq == 0) {
        auto latest = engine.store().timeline().latest(*conversation, 1);
        if (latest && !latest->isEmpty())
            seq = latest->first().seq;
    }
    if (auto error = engine.markRead(*conversation, seq))
        return fail(CliSession::failureOf(*error));
    if (!session.waitUntil([&] {
            auto published = engine.store().readMarkers().publishedMarker(*conversation);
            return published && *published >= seq;
        }))
        return fail({kUnreachable, u"read locally; the relay did not confirm it"_s});
    return kOk;
}

int unread(const CommandLine &line) {
    return printSummaries(line, [](QTextStream &out, const store::ConversationSummary &summary) {
        out << summary.conversation.id.value << '\t' << summary.unreadCount << Qt::endl;
    });
}

} // namespace hearth::cli::command
