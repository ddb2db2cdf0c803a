// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/store_result.h"
#include "sync/store/types.h"

#include <QList>

namespace hearth::store {

//! Another member's published read position.
struct Receipt final {
    UserId user;
    quint64 seq = 0;
    qint64 ts = 0;
    friend bool operator==(const Receipt &, const Receipt &) = default;
};

//! Read state. Every marker merges by maximum: setting an older position is a no-op, so
//! markers from several devices, in any order and any number of times, converge.
class ReadMarkerStore {
public:
    virtual ~ReadMarkerStore() = default;

    //! Merges `seq` into the account's marker for `conversation` (from this device or another
    //! one of the account's) and returns the marker afterwards.
    [[nodiscard]] virtual StoreResult<quint64> setReadMarker(ConversationId conversation,
                                                             quint64 seq, qint64 ts) = 0;
    //! The account's marker (0 when nothing was read).
    [[nodiscard]] virtual StoreResult<quint64> readMarker(ConversationId conversation) = 0;
    //! The marker this device last published to the relay (also merged by maximum): publish
    //! again while readMarker() is ahead of it.
    [[nodiscard]] virtual StoreResult<quint64> setPublishedMarker(ConversationId conversation,
                                                                  quint64 seq) = 0;
    [[nodiscard]] virtual StoreResult<quint64> publishedMarker(ConversationId conversation) = 0;

    //! Merges another member's receipt; returns that member's position afterwards.
    [[nodiscard]] virtual StoreResult<quint64>
    setReceipt(ConversationId conversation, const UserId &user, quint64 seq, qint64 ts) = 0;
    //! Other members' receipts, by user name.
    [[nodiscard]] virtual StoreResult<QList<Receipt>> receipts(ConversationId conversation) = 0;
};

} // namespace hearth::store
