// SPDX-License-Identifier: GPL-3.0-or-later
// The profile the desktop app benchmark opens: made through the store API as catch-up would
// leave it (pages of decrypted events, each page one transaction), with real device keys.
#include "tests/bench/bench_app_profile.h"

#include "crypto/dh_key.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <random>

using namespace hearth;
using namespace hearth::store;
using namespace Qt::StringLiterals;

namespace hearth::bench {

namespace {

constexpr int kPage = 500;      // events per catch-up page (one transaction)
constexpr int kDms = 8;         // conversations 13..20 are DMs
constexpr int kGroupSize = 12;  // members of each group besides the account
constexpr qint64 kGapMs = 2000; // relay time between two messages
const UserId kMe{u"me"_s};
constexpr auto kMarkerFile = "bench-app.profile";

[[noreturn]] void die(const QString &what, const StoreFailure &failure) {
    qFatal("%s: %s", qPrintable(what), qPrintable(failure.message));
}

template <class R> auto check(R &&result, const QString &what) {
    if (!result.ok())
        die(what, result.error());
    if constexpr (!std::is_same_v<std::decay_t<R>, StoreStatus>)
        return std::move(result).value();
}

//! Common English words, commonest first: Zipf-weighted chat text.
constexpr const char *kWords[] = {
    "the",     "I",        "to",      "you",      "a",      "and",     "it",      "is",
    "that",    "of",       "in",      "we",       "for",    "on",      "this",    "be",
    "have",    "not",      "just",    "do",       "so",     "can",     "but",     "with",
    "was",     "are",      "if",      "it's",     "I'm",    "at",      "what",    "think",
    "will",    "get",      "yeah",    "like",     "they",   "about",   "there",   "know",
    "one",     "out",      "all",     "would",    "up",     "no",      "should",  "now",
    "good",    "go",       "time",    "see",      "then",   "need",    "from",    "me",
    "how",     "could",    "yes",     "make",     "some",   "don't",   "maybe",   "when",
    "thanks",  "tomorrow", "today",   "build",    "test",   "release", "meeting", "review",
    "branch",  "fix",      "issue",   "deploy",   "server", "client",  "change",  "update",
    "look",    "work",     "right",   "back",     "still",  "really",  "sure",    "later",
    "check",   "merge",    "report",  "coffee",   "lunch",  "week",    "doc",     "draft",
    "agree",   "problem",  "idea",    "question", "plan",   "team",    "slides",  "numbers",
    "morning", "call",     "ship",    "design",   "bug",    "config",  "logs",    "crash",
    "latency", "memory",   "profile", "startup",  "window", "scroll",  "search",  "unread",
};
constexpr int kWordCount = int(std::size(kWords));

//! Deterministic chat traffic: conversation 1 gets half of the messages, the others share the
//! rest; senders are the conversation's members, 10% the account itself.
class Traffic final {
public:
    explicit Traffic(qint64 startTs)
        : m_startTs(startTs) {
        double total = 0;
        for (int rank = 1; rank <= kWordCount; ++rank)
            m_cdf.push_back(total += 1.0 / rank);
        for (double &value : m_cdf)
            value /= total;
    }

    static QString memberName(quint64 conversation, int i) {
        return u"user%1"_s.arg((conversation * 7 + quint64(i) * 13) % 200);
    }

    IncomingEvent next(quint64 index, bool last) {
        IncomingEvent event;
        const bool big = last || m_random() % 2 == 0;
        const quint64 conversation = big ? 1u : 2u + m_random() % (kAppConversations - 1);
        event.conversation = ConversationId{conversation};
        event.seq = ++m_seqs[conversation];
        event.ts = m_startTs + qint64(index) * kGapMs + qint64(m_random() % 1000);
        const bool own = m_random() % 10 == 0;
        const int peers = conversation > kAppConversations - kDms ? 1 : kGroupSize;
        event.sender =
            DeviceAddress{own ? kMe : UserId{memberName(conversation, int(m_random() % peers))},
                          DeviceId{1 + m_random() % 3}};
        event.cmid = ClientMessageId::generate();
        event.content.contentType = u"text"_s;
        event.content.text = sentence();
        return event;
    }
    [[nodiscard]] quint64 lastSeq(quint64 conversation) const { return m_seqs.value(conversation); }

private:
    QString sentence() {
        const int words = 3 + int(m_random() % 23);
        QStringList text;
        for (int i = 0; i < words; ++i) {
            const double u = std::uniform_real_distribution<double>(0, 1)(m_random);
            text.push_back(QString::fromLatin1(
                kWords[std::lower_bound(m_cdf.begin(), m_cdf.end(), u) - m_cdf.begin()]));
        }
        text[0][0] = text[0][0].toUpper();
        switch (m_random() % 20) { // a little markdown, as people type it
        case 0:
            text[words / 2] = u"**"_s + text[words / 2] + u"**"_s;
            break;
        case 1:
            text[words - 1] = u"`"_s + text[words - 1] + u"`"_s;
            break;
        case 2:
            text.push_back(u"https://example.org/issues/%1"_s.arg(m_random() % 5000));
            break;
        default:
            break;
        }
        return text.join(u' ') + (m_random() % 4 == 0 ? u"?"_s : u"."_s);
    }

    qint64 m_startTs;
    std::mt19937_64 m_random{2026};
    std::vector<double> m_cdf;
    QHash<quint64, quint64> m_seqs;
};

QString markerText(const AppProfileSpec &spec) {
    return u"messages=%1\n"_s.arg(spec.messages);
}

void setUpAccount(Store &store) {
    const auto signing = crypto::SigningKeyPair::generate();
    const auto dh = crypto::DhKeyPair::generate();
    const auto account = crypto::SigningKeyPair::generate();
    // why: port 9 (discard) refuses connections, so the engine stays offline and retries, as
    // on a laptop without network; the benchmark measures the local path only.
    check(store.account().create(
              {kMe, DeviceId{1}, u"ws://127.0.0.1:9"_s, QDateTime::currentMSecsSinceEpoch()},
              {signing.seed(), crypto::SecretBytes::fromBytes(crypto::secretView(dh.secretKey())),
               account.seed()}),
          u"account"_s);
}

void setUpConversations(Store &store) {
    for (quint64 id = 1; id <= kAppConversations; ++id) {
        const bool dm = id > kAppConversations - kDms;
        ConversationInfo info;
        info.id = ConversationId{id};
        info.kind = dm ? ConversationKind::Dm : ConversationKind::Group;
        info.title = dm ? QString() : u"Team %1"_s.arg(id);
        info.ownRole = id == 1 ? Role::Owner : Role::Member;
        check(store.conversations().upsert(info), u"conversation"_s);
        QList<Member> members{{kMe, info.ownRole, 0}};
        for (int i = 0; i < (dm ? 1 : kGroupSize); ++i)
            members.append({UserId{Traffic::memberName(id, i)}, Role::Member, 0});
        check(store.conversations().replaceMembers(info.id, members, 0), u"members"_s);
    }
}

} // namespace

void ensureAppProfile(const AppProfileSpec &spec) {
    QTextStream out(stdout);
    QFile marker(spec.directory + u'/' + QLatin1StringView(kMarkerFile));
    if (Profile::exists(spec.directory) && marker.open(QIODevice::ReadOnly) &&
        QString::fromUtf8(marker.readAll()) == markerText(spec)) {
        out << "profile: reusing " << spec.directory << Qt::endl;
        return;
    }
    marker.close();
    QDir(spec.directory).removeRecursively();
    out << "profile: generating " << spec.messages << " messages in " << spec.directory << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    auto profile = check(
        Profile::create(spec.directory, spec.passphrase, crypto::PasswordHashCost::Interactive),
        u"create"_s);
    auto store = check(profile.openStore(Access::ReadWrite), u"open"_s);
    setUpAccount(*store);
    setUpConversations(*store);

    // Ends now, so the sidebar shows today's and yesterday's times.
    Traffic traffic(QDateTime::currentMSecsSinceEpoch() - qint64(spec.messages) * kGapMs);
    QList<IncomingEvent> page;
    for (quint64 i = 0; i < spec.messages; ++i) {
        page.push_back(traffic.next(i, i + 1 == spec.messages));
        if (page.size() == kPage || i + 1 == spec.messages) {
            check(store->transaction([&]() -> StoreStatus {
                if (auto inserted = store->events().insertAll(page); !inserted)
                    return inserted.error();
                QHash<quint64, quint64> top; // cursor per conversation after this page
                for (const IncomingEvent &event : page)
                    top[event.conversation.value] = event.seq;
                for (auto it = top.cbegin(); it != top.cend(); ++it) {
                    if (auto cursor =
                            store->conversations().advanceCursor(ConversationId{it.key()}, *it);
                        !cursor)
                        return cursor.error();
                }
                return {};
            }),
                  u"ingest"_s);
            page.clear();
            if ((i + 1) % 100'000 == 0)
                out << "profile: " << (i + 1) << " messages, " << timer.elapsed() / 1000 << " s"
                    << Qt::endl;
        }
    }
    // The usual state: each conversation read up to ~30 messages before its end.
    for (quint64 id = 1; id <= kAppConversations; ++id) {
        const quint64 last = traffic.lastSeq(id);
        check(store->readMarkers().setReadMarker(ConversationId{id}, last > 30 ? last - 30 : 0, 0),
              u"marker"_s);
    }
    store.reset();
    if (!marker.open(QIODevice::WriteOnly) || marker.write(markerText(spec).toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(marker.fileName()));
    out << "profile: done in " << timer.elapsed() / 1000 << " s" << Qt::endl;
}

} // namespace hearth::bench
