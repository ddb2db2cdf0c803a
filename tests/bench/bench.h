// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/bench/accounts.h"

#include <QString>
#include <QStringList>
#include <QUrl>
#include <vector>

namespace hearth::test {
class RelayProcess;
}

namespace hearth::bench {

//! Command-line knobs; defaults are the full run, --quick scales them down.
struct Options {
    QStringList phases;    //!< connections, throughput, stall, drain
    QStringList scenarios; //!< dm, group10, group100 (throughput phase)
    bool saturate = true;  //!< also run each scenario window-bound ("max")
    int connections = 10000;
    int connectWindow = 256;
    int stormWindow = 0;  //!< 0: all at once
    double duration = 10; //!< seconds measured per throughput run
    double warmup = 1;
    int bodyBytes = 256;
    int dmPairs = 50;
    double dmRate = 2000;
    int group10Count = 10;
    double group10Rate = 2000;
    int group100Count = 2;
    double group100Rate = 1020; //!< 1,020 events/s x 99 receivers = 100,980 deliveries/s
    int sendersPerGroup = 10;
    int window = 16; //!< in-flight sends per sender
    int stallReaders = 10;
    double stallRate = 300;
    int stallBodyBytes = 4096;
    double stallBaseline = 5;
    double stallMax = 30;
    int drainEvents = 50000;
    int drainWindow = 256;
    int drainPage = 0; //!< 0: the relay's max_page_size
    int registerConnections = 16;
    int registerWindow = 32;
    bool markdown = false;
    bool relayLog = false;
    QStringList relayArgs;
};

//! One row of the results table.
struct Row {
    QString phase;
    QString metric;
    QString measured;
    QString target;
    QString verdict; //!< PASS, MISS, or empty when there is no target
};

class Report final {
public:
    void add(const QString &phase, const QString &metric, const QString &measured,
             const QString &target = {}, const QString &verdict = {});
    void note(const QString &text) {
        if (!m_notes.contains(text))
            m_notes.append(text);
    }
    void print(bool markdown) const;
    [[nodiscard]] bool hasFailures() const;

private:
    std::vector<Row> m_rows;
    QStringList m_notes;
};

//! Everything a phase needs.
struct Context {
    Options options;
    test::RelayProcess *relay = nullptr;
    QUrl ws;
    QUrl http;
    qint64 relayPid = 0;
    std::vector<Account> accounts;
    std::size_t cursor = 0; //!< next unused account
    Report report;
    qint64 peakRssKiB = 0; //!< over relay restarts within a phase
    QByteArray relayLogs;  //!< stderr of every relay run

    void notePeakRss();

    //! The next `count` unused accounts (each phase gets its own, so no presence cross-talk).
    [[nodiscard]] std::vector<Account> take(std::size_t count);
};

[[nodiscard]] QString verdict(bool pass);

void runConnectionsPhase(Context &context);
void runThroughputPhase(Context &context);
void runStallPhase(Context &context);
//! The hidden `--stalled-clients URL` mode (phase 4's child process): connects and
//! authenticates the accounts read from stdin ("user device seed-hex" a line), then only reads.
int runStalledClients(const QUrl &relay);
void runDrainPhase(Context &context);

//! Accounts each phase takes, for registering them all up front.
[[nodiscard]] std::size_t accountsNeeded(const Options &options);

} // namespace hearth::bench
