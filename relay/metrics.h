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
    //! Requests refused by an abuse limit, by limit: frame_rate, password_account,
    //! password_address, first_contact, inbox_full (docs/protocol.md section 10.1).
    QMap<QString, qint64> limitRefusals;
    qint64 passwordChecks = 0; //!< Argon2id verifications run (add_device, remove_device)

    [[nodiscard]] QByteArray renderPrometheus() const;
};

} // namespace hearth::relay
