// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QtGlobal>

//! Names and constants of the Hearth wire protocol. docs/protocol.md is the reference.
namespace hearth::protocol {

using namespace Qt::Literals::StringLiterals;

inline constexpr quint64 kProtocolVersion = 1;

//! Frame field names common to every frame.
namespace field {
inline constexpr auto kType = "t"_L1;
inline constexpr auto kId = "id"_L1;
} // namespace field

//! Frame types. Requests go client → relay; "ok" and "error" are replies; the rest are pushes.
namespace type {
// requests
inline constexpr auto kHello = "hello"_L1;
inline constexpr auto kRegister = "register"_L1;
inline constexpr auto kAddDevice = "add_device"_L1;
inline constexpr auto kAuth = "auth"_L1;
inline constexpr auto kDevices = "devices"_L1;
inline constexpr auto kConversations = "convs"_L1;
inline constexpr auto kCreateConversation = "create_conv"_L1;
inline constexpr auto kMembers = "members"_L1;
inline constexpr auto kMembershipChain = "membership_chain"_L1;
inline constexpr auto kAddMember = "add_member"_L1;
inline constexpr auto kRemoveMember = "remove_member"_L1;
inline constexpr auto kLeave = "leave"_L1;
inline constexpr auto kSetRole = "set_role"_L1;
inline constexpr auto kSend = "send"_L1;
inline constexpr auto kSync = "sync"_L1;
inline constexpr auto kToDevice = "to_device"_L1;
inline constexpr auto kInbox = "inbox"_L1;
inline constexpr auto kAckInbox = "ack_inbox"_L1;
inline constexpr auto kTyping = "typing"_L1;
inline constexpr auto kPresence = "presence"_L1;
inline constexpr auto kPresenceQuery = "presence_query"_L1;
inline constexpr auto kPutDeviceList = "put_device_list"_L1;
inline constexpr auto kRemoveDevice = "remove_device"_L1;
inline constexpr auto kRead = "read"_L1;
inline constexpr auto kReceipts = "receipts"_L1;
inline constexpr auto kSetPrivacy = "set_privacy"_L1;
inline constexpr auto kGetPrivacy = "get_privacy"_L1;
// replies
inline constexpr auto kOk = "ok"_L1;
inline constexpr auto kError = "error"_L1;
// pushes (kToDevice, kTyping, kPresence, kRead and kDevices are also push types)
inline constexpr auto kEvent = "event"_L1;
inline constexpr auto kPrivacy = "privacy"_L1; //!< the account's privacy settings changed
} // namespace type

//! Conversation kinds.
namespace kind {
inline constexpr auto kDm = "dm"_L1;
inline constexpr auto kGroup = "group"_L1;
inline constexpr auto kChannel = "channel"_L1;
} // namespace kind

//! Member roles, strongest first.
namespace role {
inline constexpr auto kOwner = "owner"_L1;
inline constexpr auto kAdmin = "admin"_L1;
inline constexpr auto kMember = "member"_L1;
} // namespace role

//! Event kinds in a conversation's log.
namespace event_kind {
inline constexpr auto kMessage = "message"_L1;       //!< opaque ciphertext from a member
inline constexpr auto kMembership = "membership"_L1; //!< written by the relay
} // namespace event_kind

//! Actions of membership events.
namespace action {
inline constexpr auto kCreate = "create"_L1;
inline constexpr auto kAdd = "add"_L1;
inline constexpr auto kRemove = "remove"_L1;
inline constexpr auto kLeave = "leave"_L1;
inline constexpr auto kRole = "role"_L1;
} // namespace action

//! Presence states.
namespace presence {
inline constexpr auto kOnline = "online"_L1;
inline constexpr auto kAway = "away"_L1;
inline constexpr auto kOffline = "offline"_L1;
} // namespace presence

//! Who may add an account to a conversation (its "message_policy" privacy setting).
namespace message_policy {
inline constexpr auto kEveryone = "everyone"_L1; //!< anyone (the default)
inline constexpr auto kShared = "shared"_L1;     //!< people already sharing a conversation
inline constexpr auto kNobody = "nobody"_L1;     //!< no one
} // namespace message_policy

inline constexpr qsizetype kClientMessageIdSize = 16; //!< random 128-bit client message id
inline constexpr qsizetype kNonceSize = 32;           //!< auth challenge nonce

} // namespace hearth::protocol
