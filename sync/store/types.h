// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ids and enumerations shared by the store's APIs. Enumerations are stored as their integer
// values: never renumber them (the schema's CHECK constraints list them).

#include "base/conversation_types.h"
#include "crypto/ids.h"

#include <QtGlobal>

namespace hearth::store {

struct ClientMessageIdTag;
//! The random 16-byte id a sender gives a message once, when composing it (protocol `cmid`).
using ClientMessageId = crypto::RandomId<ClientMessageIdTag>;

//! Sequence numbers (per conversation, from 1) and timestamps (ms since the Unix epoch) are
//! plain integers: `quint64 seq`, `qint64 ts`.

enum class NotificationLevel : quint8 {
    All = 0,      //!< every message
    Mentions = 1, //!< only messages that mention the account
    None = 2,     //!< nothing
};

//! The user's trust in one device of a known user.
enum class Trust : quint8 {
    Unverified = 0, //!< not compared yet (the default)
    Verified = 1,   //!< fingerprints compared and confirmed
    Blocked = 2,    //!< never share keys with it
};

//! The relay's event kinds.
enum class EventKind : quint8 { Message = 0, Membership = 1 };

enum class DecryptionState : quint8 {
    Ok = 0,      //!< decrypted: content is stored
    Pending = 1, //!< waiting for the session key; the ciphertext is kept for a retry
    Failed = 2,  //!< cannot be decrypted (bad signature…); the ciphertext is kept
};

//! What a decrypted message does to another event (its target).
enum class Relation : quint8 {
    None = 0,    //!< an ordinary message, shown in the timeline
    Edit = 1,    //!< replaces the target's text (the target's sender only)
    Delete = 2,  //!< removes the target's content (its sender, or a moderator)
    React = 3,   //!< adds the sender's reaction (the text is the emoji)
    Unreact = 4, //!< withdraws the sender's reaction with that emoji
};

//! How far a membership event is believed (docs/crypto.md, "Membership chain"). Stored as
//! events.member_trust; NULL for events stored before signed membership.
enum class MemberTrust : quint8 {
    Signed = 0,  //!< signed by the actor's device, on the chain, permitted: applied
    ByRelay = 1, //!< a removal the relay made on its own: applied (it can only remove)
    Refused = 2, //!< unsigned, forged, off the chain or not permitted: not applied, shown
};

//! A conversation's membership warning; the strongest one raised is kept.
enum class MembershipAlert : quint8 {
    None = 0,
    RefusedChange = 1, //!< the relay reported a membership change that did not verify
    Fork = 2,          //!< a member wrote under a membership history this device never saw
};

//! Life of an outbox item: Pending → Sending → Sent, or back to Pending (connection lost), or
//! Failed (given up; retry() makes it Pending again). Sent is final.
enum class OutboxState : quint8 { Pending = 0, Sending = 1, Sent = 2, Failed = 3 };

} // namespace hearth::store
