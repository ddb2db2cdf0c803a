// SPDX-License-Identifier: GPL-3.0-or-later
// Phase 5: catch-up drain. One device is offline while M events are posted to its 1:1
// conversation; the relay is then killed with SIGKILL and restarted (every acked event must
// have survived), and the device reconnects and pages through sync.
#include "sync/engine/relay_connection.h"
#include "sync/protocol/protocol.h"
#include "tests/bench/bench.h"
#include "tests/bench/bench_client.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/traffic_rig.h"
#include "tests/support/relay_process.h"

#include <QCborArray>
#include <cstring>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

void runDrainPhase(Context &context) {
    const Options &o = context.options;
    const QString phase = u"5 catch-up drain"_s;
    Report &report = context.report;
    const std::vector<Account> pair = context.take(2);
    const Account &sender = pair[0];
    const Account &offline = pair[1];
    progress(u"phase 5: post %1 events while %2 is offline, kill -9 + restart, then drain"_s
                 .arg(o.drainEvents)
                 .arg(offline.user));

    BenchClient client;
    bool authed = false;
    bool failed = false;
    client.onReady = [&] {
        client.authenticate(sender.user, sender.device, sender.signingSeed,
                            [&](const protocol::ProtocolResult<protocol::Frame> &reply) {
                                authed = reply.ok();
                                failed = !reply.ok();
                            });
    };
    client.onClosed = [&](int) { failed = true; };
    client.open(context.ws);
    quint64 conv = 0;
    if (waitFor([&] { return authed || failed; }, 20000) && authed) {
        createConversation(client, sender, {offline.user},
                           [&](quint64 id, const QString &, const QString &note) {
                               conv = id;
                               failed = id == 0;
                               if (!note.isEmpty())
                                   report.note(u"drain: "_s + note);
                           });
        (void)waitFor([&] { return conv != 0 || failed; }, 20000);
    }
    if (conv == 0) {
        report.add(phase, u"setup"_s, u"FAILED"_s, {}, verdict(false));
        return;
    }

    // post M events, a window of sends in flight on one connection
    int acked = 0;
    int errors = 0;
    int sent = 0;
    int inFlight = 0;
    QByteArray body(qMax(o.bodyBytes, 16), '\x5a');
    std::function<void()> pump;
    pump = [&] {
        while (inFlight < o.drainWindow && sent < o.drainEvents && !client.isClosed()) {
            QByteArray cmid(protocol::kClientMessageIdSize, '\0');
            const qint64 n = ++sent;
            std::memcpy(cmid.data(), &n, sizeof n);
            QCborMap fields;
            fields.insert("conv"_L1, static_cast<qint64>(conv));
            fields.insert("cmid"_L1, cmid);
            fields.insert("body"_L1, body);
            ++inFlight;
            client.request(protocol::type::kSend, fields,
                           [&](const protocol::ProtocolResult<protocol::Frame> &reply) {
                               --inFlight;
                               if (reply)
                                   ++acked;
                               else
                                   ++errors;
                               pump();
                           });
        }
    };
    CpuMeter postCpu(context.relayPid);
    postCpu.start();
    const qint64 postStart = nowNs();
    pump();
    (void)waitFor([&] { return acked + errors >= o.drainEvents || client.isClosed(); },
                  static_cast<qint64>(o.drainEvents) * 10 + 60000);
    const double postSeconds = secondsBetween(postStart, nowNs());
    postCpu.stop();
    progress(u"posted %1 (%2 errors) in %3 s: %4 events/s from one connection, window %5; "
             "relay cpu %6%"_s.arg(acked)
                 .arg(errors)
                 .arg(postSeconds, 0, 'f', 2)
                 .arg(formatCount(acked / postSeconds))
                 .arg(o.drainWindow)
                 .arg(postCpu.relayPercent(), 0, 'f', 0));
    report.add(phase, u"posting: 1:1, one connection, window %1"_s.arg(o.drainWindow),
               formatCount(acked / postSeconds) + u" events/s acked"_s +
                   (errors > 0 ? u" (%1 errors)"_s.arg(errors) : QString()));
    client.abort();

    // every acked event must survive SIGKILL
    context.notePeakRss();
    context.relay->kill();
    const qint64 restartBegin = nowNs();
    if (!context.relay->start()) {
        report.add(phase, u"restart after kill -9"_s, u"FAILED: "_s + context.relay->errorString(),
                   {}, verdict(false));
        return;
    }
    context.ws = context.relay->wsUrl();
    context.http = context.relay->httpUrl();
    context.relayPid = context.relay->pid();
    progress(u"relay killed (SIGKILL) and restarted in %1 s"_s.arg(
        secondsBetween(restartBegin, nowNs()), 0, 'f', 2));

    engine::RelayConnection reader;
    bool readerAuthed = false;
    bool readerFailed = false;
    QObject::connect(&reader, &engine::RelayConnection::ready, &reader, [&] {
        reader.authenticate(offline.credentials(),
                            [&](const protocol::ProtocolResult<protocol::Frame> &reply) {
                                readerAuthed = reply.ok();
                                readerFailed = !reply.ok();
                            });
    });
    QObject::connect(&reader, &engine::RelayConnection::closed, &reader,
                     [&](int, const QString &) { readerFailed = true; });
    reader.open(context.ws);
    if (!waitFor([&] { return readerAuthed || readerFailed; }, 20000) || !readerAuthed) {
        report.add(phase, u"reconnect"_s, u"FAILED"_s, {}, verdict(false));
        return;
    }
    const qint64 pageLimit = o.drainPage > 0 ? o.drainPage : reader.limits().maxPageSize;

    quint64 after = 0;
    quint64 messages = 0;
    quint64 events = 0;
    int pages = 0;
    bool done = false;
    bool syncFailed = false;
    bool ordered = true;
    QString syncError;
    std::function<void()> fetch;
    fetch = [&] {
        QCborMap fields;
        fields.insert("conv"_L1, static_cast<qint64>(conv));
        fields.insert("after"_L1, static_cast<qint64>(after));
        fields.insert("limit"_L1, pageLimit);
        reader.request(
            protocol::type::kSync, fields,
            [&](const protocol::ProtocolResult<protocol::Frame> &reply) {
                if (!reply) {
                    syncFailed = true;
                    syncError = reply.error().message;
                    return;
                }
                ++pages;
                const QCborArray page = reply.value().array("events"_L1);
                for (const QCborValue &value : page) {
                    const QCborMap event = value.toMap();
                    const auto seq = static_cast<quint64>(event.value("seq"_L1).toInteger());
                    ordered = ordered && seq == after + 1;
                    after = seq;
                    ++events;
                    if (event.value("kind"_L1).toString() == protocol::event_kind::kMessage)
                        ++messages;
                }
                if (reply.value().boolean("more"_L1) && !page.isEmpty())
                    fetch();
                else
                    done = true;
            });
    };
    CpuMeter drainCpu(context.relayPid);
    drainCpu.start();
    const qint64 drainStart = nowNs();
    fetch();
    (void)waitFor([&] { return done || syncFailed; }, static_cast<qint64>(o.drainEvents) + 60000);
    const double drainSeconds = secondsBetween(drainStart, nowNs());
    drainCpu.stop();
    const double rate = events / drainSeconds;
    progress(u"drained %1 events (%2 messages) in %3 pages of <= %4 in %5 s: %6 events/s; "
             "relay cpu %7%, bench cpu %8%%9"_s.arg(events)
                 .arg(messages)
                 .arg(pages)
                 .arg(pageLimit)
                 .arg(drainSeconds, 0, 'f', 3)
                 .arg(formatCount(rate))
                 .arg(drainCpu.relayPercent(), 0, 'f', 0)
                 .arg(drainCpu.benchPercent(), 0, 'f', 0)
                 .arg(syncFailed ? u" SYNC FAILED: "_s + syncError : QString()));
    report.add(phase, u"acked events present after kill -9"_s,
               u"%1 of %2"_s.arg(messages).arg(acked), u"all"_s,
               verdict(static_cast<int>(messages) == acked));
    report.add(phase, u"drain rate (sync pages of %1, real client)"_s.arg(pageLimit),
               formatCount(rate) +
                   u" events/s (%1 events in %2 s)"_s.arg(events).arg(drainSeconds, 0, 'f', 2),
               u">= 50,000/s"_s, verdict(!syncFailed && ordered && rate >= 50000));
    report.add(phase, u"relay / bench / other CPU during drain"_s,
               u"%1% / %2% / %3% of a core"_s.arg(drainCpu.relayPercent(), 0, 'f', 0)
                   .arg(drainCpu.benchPercent(), 0, 'f', 0)
                   .arg(drainCpu.otherPercent(), 0, 'f', 0));
    if (!ordered)
        report.add(phase, u"sequence"_s, u"gaps or disorder in sync pages"_s, u"1..n"_s,
                   verdict(false));
}

} // namespace hearth::bench
