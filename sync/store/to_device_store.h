// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/database.h"
#include "sync/store/types.h"

#include <QByteArray>
#include <QList>

namespace hearth::store {

//! A to-device message fetched from the relay and not processed yet.
struct IncomingToDevice final {
    quint64 qid = 0; //!< the relay's queue id
    DeviceAddress from;
    qint64 ts = 0;
    QByteArray body;  //!< pairwise ciphertext
    int attempts = 0; //!< times processing was tried
};

//! A to-device message to send (e.g. a session key share), kept until the relay queued it.
struct OutgoingToDevice final {
    qint64 id = 0;
    DeviceAddress to;
    QByteArray body;
    qint64 createdTs = 0;
};

//! The two to-device queues. Incoming: store the inbox page, then ack it at the relay, then
//! process and remove each message — so nothing acked is ever lost. Outgoing: enqueue, send,
//! remove once the relay replied.
class ToDeviceStore final {
public:
    explicit ToDeviceStore(Database &db)
        : m_db(db) {}

    //! Stores what is new (by qid; repeats are ignored) in one transaction; returns how many.
    [[nodiscard]] StoreResult<int> storeIncoming(const QList<IncomingToDevice> &messages);
    //! Oldest qid first.
    [[nodiscard]] StoreResult<QList<IncomingToDevice>> incoming(int limit);
    [[nodiscard]] StoreStatus noteAttempt(quint64 qid);
    //! Processed: forget it.
    [[nodiscard]] StoreStatus removeIncoming(quint64 qid);

    //! Queues messages in one transaction; returns their ids in the same order.
    [[nodiscard]] StoreResult<QList<qint64>>
    enqueueOutgoing(const QList<OutgoingToDevice> &messages);
    //! Oldest first.
    [[nodiscard]] StoreResult<QList<OutgoingToDevice>> outgoing(int limit);
    [[nodiscard]] StoreStatus removeOutgoing(const QList<qint64> &ids);

private:
    Database &m_db;
};

} // namespace hearth::store
