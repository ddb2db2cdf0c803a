// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/ids.h"
#include "sync/store/types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace hearth::store {

//! Names another event of the same conversation by what its sender signed: the sender's user
//! and the client message id inside its encrypted payload (the engine checks that the relay's
//! cmid of an event is the one its payload carries). `byCmid` is the only kind the engine makes.
//! Rows stored before schema 4 may instead name their target by the relay's seq (`bySeq`):
//! they stay readable and keep applying, but nothing new is written that way by the engine.
//! Exactly one of seq and cmid is set; a cmid reference has its sender.
struct EventRef final {
    std::optional<quint64> seq; //!< legacy (schema ≤ 3) only
    std::optional<ClientMessageId> cmid;
    UserId sender; //!< whose cmid (empty for a seq reference)

    [[nodiscard]] static EventRef bySeq(quint64 seq) { return {seq, std::nullopt, {}}; }
    [[nodiscard]] static EventRef byCmid(UserId sender, ClientMessageId cmid) {
        return {std::nullopt, cmid, std::move(sender)};
    }
    [[nodiscard]] bool isValid() const {
        return seq ? !cmid && sender.name.isEmpty() : cmid && !sender.name.isEmpty();
    }
    friend bool operator==(const EventRef &, const EventRef &) = default;
};

//! The decrypted content of a message event, as the sync engine parsed it.
struct MessageContent final {
    QString contentType; //!< engine-defined ("text", "file"…): stored, not interpreted
    //! Shown and indexed for a Relation::None message; the new text of an Edit; the emoji of a
    //! React or Unreact; unused for Delete.
    QString text;
    QByteArray payload; //!< the rest of the content (attachment key and hash…), opaque here
    Relation relation = Relation::None;
    std::optional<EventRef> target; //!< required for every relation, absent otherwise
    std::optional<EventRef> replyTo;
    std::optional<EventRef> threadRoot;
    //! Delete only: the sender was an owner or admin when the relay ordered this event (the
    //! engine checks it); otherwise only the target's own sender may delete it.
    bool byModerator = false;
    //! Not stored: the sender's membership chain head when it wrote (the engine checks it
    //! against the chain it validated; docs/crypto.md, "Membership chain").
    QByteArray membershipHead;
};

//! A membership event's fields: from the signed change when it verified (trust Signed), else
//! what the relay claimed.
struct MembershipChange final {
    MembershipAction action = MembershipAction::Add;
    UserId user;              //!< the member affected (for Create: the creator)
    std::optional<Role> role; //!< role after the event (Create, Add, Role)
    std::optional<ConversationKind> conversationKind; //!< Create only
    QString title;                                    //!< Create only
    //! How far it is believed; nullopt for an event stored before signed membership. Only
    //! Signed changes (and ByRelay removals) are applied to the members.
    std::optional<MemberTrust> trust;
    friend bool operator==(const MembershipChange &, const MembershipChange &) = default;
};

//! One event as the relay ordered it, ready to store (EventStore::insert).
struct IncomingEvent final {
    ConversationId conversation;
    quint64 seq = 0;
    qint64 ts = 0; //!< relay time
    DeviceAddress sender;
    EventKind kind = EventKind::Message;
    std::optional<ClientMessageId> cmid; //!< messages

    // Messages:
    DecryptionState decryption = DecryptionState::Ok;
    MessageContent content;                     //!< when Ok
    QByteArray ciphertext;                      //!< when Pending or Failed: kept for a retry
    std::optional<crypto::SessionId> sessionId; //!< when Pending: the session it waits for

    // Membership events:
    std::optional<MembershipChange> membership;
};

//! The reactions with one emoji on one event.
struct ReactionGroup final {
    QString emoji;
    QList<UserId> users; //!< sorted by name
    friend bool operator==(const ReactionGroup &, const ReactionGroup &) = default;
};

//! One event as a timeline shows it: relations already applied (edits, deletion, reactions).
struct TimelineEvent final {
    ConversationId conversation;
    quint64 seq = 0;
    qint64 ts = 0;
    DeviceAddress sender;
    EventKind kind = EventKind::Message;
    std::optional<ClientMessageId> cmid;
    bool own = false; //!< sent by this account (any of its devices)
    DecryptionState decryption = DecryptionState::Ok;

    QString contentType;
    QString text; //!< current text (after edits); empty when deleted or not decrypted
    QByteArray payload;
    std::optional<EventRef> replyTo;
    std::optional<EventRef> threadRoot;
    std::optional<qint64> editedTs; //!< set when an edit applies
    bool deleted = false;
    QList<ReactionGroup> reactions; //!< sorted by emoji

    std::optional<MembershipChange> membership;
};

//! A message that could not be decrypted yet (or at all), for a retry once keys arrive.
struct UndecryptedEvent final {
    ConversationId conversation;
    quint64 seq = 0;
    qint64 ts = 0;
    DeviceAddress sender;
    DecryptionState decryption = DecryptionState::Pending;
    QByteArray ciphertext;
    QByteArray sessionId;                //!< empty when unknown
    std::optional<ClientMessageId> cmid; //!< the relay's: the payload must carry the same
};

} // namespace hearth::store
