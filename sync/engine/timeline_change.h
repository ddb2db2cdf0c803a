// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/event.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>
#include <span>

namespace hearth::engine {

//! What changed in one conversation's timeline, as the engine stored it: enough for a view to
//! re-read only the rows it names (SyncEngine::timelineChanged). Emitted after the change is
//! committed, so a reader that reads afterwards sees it.
struct TimelineChange final {
    enum class Kind : quint8 {
        Appended, //!< events firstSeq..lastSeq were stored (some may be relations, see below)
        Edited,   //!< the events `targets` name got a new text
        Reacted,  //!< the events `targets` name got or lost a reaction
        Removed,  //!< the events `targets` name were deleted
        //! the stored events `seqs` changed in place (decrypted late, or failed for good)
        Decrypted,
        //! the outbox item `cmid` was written (local echo), failed, was retried or was sent
        //! (then `seqs` holds its stored seq, and an Appended change follows)
        State,
        ReadMarker, //!< this account's read marker rose to `lastSeq`
        Receipt,    //!< `user`'s public read receipt rose to `lastSeq`
    };
    quint64 conversation = 0;
    Kind kind = Kind::Appended;
    quint64 firstSeq = 0; //!< Appended
    quint64 lastSeq = 0;  //!< Appended, ReadMarker, Receipt
    QList<quint64> seqs;  //!< Decrypted; State once sent
    //! Edited, Reacted, Removed: the messages affected (by sender and cmid; by seq for rows
    //! from before schema 4)
    QList<store::EventRef> targets;
    std::optional<store::ClientMessageId> cmid; //!< State
    QString user;                               //!< Receipt
};

//! Adds to `changes` what storing `events` (of one conversation) makes: one Appended over
//! their seqs (widened when `changes` has one), and one Edited / Reacted / Removed for the
//! targets of the relations among them.
void addChanges(QList<TimelineChange> &changes, std::span<const store::IncomingEvent> events);

//! The change a decrypted relation makes to its target; nullopt for an ordinary message.
[[nodiscard]] std::optional<TimelineChange> relationChange(hearth::ConversationId conversation,
                                                           const store::MessageContent &content);

} // namespace hearth::engine

Q_DECLARE_METATYPE(hearth::engine::TimelineChange)
