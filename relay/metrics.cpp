// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/metrics.h"

namespace hearth::relay {

namespace {
void metric(QByteArray &out, const char *name, const char *type, const char *help, qint64 value) {
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    out += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
}

void labelled(QByteArray &out, const char *name, const char *label, const char *help,
              const QMap<QString, qint64> &values) {
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n";
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        out += QByteArray(name) + '{' + label + "=\"" + it.key().toUtf8() + "\"} " +
               QByteArray::number(it.value()) + '\n';
}
} // namespace

QByteArray Metrics::renderPrometheus() const {
    QByteArray out;
    metric(out, "hearth_connections", "gauge", "Open WebSocket connections.", connections);
    metric(out, "hearth_authenticated_connections", "gauge", "Authenticated connections.",
           authenticatedConnections);
    metric(out, "hearth_connections_total", "counter", "Connections accepted since start.",
           connectionsTotal);
    metric(out, "hearth_events_stored_total", "counter", "Conversation events committed.",
           eventsStored);
    metric(out, "hearth_events_per_second", "gauge", "Events committed in the last second.",
           eventsPerSecond);
    metric(out, "hearth_fanout_deliveries_total", "counter", "Events pushed to devices.",
           fanoutDeliveries);
    metric(out, "hearth_to_device_queue_depth", "gauge", "To-device messages awaiting ack.",
           toDeviceQueueDepth);
    metric(out, "hearth_write_queue_depth", "gauge", "Writes waiting for the next commit.",
           writeQueueDepth);
    labelled(out, "hearth_errors_total", "code", "Error replies by code.", errorsByCode);
    labelled(out, "hearth_closed_connections_total", "reason",
             "Connections closed by the relay, by reason.", closesByReason);
    labelled(out, "hearth_limit_refusals_total", "limit",
             "Requests or messages refused by an abuse limit, by limit.", limitRefusals);
    metric(out, "hearth_password_checks_total", "counter",
           "Password hashes verified (refused attempts run none).", passwordChecks);
    return out;
}

} // namespace hearth::relay
