// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/secret_bytes.h"
#include "sync/store/database.h"
#include "sync/store/store_result.h"

namespace hearth::store {

//! Writes the sync engine needs that the other store APIs do not offer.
class EngineQueries final {
public:
    explicit EngineQueries(Database &db)
        : m_db(db) {}

    //! Stores the account's Ed25519 seed on a device approved later, when an existing device
    //! sends it over the pairwise channel. NotFound before the account exists.
    [[nodiscard]] StoreStatus setAccountSigningSecret(const crypto::SecretBytes &seed);

private:
    Database &m_db;
};

} // namespace hearth::store
