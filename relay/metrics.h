// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace hearth::relay {

//! The relay's counters and gauges, rendered in the Prometheus text format.
struct Metrics {
    qint64 connections = 0;
    qint64 authenticatedConnections = 0;
    qint64 connectionsTotal = 0;
    qint64 eventsStored = 0;
    qint64 eventsPerSecond = 0; //!< events stored during the last full second
    qint64 fanoutDeliveries = 0;
    qint64 toDeviceQueueDepth = 0;
    qint64 writeQueueDepth = 0;
    QMap<QString, qint64> errorsByCode;
    QMap<QString, qint64> closesByReason;

    [[nodiscard]] QByteArray renderPrometheus() const;
};

} // namespace hearth::relay
