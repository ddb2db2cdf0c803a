// SPDX-License-Identifier: GPL-3.0-or-later
// The v1 frame table: every request with its reply, every push. docs/protocol.md mirrors it.
#include "sync/protocol/protocol.h"
#include "sync/protocol/schema.h"

#include <array>

namespace hearth::protocol {

namespace {

using T = FieldType;
constexpr bool kOptional = false;
constexpr qint64 kUnbounded = -1;
constexpr qint64 kMaxUsername = 64; // the relay narrows it to its username rule
constexpr qint64 kMaxTitle = 256;
constexpr qint64 kMaxBody = 16 * 1024 * 1024; // absolute cap; the relay's limit is lower
constexpr qint64 kMaxList = 100000;
constexpr qint64 kMaxDeviceList = 64 * 1024;
constexpr qint64 kMaxMembershipOp = 256 * 1024; // crypto::MembershipOp::kMaxSize

// ---- nested maps ------------------------------------------------------------------------

constexpr std::array kEventFields = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"seq"_L1, T::UInt},
    FieldSpec{"ts"_L1, T::UInt},
    FieldSpec{"sender"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"device"_L1, T::UInt},
    FieldSpec{"kind"_L1, T::Text},
    // message events
    FieldSpec{"cmid"_L1, T::Bytes, kOptional, kClientMessageIdSize, kClientMessageIdSize},
    FieldSpec{"body"_L1, T::Bytes, kOptional, 0, kMaxBody},
    // membership events
    FieldSpec{"action"_L1, T::Text, kOptional},
    FieldSpec{"user"_L1, T::Text, kOptional, 1, kMaxUsername},
    FieldSpec{"role"_L1, T::Text, kOptional},
    FieldSpec{"conv_kind"_L1, T::Text, kOptional},
    FieldSpec{"title"_L1, T::Text, kOptional, 0, kMaxTitle},
    // the signed change (docs/crypto.md); absent for a removal the relay made on its own
    FieldSpec{"op"_L1, T::Bytes, kOptional, 1, kMaxMembershipOp},
};

constexpr std::array kDeviceFields = {
    FieldSpec{"device"_L1, T::UInt},
    FieldSpec{"sign_key"_L1, T::Bytes, true, 32, 32},
    FieldSpec{"dh_key"_L1, T::Bytes, true, 32, 32},
    FieldSpec{"name"_L1, T::Text, true, 0, kMaxTitle},
    FieldSpec{"created"_L1, T::UInt},
};

constexpr std::array kConversationFields = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"kind"_L1, T::Text},
    FieldSpec{"title"_L1, T::Text, true, 0, kMaxTitle},
    FieldSpec{"role"_L1, T::Text},
    FieldSpec{"last_seq"_L1, T::UInt},
    FieldSpec{"joined_seq"_L1, T::UInt},
    FieldSpec{"left_seq"_L1, T::UInt, kOptional}, // present when the caller is a former member
    FieldSpec{"read_seq"_L1, T::UInt}, // the caller's read marker, merged over its devices
};

constexpr std::array kMemberFields = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"role"_L1, T::Text},
    FieldSpec{"joined_seq"_L1, T::UInt},
};

constexpr std::array kOutgoingToDeviceFields = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"device"_L1, T::UInt},
    FieldSpec{"body"_L1, T::Bytes, true, 0, kMaxBody},
};

constexpr std::array kIncomingToDeviceFields = {
    FieldSpec{"qid"_L1, T::UInt},
    FieldSpec{"from_user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"from_device"_L1, T::UInt},
    FieldSpec{"ts"_L1, T::UInt},
    FieldSpec{"body"_L1, T::Bytes, true, 0, kMaxBody},
};

constexpr std::array kPresenceFields = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"status"_L1, T::Text},
    FieldSpec{"last_seen"_L1, T::UInt, kOptional},
};

// ---- requests and their replies -----------------------------------------------------------

constexpr std::array<FieldSpec, 0> kNone = {};

constexpr std::array kHello = {
    FieldSpec{"version"_L1, T::UInt},
    FieldSpec{"client"_L1, T::Text, kOptional, 0, kMaxTitle},
    FieldSpec{"caps"_L1, T::TextArray, kOptional, 0, 64},
};
constexpr std::array kHelloReply = {
    FieldSpec{"version"_L1, T::UInt},
    FieldSpec{"relay"_L1, T::Text},
    FieldSpec{"nonce"_L1, T::Bytes, true, kNonceSize, kNonceSize},
    FieldSpec{"limits"_L1, T::Map},
    FieldSpec{"caps"_L1, T::TextArray, true, 0, 64},
    FieldSpec{"registration"_L1, T::Text},
};

constexpr std::array kRegister = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"password"_L1, T::Text, true, 0, 4096},
    FieldSpec{"invite"_L1, T::Text, kOptional, 0, 128},
    // Ed25519 key that signs the account's device list (docs/crypto.md)
    FieldSpec{"account_key"_L1, T::Bytes, kOptional, 32, 32},
};
constexpr std::array kUserReply = {FieldSpec{"user"_L1, T::Text}};

constexpr std::array kAddDevice = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"password"_L1, T::Text, true, 0, 4096},
    FieldSpec{"sign_key"_L1, T::Bytes, true, 32, 32},
    FieldSpec{"dh_key"_L1, T::Bytes, true, 32, 32},
    FieldSpec{"name"_L1, T::Text, kOptional, 0, kMaxTitle},
};
constexpr std::array kDeviceReply = {FieldSpec{"device"_L1, T::UInt}};

constexpr std::array kAuth = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"device"_L1, T::UInt},
    FieldSpec{"sig"_L1, T::Bytes, true, 64, 64},
};
constexpr std::array kAuthReply = {
    FieldSpec{"user"_L1, T::Text},
    FieldSpec{"device"_L1, T::UInt},
};

constexpr std::array kUserArg = {FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername}};
constexpr std::array kDevicesReply = {
    FieldSpec{"devices"_L1, T::MapArray, true, 0, kUnbounded, kDeviceFields},
    // present when the account has them: clients trust only devices on the signed list
    FieldSpec{"account_key"_L1, T::Bytes, kOptional, 32, 32},
    FieldSpec{"device_list"_L1, T::Bytes, kOptional, 0, kMaxDeviceList},
    FieldSpec{"device_list_sig"_L1, T::Bytes, kOptional, 64, 64},
};

constexpr std::array kPutDeviceList = {
    FieldSpec{"list"_L1, T::Bytes, true, 1, kMaxDeviceList},
    FieldSpec{"sig"_L1, T::Bytes, true, 64, 64},
};

constexpr std::array kConversationsReply = {
    FieldSpec{"convs"_L1, T::MapArray, true, 0, kUnbounded, kConversationFields},
};

constexpr std::array kCreateConversation = {
    FieldSpec{"kind"_L1, T::Text},
    FieldSpec{"title"_L1, T::Text, kOptional, 0, kMaxTitle},
    FieldSpec{"members"_L1, T::TextArray, true, 0, kMaxList},
    FieldSpec{"op"_L1, T::Bytes, true, 1, kMaxMembershipOp},
};
constexpr std::array kConvSeqReply = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"seq"_L1, T::UInt},
};

constexpr std::array kConvArg = {FieldSpec{"conv"_L1, T::UInt}};
constexpr std::array kMembersReply = {
    FieldSpec{"members"_L1, T::MapArray, true, 0, kUnbounded, kMemberFields},
};

constexpr std::array kChainOpFields = {
    FieldSpec{"seq"_L1, T::UInt},
    FieldSpec{"op"_L1, T::Bytes, true, 1, kMaxMembershipOp},
};
constexpr std::array kMembershipChainReply = {
    FieldSpec{"ops"_L1, T::MapArray, true, 0, kUnbounded, kChainOpFields},
};

constexpr std::array kMemberChange = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"role"_L1, T::Text, kOptional},
    FieldSpec{"op"_L1, T::Bytes, true, 1, kMaxMembershipOp},
};
constexpr std::array kSetRole = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"role"_L1, T::Text},
    FieldSpec{"op"_L1, T::Bytes, true, 1, kMaxMembershipOp},
};
constexpr std::array kLeave = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"op"_L1, T::Bytes, true, 1, kMaxMembershipOp},
};
constexpr std::array kSeqReply = {FieldSpec{"seq"_L1, T::UInt}};

constexpr std::array kSend = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"cmid"_L1, T::Bytes, true, kClientMessageIdSize, kClientMessageIdSize},
    FieldSpec{"body"_L1, T::Bytes, true, 0, kMaxBody},
};
constexpr std::array kSendReply = {
    FieldSpec{"seq"_L1, T::UInt},
    FieldSpec{"ts"_L1, T::UInt},
    FieldSpec{"duplicate"_L1, T::Bool},
};

constexpr std::array kSync = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"after"_L1, T::UInt},
    FieldSpec{"limit"_L1, T::UInt, kOptional},
};
constexpr std::array kSyncReply = {
    FieldSpec{"events"_L1, T::MapArray, true, 0, kUnbounded, kEventFields},
    FieldSpec{"more"_L1, T::Bool},
};

constexpr std::array kToDevice = {
    FieldSpec{"messages"_L1, T::MapArray, true, 1, kMaxList, kOutgoingToDeviceFields},
};
constexpr std::array kInboxFullFields = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"device"_L1, T::UInt},
};
constexpr std::array kToDeviceReply = {
    FieldSpec{"queued"_L1, T::UInt},
    // the targets whose inbox was full: their messages were not queued
    FieldSpec{"inbox_full"_L1, T::MapArray, kOptional, 0, kUnbounded, kInboxFullFields},
};

constexpr std::array kInbox = {FieldSpec{"limit"_L1, T::UInt, kOptional}};
constexpr std::array kInboxReply = {
    FieldSpec{"messages"_L1, T::MapArray, true, 0, kUnbounded, kIncomingToDeviceFields},
    FieldSpec{"more"_L1, T::Bool},
};

constexpr std::array kAckInbox = {FieldSpec{"qids"_L1, T::UIntArray, true, 1, kMaxList}};
constexpr std::array kAckInboxReply = {FieldSpec{"removed"_L1, T::UInt}};

constexpr std::array kTyping = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"active"_L1, T::Bool},
};

constexpr std::array kPresence = {FieldSpec{"status"_L1, T::Text}};

constexpr std::array kPresenceQuery = {
    FieldSpec{"users"_L1, T::TextArray, true, 1, 1000},
};
constexpr std::array kPresenceQueryReply = {
    FieldSpec{"presence"_L1, T::MapArray, true, 0, kUnbounded, kPresenceFields},
};

constexpr std::array kRemoveDevice = {
    FieldSpec{"device"_L1, T::UInt},
    FieldSpec{"password"_L1, T::Text, true, 0, 4096},
};

constexpr std::array kRead = {
    FieldSpec{"conv"_L1, T::UInt}, FieldSpec{"seq"_L1, T::UInt},
    FieldSpec{"receipt"_L1, T::Bool}, // false: own devices learn it, other members don't
};
constexpr std::array kReadReply = {FieldSpec{"seq"_L1, T::UInt}};

constexpr std::array kReceiptFields = {
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"seq"_L1, T::UInt},
};
constexpr std::array kReceiptsReply = {
    FieldSpec{"receipts"_L1, T::MapArray, true, 0, kUnbounded, kReceiptFields},
};

constexpr std::array kPrivacy = {
    FieldSpec{"message_policy"_L1, T::Text, true, 1, 32}, // everyone, shared or nobody
};

constexpr bool kOpen = false; // allowed before authentication

constexpr std::array kRequests = {
    RequestSpec{type::kHello, kHello, kHelloReply, kOpen},
    RequestSpec{type::kRegister, kRegister, kUserReply, kOpen},
    RequestSpec{type::kAddDevice, kAddDevice, kDeviceReply, kOpen},
    RequestSpec{type::kAuth, kAuth, kAuthReply, kOpen},
    RequestSpec{type::kDevices, kUserArg, kDevicesReply},
    RequestSpec{type::kConversations, kNone, kConversationsReply},
    RequestSpec{type::kCreateConversation, kCreateConversation, kConvSeqReply},
    RequestSpec{type::kMembers, kConvArg, kMembersReply},
    RequestSpec{type::kMembershipChain, kConvArg, kMembershipChainReply},
    RequestSpec{type::kAddMember, kMemberChange, kSeqReply},
    RequestSpec{type::kRemoveMember, kMemberChange, kSeqReply},
    RequestSpec{type::kLeave, kLeave, kSeqReply},
    RequestSpec{type::kSetRole, kSetRole, kSeqReply},
    RequestSpec{type::kSend, kSend, kSendReply},
    RequestSpec{type::kSync, kSync, kSyncReply},
    RequestSpec{type::kToDevice, kToDevice, kToDeviceReply},
    RequestSpec{type::kInbox, kInbox, kInboxReply},
    RequestSpec{type::kAckInbox, kAckInbox, kAckInboxReply},
    RequestSpec{type::kTyping, kTyping, kNone},
    RequestSpec{type::kPresence, kPresence, kNone},
    RequestSpec{type::kPresenceQuery, kPresenceQuery, kPresenceQueryReply},
    RequestSpec{type::kPutDeviceList, kPutDeviceList, kNone},
    RequestSpec{type::kRemoveDevice, kRemoveDevice, kNone},
    RequestSpec{type::kRead, kRead, kReadReply},
    RequestSpec{type::kReceipts, kConvArg, kReceiptsReply},
    RequestSpec{type::kSetPrivacy, kPrivacy, kPrivacy},
    RequestSpec{type::kGetPrivacy, kNone, kPrivacy},
};

// ---- pushes -------------------------------------------------------------------------------

constexpr std::array kEventPush = {
    FieldSpec{"event"_L1, T::Map, true, 0, kUnbounded, kEventFields},
};
constexpr std::array kToDevicePush = {
    FieldSpec{"message"_L1, T::Map, true, 0, kUnbounded, kIncomingToDeviceFields},
};
constexpr std::array kTypingPush = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"active"_L1, T::Bool},
};

constexpr std::array kReadPush = {
    FieldSpec{"conv"_L1, T::UInt},
    FieldSpec{"user"_L1, T::Text, true, 1, kMaxUsername},
    FieldSpec{"seq"_L1, T::UInt},
};

constexpr std::array kPushes = {
    PushSpec{type::kEvent, kEventPush},
    PushSpec{type::kToDevice, kToDevicePush},
    PushSpec{type::kTyping, kTypingPush},
    PushSpec{type::kPresence, kPresenceFields},
    PushSpec{type::kRead, kReadPush},
    PushSpec{type::kDevices, kUserArg}, // the user's device list changed: fetch it again
    PushSpec{type::kPrivacy, kPrivacy}, // set_privacy on another device of the account
};

constexpr std::array kErrorReply = {
    FieldSpec{"code"_L1, T::Text},
    FieldSpec{"message"_L1, T::Text},
    FieldSpec{"retry_after_ms"_L1, T::UInt, kOptional},
};

} // namespace

std::span<const RequestSpec> requestSpecs() {
    return kRequests;
}
std::span<const PushSpec> pushSpecs() {
    return kPushes;
}
std::span<const FieldSpec> errorReplySpec() {
    return kErrorReply;
}

} // namespace hearth::protocol
