// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/to_device_store.h"

#include "sync/store/transaction.h"

namespace hearth::store {

StoreResult<int> ToDeviceStore::storeIncoming(const QList<IncomingToDevice> &messages) {
    return inTransaction(m_db, [&]() -> StoreResult<int> {
        int stored = 0;
        for (const IncomingToDevice &message : messages) {
            auto insert = m_db.prepare("INSERT OR IGNORE INTO to_device_in (qid, from_user, "
                                       "from_device, ts, body) VALUES (?1, ?2, ?3, ?4, ?5)");
            insert->bindInt(1, message.qid).bindText(2, message.from.user.name);
            insert->bindInt(3, message.from.device.value).bindInt(4, message.ts);
            if (auto inserted = insert->bindBlob(5, message.body).run(); !inserted)
                return inserted.error();
            stored += m_db.changes();
        }
        return stored;
    });
}

StoreResult<QList<IncomingToDevice>> ToDeviceStore::incoming(int limit) {
    auto query = m_db.prepare("SELECT qid, from_user, from_device, ts, body, attempts "
                              "FROM to_device_in ORDER BY qid LIMIT ?1");
    query->bindInt(1, limit);
    return collectRows<IncomingToDevice>(*query, [](const Statement &row) {
        return IncomingToDevice{row.uint64(0),
                                DeviceAddress{UserId{row.text(1)}, DeviceId{row.uint64(2)}},
                                row.int64(3), row.blob(4), static_cast<int>(row.int64(5))};
    });
}

StoreStatus ToDeviceStore::noteAttempt(quint64 qid) {
    auto update = m_db.prepare("UPDATE to_device_in SET attempts = attempts + 1 WHERE qid = ?1");
    return update->bindInt(1, qid).run();
}

StoreStatus ToDeviceStore::removeIncoming(quint64 qid) {
    auto remove = m_db.prepare("DELETE FROM to_device_in WHERE qid = ?1");
    return remove->bindInt(1, qid).run();
}

StoreResult<QList<qint64>> ToDeviceStore::enqueueOutgoing(const QList<OutgoingToDevice> &messages) {
    return inTransaction(m_db, [&]() -> StoreResult<QList<qint64>> {
        QList<qint64> ids;
        for (const OutgoingToDevice &message : messages) {
            auto insert = m_db.prepare("INSERT INTO to_device_out (user_id, device_id, body, "
                                       "created_ts) VALUES (?1, ?2, ?3, ?4)");
            insert->bindText(1, message.to.user.name).bindInt(2, message.to.device.value);
            insert->bindBlob(3, message.body).bindInt(4, message.createdTs);
            if (auto inserted = insert->run(); !inserted)
                return inserted.error();
            ids.push_back(m_db.lastInsertRowId());
        }
        return ids;
    });
}

StoreResult<QList<OutgoingToDevice>> ToDeviceStore::outgoing(int limit) {
    auto query = m_db.prepare("SELECT id, user_id, device_id, body, created_ts FROM to_device_out "
                              "ORDER BY id LIMIT ?1");
    query->bindInt(1, limit);
    return collectRows<OutgoingToDevice>(*query, [](const Statement &row) {
        return OutgoingToDevice{row.int64(0),
                                DeviceAddress{UserId{row.text(1)}, DeviceId{row.uint64(2)}},
                                row.blob(3), row.int64(4)};
    });
}

StoreStatus ToDeviceStore::removeOutgoing(const QList<qint64> &ids) {
    return inTransaction(m_db, [&]() -> StoreStatus {
        for (qint64 id : ids) {
            auto remove = m_db.prepare("DELETE FROM to_device_out WHERE id = ?1");
            if (auto removed = remove->bindInt(1, id).run(); !removed)
                return removed;
        }
        return {};
    });
}

} // namespace hearth::store
