// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/bench/accounts.h"
#include "tests/bench/bench_client.h"
#include "tests/bench/bench_util.h"

#include <QMap>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

namespace hearth::bench {

//! How one traffic run drives the senders.
struct RunSpec {
    double rate = 0; //!< events/s over all senders; 0: saturate (every window kept full)
    int window = 16; //!< in-flight sends per sender
    int bodyBytes = 256;
    double warmup = 1;    //!< seconds before the measurement window
    double duration = 10; //!< seconds measured
    //! Checked every 100 ms during the measurement window; true ends it early.
    std::function<bool()> stopEarly;
    //! Called every 100 ms during the run (memory sampling, relay metrics).
    std::function<void()> sample;
    //! Latency bucket (0 or 1) of a delivery received at `recvNs`.
    std::function<int(qint64 recvNs)> bucket;
};

struct RunResult {
    double seconds = 0; //!< measurement window actually used
    quint64 sent = 0;
    quint64 acked = 0;
    quint64 ackedInWindow = 0;
    quint64 errors = 0;
    QMap<QString, int> errorCodes;
    quint64 deliveries = 0;
    quint64 deliveriesInWindow = 0;
    quint64 expectedDeliveries = 0;
    LatencySamples ackLatency;
    LatencySamples deliveryLatency[2];
    double relayCpuPercent = 0;
    double benchCpuPercent = 0;
    double otherCpuPercent = 0;
    qint64 rssBeforeKiB = 0;
    qint64 rssAfterKiB = 0;
    qint64 rssPeakKiB = 0;
    bool drained = false;

    [[nodiscard]] double eventsPerSecond() const {
        return seconds > 0 ? ackedInWindow / seconds : 0;
    }
    [[nodiscard]] double deliveriesPerSecond() const {
        return seconds > 0 ? deliveriesInWindow / seconds : 0;
    }
};

//! Creates a conversation (a dm when there is one other member), signed by `account`'s device
//! (the one `creator` is authenticated as), and calls `done(conv, error, note)`; conv 0 on
//! failure. When the relay refuses a dm, retries as a two-member group and says so in `note`.
void createConversation(BenchClient &creator, const Account &account, const QStringList &others,
                        std::function<void(quint64, const QString &, const QString &)> done);

//! `convs` conversations of `membersPerConv` members (one device each, one BenchClient each);
//! the first `sendersPerConv` members of each conversation send. Members marked `external`
//! before setUp() are members of the conversation but are not connected by the rig.
class TrafficRig final {
public:
    struct Member {
        std::unique_ptr<BenchClient> client;
        Account account;
        int conv = -1;
        bool excluded = false; //!< a stalled reader: its deliveries are not expected or counted
        //! Connected elsewhere (phase 4's stalled-reader process): no client here; excluded.
        bool external = false;
        int inFlight = 0;
        quint64 counter = 0;
        QHash<quint64, qint64> sentAt; //!< request id -> send time (ns)
    };
    struct Conversation {
        quint64 id = 0;
        std::vector<int> members;
        int receivers = 0; //!< members counted as receivers of one event
    };

    TrafficRig(const QUrl &relay, std::vector<Account> accounts, int convs, int membersPerConv,
               int sendersPerConv);
    ~TrafficRig();

    //! Connects and authenticates every member, then creates the conversations.
    bool setUp(QString &error);
    RunResult run(const RunSpec &spec, qint64 relayPid);

    std::vector<Member> &members() { return m_members; }
    //! Set when 1:1 conversations had to be created as two-member groups.
    [[nodiscard]] const QString &dmFallback() const { return m_dmFallback; }

private:
    struct RunState;
    void sendOne(int member);
    void onDelivery(int member, qint64 sendNs, quint32 runId);
    void onReply(int member, quint64 id, const protocol::ProtocolResult<protocol::Frame> &reply);
    void tick();

    QUrl m_relay;
    std::vector<Member> m_members;
    std::vector<Conversation> m_convs;
    std::vector<int> m_senders;
    int m_membersPerConv;
    RunState *m_run = nullptr;
    quint32 m_runId = 0;
    std::size_t m_roundRobin = 0;
    QString m_dmFallback;
};

} // namespace hearth::bench
