// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/traffic_rig.h"

#include "crypto/membership_op.h"
#include "crypto/signing_key.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <QDateTime>
#include <cmath>
#include <cstring>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

namespace {
// Opaque body layout: magic (8) | steady-clock send time ns (8) | run id (4) | padding.
// The magic lets a receiver spot its own events in the raw frame without decoding it.
constexpr char kMagic[8] = {'\x9e', '\x37', '\x79', '\xb9', '\x7f', '\x4a', '\x7c', '\x15'};
constexpr qsizetype kBodyHeader = 20;
} // namespace

struct TrafficRig::RunState {
    RunSpec spec;
    RunResult result;
    qint64 start = 0;
    qint64 windowStart = 0;
    qint64 windowEnd = 0;
    bool sending = true;
    bool measuring = false;
};

namespace {
//! create_conv fields with the creation signed by `creator`'s device (docs/protocol.md 3.7).
QCborMap createFields(const Account &creator, QLatin1StringView kind, const QStringList &others) {
    const bool dm = kind == protocol::kind::kDm;
    QCborMap fields;
    fields.insert("kind"_L1, kind);
    fields.insert("title"_L1, u"bench"_s);
    fields.insert("members"_L1, QCborArray::fromStringList(others));
    crypto::MembershipChange change;
    change.action = hearth::MembershipAction::Create;
    change.actor = {hearth::UserId{creator.user}, hearth::DeviceId{creator.device}};
    change.timestampMs = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    change.kind = dm ? hearth::ConversationKind::Dm : hearth::ConversationKind::Group;
    change.title = dm ? QString() : u"bench"_s;
    for (const QString &other : others)
        change.members.append(crypto::InitialMember{hearth::UserId{other}});
    const auto key = crypto::SigningKeyPair::fromSeed(creator.signingSeed);
    if (key) {
        if (const auto op = crypto::MembershipOp::sign(change, *key))
            fields.insert("op"_L1, op->bytes());
    }
    return fields;
}
} // namespace

void createConversation(BenchClient &creator, const Account &account, const QStringList &others,
                        std::function<void(quint64, const QString &, const QString &)> done) {
    const bool dm = others.size() == 1;
    const QCborMap fields =
        createFields(account, dm ? protocol::kind::kDm : protocol::kind::kGroup, others);
    BenchClient *client = &creator;
    const QCborMap groupFields =
        dm ? createFields(account, protocol::kind::kGroup, others) : fields;
    creator.request(
        protocol::type::kCreateConversation, fields,
        [client, groupFields, dm, done](const protocol::ProtocolResult<protocol::Frame> &reply) {
            if (reply) {
                done(reply.value().uint("conv"_L1), {}, {});
                return;
            }
            if (!dm) {
                done(0, reply.error().message, {});
                return;
            }
            // why: keep measuring the 1:1 path when the relay refuses to create a dm; a
            // two-member group fans out exactly like a dm. The report says so.
            const QString note =
                u"create_conv kind=dm failed (%1: %2); 1:1 conversations are "
                "two-member groups"_s.arg(protocol::errorCodeName(reply.error().code),
                                          reply.error().message);
            client->request(protocol::type::kCreateConversation, groupFields,
                            [done, note](const protocol::ProtocolResult<protocol::Frame> &retry) {
                                if (retry)
                                    done(retry.value().uint("conv"_L1), {}, note);
                                else
                                    done(0, retry.error().message, {});
                            });
        });
}

TrafficRig::TrafficRig(const QUrl &relay, std::vector<Account> accounts, int convs,
                       int membersPerConv, int sendersPerConv)
    : m_relay(relay)
    , m_members(accounts.size())
    , m_membersPerConv(membersPerConv) {
    for (std::size_t i = 0; i < accounts.size(); ++i)
        m_members[i].account = std::move(accounts[i]);
    m_convs.resize(static_cast<std::size_t>(convs));
    for (int c = 0; c < convs; ++c) {
        for (int k = 0; k < membersPerConv; ++k) {
            const int index = c * membersPerConv + k;
            Member &m = m_members[static_cast<std::size_t>(index)];
            m.conv = c;
            m_convs[static_cast<std::size_t>(c)].members.push_back(index);
        }
    }
    // interleave senders of different conversations so pacing spreads over all of them
    for (int k = 0; k < sendersPerConv; ++k)
        for (int c = 0; c < convs; ++c)
            m_senders.push_back(c * membersPerConv + k);
}

TrafficRig::~TrafficRig() {
    for (Member &m : m_members)
        m.client.reset();
}

bool TrafficRig::setUp(QString &error) {
    int ready = 0;
    int failed = 0;
    int next = 0;
    int inFlight = 0;
    const int total = static_cast<int>(m_members.size());
    constexpr int kWindow = 200;
    std::function<void()> pump;
    pump = [&] {
        while (inFlight < kWindow && next < total) {
            const int index = next++;
            Member &m = m_members[static_cast<std::size_t>(index)];
            if (m.external) {
                m.excluded = true;
                ++ready;
                continue;
            }
            ++inFlight;
            m.client = std::make_unique<BenchClient>();
            BenchClient *client = m.client.get();
            client->onReady = [&, client, index] {
                const Account &a = m_members[static_cast<std::size_t>(index)].account;
                client->authenticate(a.user, a.device, a.signingSeed,
                                     [&](const protocol::ProtocolResult<protocol::Frame> &reply) {
                                         --inFlight;
                                         if (reply) {
                                             ++ready;
                                         } else {
                                             ++failed;
                                             error = u"auth: "_s + reply.error().message;
                                         }
                                         pump();
                                     });
            };
            client->onClosed = [&, client](int code) {
                if (!client->isReady() && client->nonce().isEmpty()) {
                    --inFlight;
                    ++failed;
                    error = u"connection closed (%1) %2"_s.arg(code).arg(client->closeDetail());
                    pump();
                }
            };
            client->open(m_relay);
        }
    };
    pump();
    const bool connected = waitFor([&] { return ready + failed >= total; }, 120000);
    for (Member &m : m_members) {
        if (!m.client)
            continue;
        // the setup lambdas capture locals of this function
        m.client->onReady = nullptr;
        m.client->onClosed = nullptr;
    }
    if (!connected || failed > 0) {
        if (error.isEmpty())
            error = u"connect timed out (%1 of %2)"_s.arg(ready).arg(total);
        return false;
    }

    int created = 0;
    bool createFailed = false;
    for (Conversation &conv : m_convs) {
        Member &creator = m_members[static_cast<std::size_t>(conv.members.front())];
        QStringList others;
        for (std::size_t k = 1; k < conv.members.size(); ++k)
            others.append(m_members[static_cast<std::size_t>(conv.members[k])].account.user);
        Conversation *target = &conv;
        createConversation(*creator.client, creator.account, others,
                           [&, target](quint64 id, const QString &failure, const QString &note) {
                               if (id == 0) {
                                   createFailed = true;
                                   error = u"create_conv: "_s + failure;
                                   return;
                               }
                               if (!note.isEmpty())
                                   m_dmFallback = note;
                               target->id = id;
                               ++created;
                           });
    }
    if (!waitFor([&] { return createFailed || created >= static_cast<int>(m_convs.size()); },
                 60000) ||
        createFailed) {
        if (error.isEmpty())
            error = u"create_conv timed out"_s;
        return false;
    }

    for (std::size_t i = 0; i < m_members.size(); ++i) {
        const int index = static_cast<int>(i);
        BenchClient *client = m_members[i].client.get();
        if (client == nullptr)
            continue;
        client->onRawMessage = [this, index](const QByteArray &message) {
            const qsizetype at = message.indexOf(QByteArrayView(kMagic, sizeof kMagic));
            if (at < 0 || message.size() - at < kBodyHeader)
                return false;
            qint64 sendNs = 0;
            quint32 runId = 0;
            std::memcpy(&sendNs, message.data() + at + 8, sizeof sendNs);
            std::memcpy(&runId, message.data() + at + 16, sizeof runId);
            onDelivery(index, sendNs, runId);
            return true;
        };
        client->onRawReply = [this, index](quint64 id,
                                           const protocol::ProtocolResult<protocol::Frame> &reply) {
            onReply(index, id, reply);
        };
    }
    spinFor(300); // membership pushes settle
    return true;
}

void TrafficRig::onDelivery(int member, qint64 sendNs, quint32 runId) {
    if (m_run == nullptr || runId != m_runId)
        return;
    if (m_members[static_cast<std::size_t>(member)].excluded)
        return;
    const qint64 now = nowNs();
    RunResult &r = m_run->result;
    ++r.deliveries;
    if (now >= m_run->windowStart && now < m_run->windowEnd)
        ++r.deliveriesInWindow;
    if (sendNs >= m_run->windowStart && sendNs < m_run->windowEnd) {
        const int bucket = m_run->spec.bucket ? m_run->spec.bucket(now) : 0;
        r.deliveryLatency[bucket == 0 ? 0 : 1].add(now - sendNs);
    }
}

void TrafficRig::onReply(int member, quint64 id,
                         const protocol::ProtocolResult<protocol::Frame> &reply) {
    Member &m = m_members[static_cast<std::size_t>(member)];
    const auto it = m.sentAt.find(id);
    if (it == m.sentAt.end())
        return;
    const qint64 sendNs = it.value();
    m.sentAt.erase(it);
    --m.inFlight;
    if (m_run == nullptr)
        return;
    const qint64 now = nowNs();
    RunResult &r = m_run->result;
    if (reply) {
        ++r.acked;
        r.expectedDeliveries +=
            static_cast<quint64>(m_convs[static_cast<std::size_t>(m.conv)].receivers);
        if (now >= m_run->windowStart && now < m_run->windowEnd)
            ++r.ackedInWindow;
        if (sendNs >= m_run->windowStart && sendNs < m_run->windowEnd)
            r.ackLatency.add(now - sendNs);
    } else {
        ++r.errors;
        r.errorCodes[QString(protocol::errorCodeName(reply.error().code))] += 1;
    }
    if (m_run->sending && m_run->spec.rate <= 0)
        sendOne(member);
}

void TrafficRig::sendOne(int member) {
    Member &m = m_members[static_cast<std::size_t>(member)];
    if (m.client->isClosed())
        return;
    const RunSpec &spec = m_run->spec;
    QByteArray body(qMax<qsizetype>(spec.bodyBytes, kBodyHeader), '\x5a');
    const qint64 now = nowNs();
    std::memcpy(body.data(), kMagic, sizeof kMagic);
    std::memcpy(body.data() + 8, &now, sizeof now);
    std::memcpy(body.data() + 16, &m_runId, sizeof m_runId);
    QByteArray cmid(protocol::kClientMessageIdSize, '\0');
    const quint32 who = static_cast<quint32>(member);
    const quint64 counter = ++m.counter;
    std::memcpy(cmid.data(), &who, 4);
    std::memcpy(cmid.data() + 4, &m_runId, 4);
    std::memcpy(cmid.data() + 8, &counter, 8);
    QCborMap fields;
    fields.insert("conv"_L1, static_cast<qint64>(m_convs[static_cast<std::size_t>(m.conv)].id));
    fields.insert("cmid"_L1, cmid);
    fields.insert("body"_L1, body);
    const quint64 id = m.client->requestNoHandler(protocol::type::kSend, fields);
    m.sentAt.insert(id, now);
    ++m.inFlight;
    ++m_run->result.sent;
}

void TrafficRig::tick() {
    RunState &run = *m_run;
    const qint64 now = nowNs();
    if (!run.sending || run.spec.rate <= 0)
        return;
    const auto due =
        static_cast<qint64>(std::llround(run.spec.rate * secondsBetween(run.start, now))) -
        static_cast<qint64>(run.result.sent);
    qint64 remaining = due;
    std::size_t idle = 0;
    while (remaining > 0 && idle < m_senders.size()) {
        const int s = m_senders[m_roundRobin];
        m_roundRobin = (m_roundRobin + 1) % m_senders.size();
        if (m_members[static_cast<std::size_t>(s)].inFlight < run.spec.window &&
            !m_members[static_cast<std::size_t>(s)].client->isClosed()) {
            sendOne(s);
            --remaining;
            idle = 0;
        } else {
            ++idle;
        }
    }
}

RunResult TrafficRig::run(const RunSpec &spec, qint64 relayPid) {
    RunState state;
    state.spec = spec;
    m_run = &state;
    ++m_runId;
    for (Conversation &conv : m_convs) {
        conv.receivers = -1; // the sender
        for (int index : conv.members)
            if (!m_members[static_cast<std::size_t>(index)].excluded)
                ++conv.receivers;
    }
    RunResult &r = state.result;
    r.rssBeforeKiB = rssKiB(relayPid);
    r.rssPeakKiB = r.rssBeforeKiB;
    CpuMeter cpu(relayPid);

    state.start = nowNs();
    state.windowStart = state.start + static_cast<qint64>(spec.warmup * 1e9);
    state.windowEnd = state.windowStart + static_cast<qint64>(spec.duration * 1e9);

    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    pacer.setInterval(1);
    QObject::connect(&pacer, &QTimer::timeout, [this] { tick(); });
    QTimer sampler;
    sampler.setInterval(100);
    bool sampling = false;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        if (sampling) // a sample hook may spin a nested event loop
            return;
        sampling = true;
        r.rssPeakKiB = qMax(r.rssPeakKiB, rssKiB(relayPid));
        if (spec.sample)
            spec.sample();
        const qint64 now = nowNs();
        if (!state.measuring && now >= state.windowStart) {
            state.measuring = true;
            cpu.start();
        }
        if (state.measuring && state.sending &&
            (now >= state.windowEnd || (spec.stopEarly && spec.stopEarly()))) {
            state.sending = false;
            state.windowEnd = qMin(state.windowEnd, now);
            cpu.stop();
        }
        sampling = false;
    });
    pacer.start();
    sampler.start();
    if (spec.rate <= 0) {
        for (int s : m_senders)
            for (int w = 0; w < spec.window; ++w)
                sendOne(s);
    }
    (void)waitFor([&] { return !state.sending; },
                  static_cast<qint64>((spec.warmup + spec.duration) * 1000) + 60000);
    if (state.sending) { // the sampler never ran: give up
        state.sending = false;
        cpu.stop();
    }
    pacer.stop();
    r.seconds = secondsBetween(state.windowStart, state.windowEnd);
    r.drained = waitFor(
        [&] {
            int inFlight = 0;
            for (int s : m_senders)
                inFlight += m_members[static_cast<std::size_t>(s)].inFlight;
            return inFlight == 0 && r.deliveries >= r.expectedDeliveries;
        },
        15000);
    sampler.stop();
    r.relayCpuPercent = cpu.relayPercent();
    r.benchCpuPercent = cpu.benchPercent();
    r.otherCpuPercent = cpu.otherPercent();
    r.rssAfterKiB = rssKiB(relayPid);
    r.rssPeakKiB = qMax(r.rssPeakKiB, r.rssAfterKiB);
    m_run = nullptr;
    for (int s : m_senders) {
        Member &m = m_members[static_cast<std::size_t>(s)];
        m.sentAt.clear();
        m.inFlight = 0;
    }
    return std::move(state.result);
}

} // namespace hearth::bench
