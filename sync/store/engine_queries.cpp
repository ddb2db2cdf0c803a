// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/engine_queries.h"

namespace hearth::store {

StoreStatus EngineQueries::setAccountSigningSecret(const crypto::SecretBytes &seed) {
    auto update = m_db.prepare("UPDATE account SET account_signing_secret = ?1 WHERE id = 1");
    update->bindSecret(1, seed);
    if (auto updated = update->run(); !updated)
        return updated;
    if (m_db.changes() == 0)
        return storeFailure(StoreError::NotFound);
    return {};
}

} // namespace hearth::store
