// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/search_index.h"

namespace hearth::store::details {

StoreStatus SearchIndex::add(qint64 id, const QString &body) {
    if (m_batch) {
        m_deferred.insert_or_assign(id, body);
        return {};
    }
    auto insert = m_db.prepare("INSERT INTO events_fts (docid, body) VALUES (?1, ?2)");
    return insert->bindInt(1, id).bindText(2, body).run();
}

StoreStatus SearchIndex::remove(qint64 id) {
    if (m_deferred.erase(id) > 0)
        return {}; // never reached the index
    auto remove = m_db.prepare("DELETE FROM events_fts WHERE docid = ?1");
    return remove->bindInt(1, id).run();
}

StoreStatus SearchIndex::flush() {
    m_batch = false;
    std::map<qint64, QString> deferred;
    deferred.swap(m_deferred);
    for (const auto &[id, body] : deferred) {
        if (auto added = add(id, body); !added)
            return added;
    }
    return {};
}

void SearchIndex::abandon() {
    m_batch = false;
    m_deferred.clear();
}

} // namespace hearth::store::details
