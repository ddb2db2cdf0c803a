// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-bench-store: fills a profile with N received messages and times what the app does with
// it — ingest, opening a conversation, scrolling back, unread counts, the sidebar, search, an
// HTML export — plus the file size, and SQLCipher's ingest against the same library without a
// key (plain SQLite).
// Not a test: it reports figures (stdout, and Markdown with --out).
//
//   hearth-bench-store [--events 1000000] [--compare 200000] [--dir DIR] [--out FILE.md]
#include "sync/engine/transcript_export.h"
#include "sync/store/details/connection.h"
#include "sync/store/migrations.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <random>

using namespace hearth;
using namespace hearth::store;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kPage = 500;         // events per catch-up page (one transaction)
constexpr int kConversations = 20; // conversation 1 gets half of all events
constexpr int kVocabulary = 20000; // Zipf-distributed words
constexpr qint64 kStartTs = 1'700'000'000'000;
const UserId kMe{u"me"_s};

[[noreturn]] void die(const QString &what, const StoreFailure &failure) {
    qFatal("%s: %s", qPrintable(what), qPrintable(failure.message));
}

template <class R> auto check(R &&result, const QString &what) {
    if (!result.ok())
        die(what, result.error());
    if constexpr (!std::is_same_v<std::decay_t<R>, StoreStatus>)
        return std::move(result).value();
}

//! Deterministic synthetic traffic: Zipf words (rank 1 is the commonest), 50 senders.
class Corpus {
public:
    Corpus() {
        double total = 0;
        for (int rank = 1; rank <= kVocabulary; ++rank)
            m_cdf.push_back(total += 1.0 / rank);
        for (double &value : m_cdf)
            value /= total;
    }
    static QString word(int rank) { return u"w"_s + QString::number(rank, 36); }

    IncomingEvent next(quint64 index) {
        IncomingEvent event;
        const bool big = m_random() % 2 == 0;
        event.conversation = ConversationId{big ? 1u : 2u + m_random() % (kConversations - 1)};
        event.seq = ++m_seqs[event.conversation.value];
        event.ts = kStartTs + qint64(index) * 2000 + qint64(m_random() % 1000);
        const bool own = m_random() % 10 == 0;
        event.sender = DeviceAddress{own ? kMe : UserId{u"user%1"_s.arg(m_random() % 50)},
                                     DeviceId{1 + m_random() % 100}};
        event.cmid = ClientMessageId::generate();
        event.content.contentType = u"text"_s;
        const int words = 5 + int(m_random() % 16);
        QStringList text;
        for (int i = 0; i < words; ++i) {
            const double u = std::uniform_real_distribution<double>(0, 1)(m_random);
            text.push_back(
                word(1 + int(std::lower_bound(m_cdf.begin(), m_cdf.end(), u) - m_cdf.begin())));
        }
        event.content.text = text.join(u' ');
        return event;
    }
    [[nodiscard]] quint64 lastSeq(quint64 conversation) const { return m_seqs.value(conversation); }

private:
    std::mt19937_64 m_random{2024};
    std::vector<double> m_cdf;
    QHash<quint64, quint64> m_seqs;
};

//! A field of /proc/self/status in KiB ("VmRSS", "VmHWM"), or -1.
qint64 statusKiB(QByteArrayView field) {
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field) && line.size() > field.size() && line[field.size()] == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

//! Exports the first (up to) 100,000 messages of `conversation` as HTML into `path`: the time
//! and how far the peak RSS rose above the RSS before (VmHWM, reset first; Linux 4.0+).
std::pair<double, qint64> exportHtml(Store &store, ConversationId conversation, quint64 top,
                                     const QString &path) {
    engine::TranscriptOptions options;
    options.format = engine::TranscriptFormat::Html;
    if (top > 100'000)
        options.range.toTs = check(store.timeline().event(conversation, 100'000), u"event"_s)->ts;
    QFile clear(u"/proc/self/clear_refs"_s);
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
    clear.close();
    const qint64 before = statusKiB("VmRSS");
    QElapsedTimer timer;
    timer.start();
    auto written = engine::writeExportFile(path, [&](QIODevice &out) {
        return engine::exportTranscript(store, conversation, options, out);
    });
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (!written)
        qFatal("export: %s", qPrintable(written.error().message));
    return {ms, statusKiB("VmHWM") - before};
}

struct Timing {
    double median = 0;
    double p95 = 0;
};

template <class F> Timing measure(int repetitions, F &&work) {
    std::vector<double> ms;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        work(i);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

//! Inserts `count` events in pages (events + cursor per transaction); returns events/s.
double ingest(Store &store, Corpus &corpus, quint64 count) {
    QElapsedTimer timer;
    timer.start();
    QList<IncomingEvent> page;
    for (quint64 i = 0; i < count; ++i) {
        page.push_back(corpus.next(i));
        if (page.size() == kPage || i + 1 == count) {
            check(store.transaction([&]() -> StoreStatus {
                if (auto inserted = store.events().insertAll(page); !inserted)
                    return inserted.error();
                return {};
            }),
                  u"ingest"_s);
            page.clear();
        }
    }
    return double(count) / (double(timer.nsecsElapsed()) / 1e9);
}

double plainIngest(const QString &dir, quint64 count) {
    auto db = check(Database::open(dir + u"/plain.db"_s, OpenMode::Create), u"open plain"_s);
    check(details::configureConnection(db, false), u"configure plain"_s);
    check(migrate(db), u"migrate plain"_s);
    check(db.exec("PRAGMA journal_mode = WAL"), u"wal"_s);
    Store store(std::move(db));
    Corpus corpus;
    return ingest(store, corpus, count);
}

QString loadAverage() {
    QFile load(u"/proc/loadavg"_s);
    if (!load.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(load.readAll().split(' ').value(0));
}

QString machine() {
    QString cpu = u"unknown CPU"_s;
    QFile info(u"/proc/cpuinfo"_s);
    if (info.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : info.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    return u"%1, %2 cores, %3 (%4)"_s.arg(cpu)
        .arg(QThread::idealThreadCount())
        .arg(QSysInfo::prettyProductName(), QSysInfo::kernelVersion());
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{u"events"_s, u"Messages to store."_s, u"n"_s, u"1000000"_s},
         {u"compare"_s, u"Messages for the plain-SQLite comparison (0: skip)."_s, u"n"_s,
          u"200000"_s},
         {u"dir"_s, u"Directory for the profiles (default: a temporary one)."_s, u"dir"_s},
         {u"out"_s, u"Also write the figures as Markdown to this file."_s, u"file"_s}});
    parser.process(app);
    const quint64 events = parser.value(u"events"_s).toULongLong();
    const quint64 compare = parser.value(u"compare"_s).toULongLong();
    const QString loadAtStart = loadAverage();
    QTemporaryDir temporary;
    const QString base = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temporary.path();
    QDir().mkpath(base);

    QStringList rows;
    auto row = [&](const QString &what, const QString &figure) {
        rows.push_back(u"| %1 | %2 |"_s.arg(what, figure));
        QTextStream(stdout) << what << ": " << figure << Qt::endl;
    };
    auto timingRow = [&](const QString &what, Timing timing) {
        row(what,
            u"%1 ms median, %2 ms p95"_s.arg(timing.median, 0, 'f', 3).arg(timing.p95, 0, 'f', 3));
    };

    if (compare > 0) {
        QDir(base + u"/compare"_s).removeRecursively();
        QDir().mkpath(base + u"/compare"_s);
        const double plain = plainIngest(base + u"/compare"_s, compare);
        auto profile = check(Profile::create(base + u"/compare/encrypted"_s, "bench",
                                             hearth::crypto::PasswordHashCost::Minimum),
                             u"create"_s);
        auto store = check(profile.openStore(Access::ReadWrite), u"open"_s);
        Corpus corpus;
        const double encrypted = ingest(*store, corpus, compare);
        row(u"Ingest, %1 messages, plain SQLite (same library, no key)"_s.arg(compare),
            u"%1 msg/s"_s.arg(plain, 0, 'f', 0));
        row(u"Ingest, %1 messages, SQLCipher"_s.arg(compare),
            u"%1 msg/s (%2% of plain)"_s.arg(encrypted, 0, 'f', 0)
                .arg(100.0 * encrypted / plain, 0, 'f', 0));
    }

    const QString dir = base + u"/profile"_s;
    QDir(dir).removeRecursively();
    QElapsedTimer argon;
    argon.start();
    (void)hearth::crypto::deriveStoreKey("bench", hearth::crypto::StoreSalt::generate(),
                                         hearth::crypto::PasswordHashCost::Interactive);
    row(u"Unlock key derivation (Argon2id, interactive cost)"_s,
        u"%1 ms"_s.arg(double(argon.nsecsElapsed()) / 1e6, 0, 'f', 0));
    auto profile = check(Profile::create(dir, "bench", hearth::crypto::PasswordHashCost::Minimum),
                         u"create"_s);
    Corpus corpus;
    {
        auto store = check(profile.openStore(Access::ReadWrite), u"open"_s);
        check(store->account().create({kMe, DeviceId{1}, u"wss://bench"_s, 0},
                                      {hearth::crypto::SecretBytes::generate(32),
                                       hearth::crypto::SecretBytes::generate(32),
                                       {}}),
              u"account"_s);
        const double rate = ingest(*store, corpus, events);
        row(u"Ingest, %1 messages in pages of %2 (store + FTS index)"_s.arg(events).arg(kPage),
            u"%1 msg/s"_s.arg(rate, 0, 'f', 0));
    }

    // Queries on a freshly opened reader, as the UI would.
    auto store = check(profile.openStore(Access::ReadOnly), u"reader"_s);
    const ConversationId big{1};
    const quint64 top = corpus.lastSeq(1);
    Timeline &timeline = store->timeline();
    std::mt19937 random(7);
    row(u"Messages in the largest conversation"_s, QString::number(top));
    timingRow(u"Open a conversation: newest 50 messages"_s,
              measure(200, [&](int) { check(timeline.latest(big, 50), u"latest"_s); }));
    timingRow(u"Scroll back: 50 messages before a random seq"_s, measure(200, [&](int) {
                  check(timeline.before(big, 1 + random() % top, 50), u"before"_s);
              }));
    // Every conversation read up to ~100 messages before its end: the usual state.
    auto writer = check(profile.openStore(Access::ReadWrite), u"writer"_s);
    for (quint64 conv = 1; conv <= kConversations; ++conv) {
        const quint64 last = corpus.lastSeq(conv);
        check(writer->readMarkers().setReadMarker(ConversationId{conv}, last > 100 ? last - 100 : 0,
                                                  0),
              u"marker"_s);
    }
    timingRow(u"Unread count, ~90 unread"_s,
              measure(200, [&](int) { check(timeline.unreadCount(big), u"unread"_s); }));
    timingRow(
        u"Sidebar: %1 conversations with unread counts and last message"_s.arg(kConversations),
        measure(50, [&](int) { check(timeline.summaries(), u"summaries"_s); }));
    check(writer->database().exec("DELETE FROM read_markers"), u"reset markers"_s);
    timingRow(u"Unread count, all %1 unread (worst case, exact)"_s.arg(top),
              measure(20, [&](int) { check(timeline.unreadCount(big), u"unread"_s); }));
    timingRow(u"Sidebar, nothing ever read (counts capped at 1000)"_s,
              measure(20, [&](int) { check(timeline.summaries(), u"summaries"_s); }));

    Search &search = store->search();
    auto searchRow = [&](const QString &what, SearchQuery query, int repetitions) {
        qsizetype hits = 0;
        const Timing timing = measure(
            repetitions, [&](int) { hits = check(search.search(query), u"search"_s).size(); });
        timingRow(u"%1 (%2 hits returned)"_s.arg(what).arg(hits), timing);
    };
    searchRow(u"Search newest first, commonest word, limit 50"_s, SearchQuery(Corpus::word(1)), 50);
    searchRow(u"Search newest first, rare word, limit 50"_s, SearchQuery(Corpus::word(15000)), 50);
    SearchQuery typing(Corpus::word(1000).left(3)); // 3 letters typed: a prefix of ~40 words
    typing.prefixLastWord = true;
    searchRow(u"Search as you type: a 3-letter prefix, newest first"_s, typing, 20);
    typing.text = Corpus::word(1); // "w1": under Search::kMinPrefix letters, a whole word
    searchRow(u"Search as you type: 2 letters typed (the commonest word, whole)"_s, typing, 20);
    // A word typed letter by letter, each keystroke's query as SearchModel runs it (a limit of
    // 51 tells whether there are more).
    const QString typed = Corpus::word(15000);
    for (qsizetype letters = 1; letters <= typed.size(); ++letters) {
        SearchQuery keystroke(typed.left(letters));
        keystroke.prefixLastWord = true;
        keystroke.limit = 51;
        searchRow(u"Search as you type \"%1\", keystroke %2: \"%3\""_s.arg(typed).arg(letters).arg(
                      keystroke.text),
                  keystroke, 20);
    }
    SearchQuery inConversation(Corpus::word(100));
    inConversation.conversation = ConversationId{5};
    searchRow(u"Search newest first, mid-frequency word in one conversation"_s, inConversation, 50);
    SearchQuery filtered(Corpus::word(1) + u' ' + Corpus::word(50));
    filtered.conversation = ConversationId{5};
    filtered.sender = UserId{u"user7"_s};
    searchRow(u"Search newest first, commonest + common word, conversation + sender filter "
              "(worst case: few hits among many)"_s,
              filtered, 10);
    searchRow(u"Search newest first, mid-frequency word, limit 50"_s,
              SearchQuery(Corpus::word(100)), 50);
    SearchQuery commonLastDay(Corpus::word(1));
    commonLastDay.fromTs = kStartTs + qint64(events) * 2000 - 86'400'000;
    searchRow(u"Search newest first, commonest word, last 24 h"_s, commonLastDay, 50);
    SearchQuery lastDay(Corpus::word(100));
    lastDay.fromTs = kStartTs + qint64(events) * 2000 - 86'400'000;
    searchRow(u"Search newest first, mid-frequency word, last 24 h"_s, lastDay, 50);
    // Filters alone (no words), newest first. The corpus has no links, mentions or thread
    // replies: those rows are the cost of finding none (for in:thread, a scan of every row).
    const qint64 lastDayStart = kStartTs + qint64(events) * 2000 - 86'400'000;
    SearchQuery bySender;
    bySender.sender = UserId{u"user7"_s};
    searchRow(u"Search, a filter alone: from one sender"_s, bySender, 50);
    SearchQuery byConversation;
    byConversation.conversation = ConversationId{5};
    searchRow(u"Search, a filter alone: in one conversation"_s, byConversation, 50);
    SearchQuery byDay;
    byDay.fromTs = lastDayStart;
    searchRow(u"Search, a filter alone: the last 24 h"_s, byDay, 50);
    SearchQuery byLink;
    byLink.hasLink = true;
    searchRow(u"Search, a filter alone: has a link (none in the corpus)"_s, byLink, 50);
    SearchQuery byMention;
    byMention.mentions = UserId{u"user7"_s};
    searchRow(u"Search, a filter alone: mentions a member (none in the corpus)"_s, byMention, 50);
    SearchQuery byThread;
    byThread.inThread = true;
    searchRow(u"Search, a filter alone: in a thread (none in the corpus: every row read)"_s,
              byThread, 3);
    SearchQuery rankedRare(Corpus::word(15000));
    rankedRare.order = SearchOrder::Relevance;
    searchRow(u"Search ranked (BM25), rare word, limit 50"_s, rankedRare, 20);
    SearchQuery ranked(Corpus::word(100));
    ranked.order = SearchOrder::Relevance;
    searchRow(u"Search ranked (BM25), mid-frequency word, limit 50"_s, ranked, 5);
    SearchQuery rankedCommon(Corpus::word(1));
    rankedCommon.order = SearchOrder::Relevance;
    searchRow(u"Search ranked (BM25), commonest word, limit 50"_s, rankedCommon, 3);

    const QString html = base + u"/export.html"_s;
    const auto [exportMs, exportKiB] = exportHtml(*store, big, top, html);
    row(u"Export %1 messages to HTML (streamed, one conversation)"_s.arg(
            QLocale(QLocale::English).toString(qint64(std::min<quint64>(top, 100'000)))),
        u"%1 s, %2 MiB file, peak RSS +%3 MiB"_s.arg(exportMs / 1000, 0, 'f', 1)
            .arg(double(QFileInfo(html).size()) / (1 << 20), 0, 'f', 1)
            .arg(double(exportKiB) / 1024, 0, 'f', 1));
    QFile::remove(html);

    store.reset();
    writer.reset(); // the last connection checkpoints the WAL into the file
    const qint64 size = QFileInfo(profile.databasePath()).size();
    row(u"Database file size"_s,
        u"%1 MiB (%2 MiB per 100,000 messages)"_s.arg(double(size) / (1 << 20), 0, 'f', 1)
            .arg(double(size) / (1 << 20) / (double(events) / 1e5), 0, 'f', 1));

    if (parser.isSet(u"out"_s)) {
        QFile out(parser.value(u"out"_s));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(out.fileName()));
        QTextStream md(&out);
        md << "# Local store benchmark (sync/store)\n\n"
           << "Machine: " << machine() << ". Profile on the local disk; SQLCipher "
           << "3.4.1 (SQLite 3.15.2), 4 KiB pages, WAL, synchronous = NORMAL.\n\n"
           << "Command: `" << QCoreApplication::arguments().join(u' ') << "` (release build). "
           << "1-minute load average " << loadAtStart << " at the start, " << loadAverage()
           << " at the end (other work shares the machine; figures are indicative).\n\n"
           << "| what | figure |\n| --- | --- |\n"
           << rows.join(u'\n') << "\n";
    }
    return 0;
}
