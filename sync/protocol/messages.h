// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/protocol.h"
#include "sync/protocol/replies.h"

//! Every frame of protocol v1 as a struct: requests (…Request, with their type and Reply),
//! replies, pushes (…Push) and the maps nested in them. docs/protocol.md describes them; the
//! schema table (schema_table.cpp) bounds them; tst_messages checks the two agree.
namespace hearth::protocol {

// ---- requests (client → relay) ------------------------------------------------------------

//! `kHello` request.
struct HelloRequest {
    static constexpr QLatin1StringView kType = type::kHello;
    using Reply = HelloReply;
    quint64 version = 0;
    std::optional<QString> client;
    std::optional<QStringList> caps;
    static constexpr auto kFields = std::tuple{
        wireField("version"_L1, &HelloRequest::version),
        wireField("client"_L1, &HelloRequest::client),
        wireField("caps"_L1, &HelloRequest::caps),
    };
};

//! `kRegister` request.
struct RegisterRequest {
    static constexpr QLatin1StringView kType = type::kRegister;
    using Reply = RegisterReply;
    UserId user;
    QString password;
    std::optional<QString> invite;
    std::optional<QByteArray> accountKey;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &RegisterRequest::user),
        wireField("password"_L1, &RegisterRequest::password),
        wireField("invite"_L1, &RegisterRequest::invite),
        wireField("account_key"_L1, &RegisterRequest::accountKey),
    };
};

//! `kAddDevice` request.
struct AddDeviceRequest {
    static constexpr QLatin1StringView kType = type::kAddDevice;
    using Reply = AddDeviceReply;
    UserId user;
    QString password;
    QByteArray signKey;
    QByteArray dhKey;
    std::optional<QString> name;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &AddDeviceRequest::user),
        wireField("password"_L1, &AddDeviceRequest::password),
        wireField("sign_key"_L1, &AddDeviceRequest::signKey),
        wireField("dh_key"_L1, &AddDeviceRequest::dhKey),
        wireField("name"_L1, &AddDeviceRequest::name),
    };
};

//! `kAuth` request.
struct AuthRequest {
    static constexpr QLatin1StringView kType = type::kAuth;
    using Reply = AuthReply;
    UserId user;
    DeviceId device;
    QByteArray sig;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &AuthRequest::user),
        wireField("device"_L1, &AuthRequest::device),
        wireField("sig"_L1, &AuthRequest::sig),
    };
};

//! `kDevices` request.
struct DevicesRequest final : UserArgument {
    static constexpr QLatin1StringView kType = type::kDevices;
    using Reply = DevicesReply;
};

//! `kConversations` request.
struct ConversationsRequest final : EmptyMessage {
    static constexpr QLatin1StringView kType = type::kConversations;
    using Reply = ConversationsReply;
};

//! `kCreateConversation` request.
struct CreateConversationRequest {
    static constexpr QLatin1StringView kType = type::kCreateConversation;
    using Reply = CreateConversationReply;
    QString kind;
    std::optional<QString> title;
    QStringList members;
    QByteArray op;
    static constexpr auto kFields = std::tuple{
        wireField("kind"_L1, &CreateConversationRequest::kind),
        wireField("title"_L1, &CreateConversationRequest::title),
        wireField("members"_L1, &CreateConversationRequest::members),
        wireField("op"_L1, &CreateConversationRequest::op),
    };
};

//! `kMembers` request.
struct MembersRequest final : ConversationArgument {
    static constexpr QLatin1StringView kType = type::kMembers;
    using Reply = MembersReply;
};

//! `kMembershipChain` request.
struct MembershipChainRequest final : ConversationArgument {
    static constexpr QLatin1StringView kType = type::kMembershipChain;
    using Reply = MembershipChainReply;
};

//! `kAddMember` request.
struct AddMemberRequest final : MemberChange {
    static constexpr QLatin1StringView kType = type::kAddMember;
    using Reply = AddMemberReply;
};

//! `kRemoveMember` request.
struct RemoveMemberRequest final : MemberChange {
    static constexpr QLatin1StringView kType = type::kRemoveMember;
    using Reply = RemoveMemberReply;
};

//! `kLeave` request.
struct LeaveRequest {
    static constexpr QLatin1StringView kType = type::kLeave;
    using Reply = LeaveReply;
    ConversationId conv;
    QByteArray op;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &LeaveRequest::conv),
        wireField("op"_L1, &LeaveRequest::op),
    };
};

//! `kSetRole` request.
struct SetRoleRequest {
    static constexpr QLatin1StringView kType = type::kSetRole;
    using Reply = SetRoleReply;
    ConversationId conv;
    UserId user;
    QString role;
    QByteArray op;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &SetRoleRequest::conv),
        wireField("user"_L1, &SetRoleRequest::user),
        wireField("role"_L1, &SetRoleRequest::role),
        wireField("op"_L1, &SetRoleRequest::op),
    };
};

//! `kSend` request.
struct SendRequest {
    static constexpr QLatin1StringView kType = type::kSend;
    using Reply = SendReply;
    ConversationId conv;
    QByteArray cmid;
    QByteArray body;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &SendRequest::conv),
        wireField("cmid"_L1, &SendRequest::cmid),
        wireField("body"_L1, &SendRequest::body),
    };
};

//! `kSync` request.
struct SyncRequest {
    static constexpr QLatin1StringView kType = type::kSync;
    using Reply = SyncReply;
    ConversationId conv;
    quint64 after = 0;
    std::optional<quint64> limit;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &SyncRequest::conv),
        wireField("after"_L1, &SyncRequest::after),
        wireField("limit"_L1, &SyncRequest::limit),
    };
};

//! `kToDevice` request.
struct ToDeviceRequest {
    static constexpr QLatin1StringView kType = type::kToDevice;
    using Reply = ToDeviceReply;
    QList<OutgoingToDevice> messages;
    static constexpr auto kFields = std::tuple{
        wireField("messages"_L1, &ToDeviceRequest::messages),
    };
};

//! `kInbox` request.
struct InboxRequest {
    static constexpr QLatin1StringView kType = type::kInbox;
    using Reply = InboxReply;
    std::optional<quint64> limit;
    static constexpr auto kFields = std::tuple{
        wireField("limit"_L1, &InboxRequest::limit),
    };
};

//! `kAckInbox` request.
struct AckInboxRequest {
    static constexpr QLatin1StringView kType = type::kAckInbox;
    using Reply = AckInboxReply;
    QList<quint64> qids;
    static constexpr auto kFields = std::tuple{
        wireField("qids"_L1, &AckInboxRequest::qids),
    };
};

//! `kTyping` request.
struct TypingRequest {
    static constexpr QLatin1StringView kType = type::kTyping;
    using Reply = TypingReply;
    ConversationId conv;
    bool active = false;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &TypingRequest::conv),
        wireField("active"_L1, &TypingRequest::active),
    };
};

//! `kPresence` request.
struct PresenceRequest {
    static constexpr QLatin1StringView kType = type::kPresence;
    using Reply = PresenceReply;
    QString status;
    static constexpr auto kFields = std::tuple{
        wireField("status"_L1, &PresenceRequest::status),
    };
};

//! `kPresenceQuery` request.
struct PresenceQueryRequest {
    static constexpr QLatin1StringView kType = type::kPresenceQuery;
    using Reply = PresenceQueryReply;
    QStringList users;
    static constexpr auto kFields = std::tuple{
        wireField("users"_L1, &PresenceQueryRequest::users),
    };
};

//! `kPutDeviceList` request.
struct PutDeviceListRequest {
    static constexpr QLatin1StringView kType = type::kPutDeviceList;
    using Reply = PutDeviceListReply;
    QByteArray list;
    QByteArray sig;
    static constexpr auto kFields = std::tuple{
        wireField("list"_L1, &PutDeviceListRequest::list),
        wireField("sig"_L1, &PutDeviceListRequest::sig),
    };
};

//! `kRemoveDevice` request.
struct RemoveDeviceRequest {
    static constexpr QLatin1StringView kType = type::kRemoveDevice;
    using Reply = RemoveDeviceReply;
    DeviceId device;
    QString password;
    static constexpr auto kFields = std::tuple{
        wireField("device"_L1, &RemoveDeviceRequest::device),
        wireField("password"_L1, &RemoveDeviceRequest::password),
    };
};

//! `kRead` request.
struct ReadRequest {
    static constexpr QLatin1StringView kType = type::kRead;
    using Reply = ReadReply;
    ConversationId conv;
    quint64 seq = 0;
    bool receipt = false;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &ReadRequest::conv),
        wireField("seq"_L1, &ReadRequest::seq),
        wireField("receipt"_L1, &ReadRequest::receipt),
    };
};

//! `kReceipts` request.
struct ReceiptsRequest final : ConversationArgument {
    static constexpr QLatin1StringView kType = type::kReceipts;
    using Reply = ReceiptsReply;
};

//! `kSetPrivacy` request.
struct SetPrivacyRequest final : PrivacySettings {
    static constexpr QLatin1StringView kType = type::kSetPrivacy;
    using Reply = SetPrivacyReply;
};

//! `kGetPrivacy` request.
struct GetPrivacyRequest final : EmptyMessage {
    static constexpr QLatin1StringView kType = type::kGetPrivacy;
    using Reply = GetPrivacyReply;
};

// ---- pushes (relay → client, unasked) -------------------------------------------------------

//! `kEvent` push.
struct EventPush {
    static constexpr QLatin1StringView kType = type::kEvent;
    Event event;
    static constexpr auto kFields = std::tuple{
        wireField("event"_L1, &EventPush::event),
    };
};

//! `kToDevice` push.
struct ToDevicePush {
    static constexpr QLatin1StringView kType = type::kToDevice;
    IncomingToDevice message;
    static constexpr auto kFields = std::tuple{
        wireField("message"_L1, &ToDevicePush::message),
    };
};

//! `kTyping` push.
struct TypingPush {
    static constexpr QLatin1StringView kType = type::kTyping;
    ConversationId conv;
    UserId user;
    bool active = false;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &TypingPush::conv),
        wireField("user"_L1, &TypingPush::user),
        wireField("active"_L1, &TypingPush::active),
    };
};

//! `kPresence` push.
struct PresencePush final : PresenceEntry {
    static constexpr QLatin1StringView kType = type::kPresence;
};

//! `kRead` push.
struct ReadPush {
    static constexpr QLatin1StringView kType = type::kRead;
    ConversationId conv;
    UserId user;
    quint64 seq = 0;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &ReadPush::conv),
        wireField("user"_L1, &ReadPush::user),
        wireField("seq"_L1, &ReadPush::seq),
    };
};

//! `kDevices` push.
struct DevicesPush final : UserArgument {
    static constexpr QLatin1StringView kType = type::kDevices;
};

//! `kPrivacy` push.
struct PrivacyPush final : PrivacySettings {
    static constexpr QLatin1StringView kType = type::kPrivacy;
};

//! The error reply.
struct ErrorReply {
    QString code;
    QString message;
    std::optional<quint64> retryAfterMs;
    static constexpr auto kFields = std::tuple{
        wireField("code"_L1, &ErrorReply::code),
        wireField("message"_L1, &ErrorReply::message),
        wireField("retry_after_ms"_L1, &ErrorReply::retryAfterMs),
    };
};

//! Every request struct, in the schema table's order (tst_messages walks it).
using RequestMessages =
    std::tuple<HelloRequest, RegisterRequest, AddDeviceRequest, AuthRequest, DevicesRequest,
               ConversationsRequest, CreateConversationRequest, MembersRequest,
               MembershipChainRequest, AddMemberRequest, RemoveMemberRequest, LeaveRequest,
               SetRoleRequest, SendRequest, SyncRequest, ToDeviceRequest, InboxRequest,
               AckInboxRequest, TypingRequest, PresenceRequest, PresenceQueryRequest,
               PutDeviceListRequest, RemoveDeviceRequest, ReadRequest, ReceiptsRequest,
               SetPrivacyRequest, GetPrivacyRequest>;
//! Every push struct, in the schema table's order.
using PushMessages = std::tuple<EventPush, ToDevicePush, TypingPush, PresencePush, ReadPush,
                                DevicesPush, PrivacyPush>;

} // namespace hearth::protocol
