// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/account_store.h"
#include "sync/store/contact_store.h"
#include "sync/store/conversation_store.h"
#include "sync/store/database.h"
#include "sync/store/event_store.h"
#include "sync/store/membership_store.h"
#include "sync/store/search.h"
#include "sync/store/sql_outbox_store.h"
#include "sync/store/sql_read_marker_store.h"
#include "sync/store/sql_session_store.h"
#include "sync/store/timeline.h"
#include "sync/store/to_device_store.h"
#include "sync/store/transaction.h"

namespace hearth::store {

//! One connection to a profile database with every store API over it. Open it with
//! Profile::openStore. Like its connection, a Store is used by one thread at a time (it may
//! move between threads between uses): in the app, a StoreWorker owns the read-write Store and
//! reader threads each open a ReadOnly one. Not movable: the parts refer to its connection.
class Store final {
public:
    explicit Store(Database db);
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    [[nodiscard]] AccountStore &account() { return m_account; }
    [[nodiscard]] ContactStore &contacts() { return m_contacts; }
    [[nodiscard]] ConversationStore &conversations() { return m_conversations; }
    [[nodiscard]] EventStore &events() { return m_events; }
    [[nodiscard]] MembershipStore &membership() { return m_membership; }
    [[nodiscard]] Timeline &timeline() { return m_timeline; }
    [[nodiscard]] Search &search() { return m_search; }
    //! The interfaces, so the engine's parts that take them also run over the in-memory
    //! versions in unit tests (memory_*_store.h).
    [[nodiscard]] OutboxStore &outbox() { return m_outbox; }
    [[nodiscard]] ReadMarkerStore &readMarkers() { return m_readMarkers; }
    [[nodiscard]] SessionStore &sessions() { return m_sessions; }
    [[nodiscard]] ToDeviceStore &toDevice() { return m_toDevice; }
    [[nodiscard]] Database &database() { return m_db; }

    //! Runs `work()` (returning a StoreResult) as one transaction: all of it or none of it,
    //! e.g. a page of events together with its cursor.
    template <class F> auto transaction(F &&work) { return inTransaction(m_db, work); }

private:
    Database m_db;
    AccountStore m_account{m_db};
    ContactStore m_contacts{m_db};
    ConversationStore m_conversations{m_db};
    EventStore m_events{m_db};
    MembershipStore m_membership{m_db};
    Timeline m_timeline{m_db};
    Search m_search{m_db};
    SqlOutboxStore m_outbox{m_db};
    SqlReadMarkerStore m_readMarkers{m_db};
    SqlSessionStore m_sessions{m_db};
    ToDeviceStore m_toDevice{m_db};
};

} // namespace hearth::store
