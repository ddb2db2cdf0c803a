// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/outbox_store.h"

namespace hearth::store {

bool outboxTransitionAllowed(OutboxState from, OutboxState to) {
    switch (to) {
    case OutboxState::Sending:
        return from == OutboxState::Pending;
    case OutboxState::Sent:
    case OutboxState::Failed:
        return from == OutboxState::Pending || from == OutboxState::Sending;
    case OutboxState::Pending:
        return from == OutboxState::Sending || from == OutboxState::Failed;
    }
    return false;
}

} // namespace hearth::store
