// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/message_codec.h"

//! The maps nested in frames, and the field sets several frames share (messages.h uses them).
namespace hearth::protocol {

// ---- maps nested in frames -----------------------------------------------------------------

//! One event of a conversation's log (message or membership).
struct Event {
    ConversationId conv;
    quint64 seq = 0;
    quint64 ts = 0;
    UserId sender;
    DeviceId device;
    QString kind;
    std::optional<QByteArray> cmid;
    std::optional<QByteArray> body;
    std::optional<QString> action;
    std::optional<UserId> user;
    std::optional<QString> role;
    std::optional<QString> convKind;
    std::optional<QString> title;
    std::optional<QByteArray> op;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &Event::conv),     wireField("seq"_L1, &Event::seq),
        wireField("ts"_L1, &Event::ts),         wireField("sender"_L1, &Event::sender),
        wireField("device"_L1, &Event::device), wireField("kind"_L1, &Event::kind),
        wireField("cmid"_L1, &Event::cmid),     wireField("body"_L1, &Event::body),
        wireField("action"_L1, &Event::action), wireField("user"_L1, &Event::user),
        wireField("role"_L1, &Event::role),     wireField("conv_kind"_L1, &Event::convKind),
        wireField("title"_L1, &Event::title),   wireField("op"_L1, &Event::op),
    };
};

//! A device as the relay lists it (keys to check against the signed list).
struct DeviceEntry {
    DeviceId device;
    QByteArray signKey;
    QByteArray dhKey;
    QString name;
    quint64 created = 0;
    static constexpr auto kFields = std::tuple{
        wireField("device"_L1, &DeviceEntry::device),
        wireField("sign_key"_L1, &DeviceEntry::signKey),
        wireField("dh_key"_L1, &DeviceEntry::dhKey),
        wireField("name"_L1, &DeviceEntry::name),
        wireField("created"_L1, &DeviceEntry::created),
    };
};

//! A conversation the caller is or was a member of.
struct ConversationEntry {
    ConversationId conv;
    QString kind;
    QString title;
    QString role;
    quint64 lastSeq = 0;
    quint64 joinedSeq = 0;
    std::optional<quint64> leftSeq;
    quint64 readSeq = 0;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &ConversationEntry::conv),
        wireField("kind"_L1, &ConversationEntry::kind),
        wireField("title"_L1, &ConversationEntry::title),
        wireField("role"_L1, &ConversationEntry::role),
        wireField("last_seq"_L1, &ConversationEntry::lastSeq),
        wireField("joined_seq"_L1, &ConversationEntry::joinedSeq),
        wireField("left_seq"_L1, &ConversationEntry::leftSeq),
        wireField("read_seq"_L1, &ConversationEntry::readSeq),
    };
};

//! A member as the relay lists it.
struct MemberEntry {
    UserId user;
    QString role;
    quint64 joinedSeq = 0;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &MemberEntry::user),
        wireField("role"_L1, &MemberEntry::role),
        wireField("joined_seq"_L1, &MemberEntry::joinedSeq),
    };
};

//! A to-device message to send.
struct OutgoingToDevice {
    UserId user;
    DeviceId device;
    QByteArray body;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &OutgoingToDevice::user),
        wireField("device"_L1, &OutgoingToDevice::device),
        wireField("body"_L1, &OutgoingToDevice::body),
    };
};

//! A queued to-device message for this device.
struct IncomingToDevice {
    quint64 qid = 0;
    UserId fromUser;
    DeviceId fromDevice;
    quint64 ts = 0;
    QByteArray body;
    static constexpr auto kFields = std::tuple{
        wireField("qid"_L1, &IncomingToDevice::qid),
        wireField("from_user"_L1, &IncomingToDevice::fromUser),
        wireField("from_device"_L1, &IncomingToDevice::fromDevice),
        wireField("ts"_L1, &IncomingToDevice::ts),
        wireField("body"_L1, &IncomingToDevice::body),
    };
};

//! A user's presence.
struct PresenceEntry {
    UserId user;
    QString status;
    std::optional<quint64> lastSeen;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &PresenceEntry::user),
        wireField("status"_L1, &PresenceEntry::status),
        wireField("last_seen"_L1, &PresenceEntry::lastSeen),
    };
};

//! A target whose inbox was full.
struct InboxFullEntry {
    UserId user;
    DeviceId device;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &InboxFullEntry::user),
        wireField("device"_L1, &InboxFullEntry::device),
    };
};

//! One signed membership change of a conversation's chain.
struct ChainOp {
    quint64 seq = 0;
    QByteArray op;
    static constexpr auto kFields = std::tuple{
        wireField("seq"_L1, &ChainOp::seq),
        wireField("op"_L1, &ChainOp::op),
    };
};

//! A member's read receipt.
struct ReceiptEntry {
    UserId user;
    quint64 seq = 0;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &ReceiptEntry::user),
        wireField("seq"_L1, &ReceiptEntry::seq),
    };
};

// ---- shapes shared by several frames ------------------------------------------------------

//! A frame with no fields of its own.
struct EmptyMessage {
    static constexpr std::tuple<> kFields{};
};

//! Names one conversation.
struct ConversationArgument {
    ConversationId conv;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &ConversationArgument::conv),
    };
};

//! Names one account.
struct UserArgument {
    UserId user;
    static constexpr auto kFields = std::tuple{
        wireField("user"_L1, &UserArgument::user),
    };
};

//! add_member and remove_member.
struct MemberChange {
    ConversationId conv;
    UserId user;
    std::optional<QString> role;
    QByteArray op;
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &MemberChange::conv),
        wireField("user"_L1, &MemberChange::user),
        wireField("role"_L1, &MemberChange::role),
        wireField("op"_L1, &MemberChange::op),
    };
};

//! The account's privacy settings.
struct PrivacySettings {
    QString messagePolicy;
    static constexpr auto kFields = std::tuple{
        wireField("message_policy"_L1, &PrivacySettings::messagePolicy),
    };
};

//! The seq of the event a request wrote.
struct SeqReply {
    quint64 seq = 0;
    static constexpr auto kFields = std::tuple{
        wireField("seq"_L1, &SeqReply::seq),
    };
};

} // namespace hearth::protocol
