// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/message_parts.h"

//! The ok replies of the requests in messages.h.
namespace hearth::protocol {

// ---- replies ------------------------------------------------------------------------------

//! The ok reply to HelloRequest.
struct HelloReply {
    quint64 version = 0;
    QString relay;
    QByteArray nonce;
    QCborMap limits;
    QStringList caps;
    QString registration;
    static constexpr auto kFields = std::tuple{
        wireField("version"_L1, &HelloReply::version),
        wireField("relay"_L1, &HelloReply::relay),
        wireField("nonce"_L1, &HelloReply::nonce),
        wireField("limits"_L1, &HelloReply::limits),
        wireField("caps"_L1, &HelloReply::caps),
        wireField("registration"_L1, &HelloReply::registration),
    };
};

//! The ok reply to RegisterRequest.
struct RegisterReply final : UserArgument {};

//! The ok reply to AddDeviceRequest.
struct AddDeviceReply {
    DeviceId device;
    static constexpr auto kFields = std::tuple{
        wireField("device"_L1, &AddDeviceReply::device),
    };
};

//! The ok reply to AuthRequest.
struct AuthReply {
    UserId user;
    DeviceId device;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &AuthReply::user),
        wireField("device"_L1, &AuthReply::device),
    };
};

//! The ok reply to DevicesRequest.
struct DevicesReply {
    QList<DeviceEntry> devices;
    std::optional<QByteArray> accountKey;
    std::optional<QByteArray> deviceList;
    std::optional<QByteArray> deviceListSig;
    static constexpr auto kFields = std::tuple{
        wireField("devices"_L1, &DevicesReply::devices),
        wireField("account_key"_L1, &DevicesReply::accountKey),
        wireField("device_list"_L1, &DevicesReply::deviceList),
        wireField("device_list_sig"_L1, &DevicesReply::deviceListSig),
    };
};

//! The ok reply to ConversationsRequest.
struct ConversationsReply {
    QList<ConversationEntry> convs;
    static constexpr auto kFields = std::tuple{
        wireField("convs"_L1, &ConversationsReply::convs),
    };
};

//! The ok reply to CreateConversationRequest.
struct CreateConversationReply {
    ConversationId conv;
    quint64 seq = 0;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &CreateConversationReply::conv),
        wireField("seq"_L1, &CreateConversationReply::seq),
    };
};

//! The ok reply to MembersRequest.
struct MembersReply {
    QList<MemberEntry> members;
    static constexpr auto kFields = std::tuple{
        wireField("members"_L1, &MembersReply::members),
    };
};

//! The ok reply to MembershipChainRequest.
struct MembershipChainReply {
    QList<ChainOp> ops;
    static constexpr auto kFields = std::tuple{
        wireField("ops"_L1, &MembershipChainReply::ops),
    };
};

//! The ok reply to AddMemberRequest.
struct AddMemberReply final : SeqReply {};

//! The ok reply to RemoveMemberRequest.
struct RemoveMemberReply final : SeqReply {};

//! The ok reply to LeaveRequest.
struct LeaveReply final : SeqReply {};

//! The ok reply to SetRoleRequest.
struct SetRoleReply final : SeqReply {};

//! The ok reply to SendRequest.
struct SendReply {
    quint64 seq = 0;
    quint64 ts = 0;
    bool duplicate = false;
    static constexpr auto kFields = std::tuple{
        wireField("seq"_L1, &SendReply::seq),
        wireField("ts"_L1, &SendReply::ts),
        wireField("duplicate"_L1, &SendReply::duplicate),
    };
};

//! The ok reply to SyncRequest.
struct SyncReply {
    QList<Event> events;
    bool more = false;
    static constexpr auto kFields = std::tuple{
        wireField("events"_L1, &SyncReply::events),
        wireField("more"_L1, &SyncReply::more),
    };
};

//! The ok reply to ToDeviceRequest.
struct ToDeviceReply {
    quint64 queued = 0;
    std::optional<QList<InboxFullEntry>> inboxFull;
    static constexpr auto kFields = std::tuple{
        wireField("queued"_L1, &ToDeviceReply::queued),
        wireField("inbox_full"_L1, &ToDeviceReply::inboxFull),
    };
};

//! The ok reply to InboxRequest.
struct InboxReply {
    QList<IncomingToDevice> messages;
    bool more = false;
    static constexpr auto kFields = std::tuple{
        wireField("messages"_L1, &InboxReply::messages),
        wireField("more"_L1, &InboxReply::more),
    };
};

//! The ok reply to AckInboxRequest.
struct AckInboxReply {
    quint64 removed = 0;
    static constexpr auto kFields = std::tuple{
        wireField("removed"_L1, &AckInboxReply::removed),
    };
};

//! The ok reply to TypingRequest.
struct TypingReply final : EmptyMessage {};

//! The ok reply to PresenceRequest.
struct PresenceReply final : EmptyMessage {};

//! The ok reply to PresenceQueryRequest.
struct PresenceQueryReply {
    QList<PresenceEntry> presence;
    static constexpr auto kFields = std::tuple{
        wireField("presence"_L1, &PresenceQueryReply::presence),
    };
};

//! The ok reply to PutDeviceListRequest.
struct PutDeviceListReply final : EmptyMessage {};

//! The ok reply to RemoveDeviceRequest.
struct RemoveDeviceReply final : EmptyMessage {};

//! The ok reply to ReadRequest.
struct ReadReply final : SeqReply {};

//! The ok reply to ReceiptsRequest.
struct ReceiptsReply {
    QList<ReceiptEntry> receipts;
    static constexpr auto kFields = std::tuple{
        wireField("receipts"_L1, &ReceiptsReply::receipts),
    };
};

//! The ok reply to SetPrivacyRequest.
struct SetPrivacyReply final : PrivacySettings {};

//! The ok reply to GetPrivacyRequest.
struct GetPrivacyReply final : PrivacySettings {};

} // namespace hearth::protocol
