// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_seeder.h"

#include "app/demo/demo_profiles.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <algorithm>

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kMarkerVersion = 1;

QStringList participants(const DemoConversation &spec) {
    return QStringList{spec.owner} + spec.members;
}
} // namespace

DemoSeeder::DemoSeeder(DemoCast &cast, SeedOptions options)
    : m_cast(cast)
    , m_options(std::move(options)) {}

QString DemoSeeder::markerPath() {
    return demoRootDirectory() + u"/seeded.json"_s;
}

bool DemoSeeder::looksSeeded(const QUrl &relay) {
    QFile file(markerPath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject marker = QJsonDocument::fromJson(file.readAll()).object();
    if (marker.value("version"_L1).toInt() != kMarkerVersion ||
        marker.value("relay"_L1).toString() != relay.toString())
        return false;
    const QStringList members = demoMembers();
    return std::all_of(members.cbegin(), members.cend(), [](const QString &member) {
        return store::Profile::exists(demoProfileDirectory(member));
    });
}

std::variant<SeedOutcome, DemoFailure> DemoSeeder::run() {
    if (looksSeeded(m_options.relay)) {
        // One member is enough to ask the relay whether it still knows the community. Only a
        // free profile will do (sam last: the app is the likeliest to have sam open).
        QStringList order = demoMembers();
        order.move(0, order.size() - 1);
        bool asked = false;
        for (const QString &member : std::as_const(order)) {
            if (!m_cast.plays(member)) {
                if (m_cast.claim(member, DemoCast::Claim::IfFree))
                    continue;
                if (m_cast.open(member)) {
                    m_cast.release(member);
                    continue;
                }
            }
            asked = true;
            const Reach reach = m_cast.connect({member});
            if (reach == Reach::Online)
                return SeedOutcome::AlreadySeeded;
            if (reach == Reach::Unreachable)
                return DemoFailure{kExitUnreachable, u"cannot reach the relay at %1"_s.arg(
                                                         m_options.relay.toString())};
            break; // the relay forgot the community (its data was wiped): start over
        }
        if (!asked)
            return DemoFailure{kExitInUse, u"every demo profile is open in another process"_s};
    }
    if (auto failure = seedFromScratch())
        return *failure;
    return SeedOutcome::Seeded;
}

std::optional<DemoFailure> DemoSeeder::seedFromScratch() {
    const QStringList members = demoMembers();
    // Every profile is claimed before anything is removed, so a busy one changes nothing.
    for (const QString &member : members) {
        if (auto failure = m_cast.claim(member))
            return failure;
    }
    QFile::remove(markerPath());
    for (const QString &member : members) {
        if (m_cast.plays(member))
            m_cast.close(member);
        if (auto failure = m_cast.recreate(member))
            return failure;
        if (auto failure = m_cast.open(member))
            return failure;
    }
    if (auto failure = m_cast.registerAll(members))
        return failure;

    ScriptPlayer player(m_cast);
    QList<std::pair<hearth::ConversationId, PlayedScript>> played;
    const QList<DemoConversation> conversations = demoConversations();
    for (const DemoConversation &spec : conversations) {
        const ParsedScript script = loadScript(spec.script);
        if (!script.error.isEmpty())
            return DemoFailure{kExitFailed, script.error};
        hearth::ConversationId id;
        if (auto failure = create(spec, id))
            return failure;
        PlayedScript result;
        const QList<ScriptStep> steps =
            spec.busy ? truncateScript(script.steps, m_options.historySize) : script.steps;
        if (auto failure = player.play(id, steps, result))
            return failure;
        played.append({id, result});
    }
    for (qsizetype i = 0; i < conversations.size(); ++i) {
        if (auto failure = markRead(conversations.at(i), played.at(i).first, played.at(i).second))
            return failure;
    }

    QSaveFile marker(markerPath());
    const QJsonObject content{{u"version"_s, kMarkerVersion},
                              {u"relay"_s, m_options.relay.toString()}};
    if (!marker.open(QIODevice::WriteOnly) || marker.write(QJsonDocument(content).toJson()) < 0 ||
        !marker.commit())
        return DemoFailure{kExitFailed, u"cannot write %1"_s.arg(markerPath())};
    return std::nullopt;
}

std::optional<DemoFailure> DemoSeeder::create(const DemoConversation &spec,
                                              hearth::ConversationId &id) {
    engine::SyncEngine &owner = m_cast.engine(spec.owner);
    auto created = std::make_shared<hearth::ConversationId>();
    auto failure = m_cast.await([&owner, &spec, created](engine::Completion done) {
        owner.createConversation(
            spec.kind, spec.title, spec.members,
            [created, done](const engine::EngineResult<hearth::ConversationId> &result) {
                if (!result) {
                    done(result.error());
                    return;
                }
                *created = result.value();
                done(std::nullopt);
            });
    });
    if (failure)
        return DemoFailure{failure->exitCode,
                           u"cannot create %1: %2"_s.arg(spec.script, failure->message)};
    id = *created;
    auto cursor = owner.store().conversations().cursor(id);
    const quint64 lastSeq = cursor ? *cursor : 0;
    if (!m_cast.waitUntil([&] { return everyoneHas(participants(spec), id, lastSeq); }))
        return DemoFailure{kExitUnreachable,
                           u"the members of %1 did not learn about it"_s.arg(spec.script)};
    return std::nullopt;
}

bool DemoSeeder::everyoneHas(const QStringList &members, hearth::ConversationId id, quint64 seq) {
    for (const QString &member : members) {
        auto cursor = m_cast.engine(member).store().conversations().cursor(id);
        if (!cursor || *cursor < seq)
            return false;
    }
    return true;
}

std::optional<DemoFailure> DemoSeeder::markRead(const DemoConversation &spec,
                                                hearth::ConversationId id,
                                                const PlayedScript &played) {
    const QStringList readers = participants(spec);
    // why: a sender stores its own messages when the relay acks them, but only a sync moves its
    // cursor past them (the relay pushes events to the other devices).
    for (const QString &reader : readers) {
        engine::SyncEngine &engine = m_cast.engine(reader);
        if (auto failure = m_cast.await([&](engine::Completion done) { engine.sync(id, done); }))
            return failure;
    }
    if (!m_cast.waitUntil([&] { return everyoneHas(readers, id, played.lastSeq); })) {
        QStringList behind;
        for (const QString &reader : readers) {
            auto cursor = m_cast.engine(reader).store().conversations().cursor(id);
            behind.append(u"%1 at %2"_s.arg(reader).arg(cursor ? *cursor : 0));
        }
        return DemoFailure{kExitUnreachable, u"the history of %1 (up to %2) did not reach every "
                                             "member: %3"_s.arg(spec.script)
                                                 .arg(played.lastSeq)
                                                 .arg(behind.join(u", "_s))};
    }
    QHash<QString, quint64> markers;
    for (const QString &reader : readers)
        markers.insert(reader, played.lastSeq);
    // sam has read everything before the newest `unreadForSam` messages from others.
    int fromOthers = 0;
    for (auto it = played.messages.crbegin(); it != played.messages.crend(); ++it) {
        if (spec.unreadForSam > 0 && it->author != QLatin1StringView(kDemoUser) &&
            ++fromOthers == spec.unreadForSam) {
            markers.insert(QString::fromLatin1(kDemoUser), it->seq - 1);
            break;
        }
    }
    for (auto it = markers.cbegin(); it != markers.cend(); ++it) {
        if (auto error = m_cast.engine(it.key()).markRead(id, it.value()))
            return DemoFailure{kExitFailed, error->message};
    }
    if (!m_cast.waitUntil([&] {
            for (auto it = markers.cbegin(); it != markers.cend(); ++it) {
                auto published = m_cast.engine(it.key()).store().readMarkers().publishedMarker(id);
                if (!published || *published < it.value())
                    return false;
            }
            return true;
        }))
        return DemoFailure{kExitUnreachable, u"the relay did not take the read markers"_s};
    return std::nullopt;
}

} // namespace hearth::demo
