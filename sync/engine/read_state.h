// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_context.h"
#include "sync/protocol/frame.h"
#include "sync/store/read_marker_store.h"

#include <QObject>

namespace hearth::engine {

//! Read markers across the account's devices. Every marker merges by maximum in the store, so
//! markers arriving in any order, any number of times, never move backwards and converge.
//! markRead publishes this device's marker (with a public receipt only when the member allows
//! receipts); `read` pushes and the `convs` read_seq raise the local marker or other members'
//! receipts.
class ReadState final : public QObject {
    Q_OBJECT

public:
    static constexpr auto kReceiptsSetting = "read_receipts";

    //! `markers` holds the read state (the profile's, or an in-memory one in unit tests); the
    //! context's store gives the conversations and the receipts setting.
    ReadState(EngineContext &context, store::ReadMarkerStore &markers, QObject *parent = nullptr);

    //! Raises the marker locally and publishes it when online (else on the next connect).
    [[nodiscard]] std::optional<EngineError> markRead(ConversationId conversation, quint64 seq);
    //! Merges a marker of this account that came from elsewhere (a push, `convs`).
    void applyOwnMarker(ConversationId conversation, quint64 seq);
    //! Merges another member's public receipt.
    void applyReceipt(ConversationId conversation, const UserId &user, quint64 seq);
    //! A `read` push.
    void onReadPush(const protocol::Frame &frame);
    //! Publishes every marker the relay has not seen yet.
    void publishAll();

    //! Whether others see this member's read receipts (own devices sync regardless).
    [[nodiscard]] bool receiptsEnabled();
    [[nodiscard]] std::optional<EngineError> setReceiptsEnabled(bool enabled);

Q_SIGNALS:
    void readMarkerChanged(quint64 conversation, quint64 seq);
    void receiptChanged(quint64 conversation, const QString &user, quint64 seq);

private:
    //! Max-merges this account's marker into the store; readMarkerChanged() when it rose.
    [[nodiscard]] store::StoreResult<quint64> mergeOwn(ConversationId conversation, quint64 seq);
    void publish(ConversationId conversation);

    EngineContext &m_context;
    store::ReadMarkerStore &m_markers;
};

} // namespace hearth::engine
