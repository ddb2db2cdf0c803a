// SPDX-License-Identifier: GPL-3.0-or-later
// Phase 3: throughput and send-to-delivery latency in 1:1 conversations and groups of 10 and
// 100 members (one device each).
#include "tests/bench/bench.h"
#include "tests/bench/traffic_rig.h"

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

namespace {

struct Scenario {
    QString name;
    int members;
    int convs;
    int senders;
    double rate;
};

QString latencyTriple(RunResult &r, int bucket = 0) {
    LatencySamples &s = r.deliveryLatency[bucket];
    return formatMs(s.percentileMs(50)) + u" / "_s + formatMs(s.percentileMs(99)) + u" / "_s +
           formatMs(s.percentileMs(99.9));
}

void describe(const QString &label, RunResult &r) {
    QString errors;
    for (auto it = r.errorCodes.cbegin(); it != r.errorCodes.cend(); ++it)
        errors += u" %1=%2"_s.arg(it.key()).arg(it.value());
    progress(
        u"%1: %2 events/s acked, %3 deliveries/s; delivery p50/p99/p99.9 %4; ack p50/p99 "
        "%5 / %6; relay cpu %7%, bench cpu %8%, other %14%; rss %9 -> %10; errors %11%12; %13"_s
            .arg(label, formatCount(r.eventsPerSecond()), formatCount(r.deliveriesPerSecond()),
                 latencyTriple(r), formatMs(r.ackLatency.percentileMs(50)),
                 formatMs(r.ackLatency.percentileMs(99)))
            .arg(r.relayCpuPercent, 0, 'f', 0)
            .arg(r.benchCpuPercent, 0, 'f', 0)
            .arg(formatMiB(r.rssBeforeKiB), formatMiB(r.rssAfterKiB))
            .arg(r.errors)
            .arg(errors)
            .arg(r.drained
                     ? u"all deliveries arrived"_s
                     : u"MISSING %1 of %2 deliveries"_s
                           .arg(r.expectedDeliveries - qMin(r.deliveries, r.expectedDeliveries))
                           .arg(r.expectedDeliveries))
            .arg(r.otherCpuPercent, 0, 'f', 0));
}

void record(Context &context, const QString &name, const QString &mode, RunResult &r,
            double targetRate) {
    const QString phase = u"3 throughput"_s;
    Report &report = context.report;
    const QString label =
        mode == u"max"_s ? name + u" max"_s : name + u" @"_s + formatCount(targetRate) + u"/s"_s;
    QString achieved = formatCount(r.eventsPerSecond()) + u" events/s"_s;
    if (targetRate > 0 && r.eventsPerSecond() < 0.97 * targetRate)
        achieved += u" (target rate %1/s not sustained)"_s.arg(formatCount(targetRate));
    report.add(phase, label + u": accepted (acked after commit)"_s, achieved);
    QString fanoutTarget;
    QString fanoutVerdict;
    QString p99Target;
    QString p99Verdict;
    const double p99 = r.deliveryLatency[0].percentileMs(99);
    if (name == u"group100"_s && mode == u"target"_s) {
        fanoutTarget = u">= 100,000/s"_s;
        fanoutVerdict = verdict(r.deliveriesPerSecond() >= 100000);
        p99Target = u"p99 < 50 ms"_s;
        p99Verdict = verdict(p99 < 50);
    } else if (name == u"dm"_s && mode == u"target"_s) {
        p99Target = u"p99 < 5 ms"_s;
        p99Verdict = verdict(p99 < 5);
    }
    report.add(phase, label + u": fan-out deliveries"_s,
               formatCount(r.deliveriesPerSecond()) + u"/s"_s, fanoutTarget, fanoutVerdict);
    report.add(phase, label + u": send->delivery p50 / p99 / p99.9"_s, latencyTriple(r), p99Target,
               p99Verdict);
    report.add(phase, label + u": send->ack p50 / p99"_s,
               formatMs(r.ackLatency.percentileMs(50)) + u" / "_s +
                   formatMs(r.ackLatency.percentileMs(99)));
    report.add(phase, label + u": relay / bench / other CPU"_s,
               u"%1% / %2% / %3% of a core"_s.arg(r.relayCpuPercent, 0, 'f', 0)
                   .arg(r.benchCpuPercent, 0, 'f', 0)
                   .arg(r.otherCpuPercent, 0, 'f', 0));
    if (!r.drained || r.errors > 0)
        report.add(phase, label + u": problems"_s,
                   u"%1 errors, %2 of %3 deliveries missing"_s.arg(r.errors)
                       .arg(r.expectedDeliveries - qMin(r.deliveries, r.expectedDeliveries))
                       .arg(r.expectedDeliveries),
                   u"none"_s, verdict(false));
}

} // namespace

void runThroughputPhase(Context &context) {
    const Options &o = context.options;
    std::vector<Scenario> scenarios;
    if (o.scenarios.contains(u"dm"_s))
        scenarios.push_back({u"dm"_s, 2, o.dmPairs, 2, o.dmRate});
    if (o.scenarios.contains(u"group10"_s))
        scenarios.push_back({u"group10"_s, 10, o.group10Count, 2, o.group10Rate});
    if (o.scenarios.contains(u"group100"_s))
        scenarios.push_back(
            {u"group100"_s, 100, o.group100Count, o.sendersPerGroup, o.group100Rate});

    for (const Scenario &sc : scenarios) {
        progress(u"phase 3: %1: %2 conversations x %3 members, %4 senders each"_s.arg(sc.name)
                     .arg(sc.convs)
                     .arg(sc.members)
                     .arg(sc.senders));
        TrafficRig rig(
            context.ws,
            context.take(static_cast<std::size_t>(sc.members) * static_cast<std::size_t>(sc.convs)),
            sc.convs, sc.members, sc.senders);
        QString error;
        if (!rig.setUp(error)) {
            progress(u"setup failed: "_s + error);
            context.report.add(u"3 throughput"_s, sc.name + u": setup"_s, u"FAILED: "_s + error, {},
                               verdict(false));
            continue;
        }
        if (!rig.dmFallback().isEmpty()) {
            progress(u"WARNING: "_s + rig.dmFallback());
            context.report.note(rig.dmFallback());
        }
        RunSpec spec;
        spec.rate = sc.rate;
        spec.window = o.window;
        spec.bodyBytes = o.bodyBytes;
        spec.warmup = o.warmup;
        spec.duration = o.duration;
        RunResult target = rig.run(spec, context.relayPid);
        describe(sc.name + u" @%1/s"_s.arg(sc.rate), target);
        record(context, sc.name, u"target"_s, target, sc.rate);
        if (o.saturate) {
            spec.rate = 0;
            RunResult max = rig.run(spec, context.relayPid);
            describe(sc.name + u" max (window %1/sender)"_s.arg(o.window), max);
            record(context, sc.name, u"max"_s, max, 0);
        }
    }
}

} // namespace hearth::bench
