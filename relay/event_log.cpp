// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/event_log.h"

#include "sync/protocol/messages.h"

#include <QCborValue>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;
namespace proto = hearth::protocol;

bool appendToLog(Storage &storage, ConversationState &state, EventRecord &event) {
    event.conv = state.info.id;
    event.seq = state.lastSeq + 1;
    if (!storage.appendEvent(event))
        return false;
    state.lastSeq = event.seq;
    return true;
}

namespace {

//! The membership fields the relay stores as an event's body (a CBOR map; the wire event
//! carries them at its top level).
struct StoredMembership {
    QString action;
    UserId user;
    std::optional<QString> role;
    std::optional<QString> convKind;
    std::optional<QString> title;
    static constexpr auto kFields = std::tuple{
        proto::wireField("action"_L1, &StoredMembership::action),
        proto::wireField("user"_L1, &StoredMembership::user),
        proto::wireField("role"_L1, &StoredMembership::role),
        proto::wireField("conv_kind"_L1, &StoredMembership::convKind),
        proto::wireField("title"_L1, &StoredMembership::title),
    };
};

} // namespace

EventRecord membershipEvent(const ConversationState &state, AccountId actor,
                            const QString &actorName, DeviceId actorDevice, qint64 nowMs,
                            const MembershipChange &change) {
    StoredMembership stored{change.action, UserId{change.user}, std::nullopt, std::nullopt,
                            std::nullopt};
    if (!change.role.isEmpty())
        stored.role = change.role;
    if (change.action == proto::action::kCreate) {
        stored.convKind = change.convKind;
        stored.title = change.title;
    }
    EventRecord event;
    event.conv = state.info.id;
    event.tsMs = nowMs;
    event.sender = actor;
    event.senderName = actorName;
    event.device = actorDevice;
    event.kind = QString(proto::event_kind::kMembership);
    event.body = QCborValue(proto::encode(stored)).toCbor();
    event.op = change.op;
    return event;
}

proto::Event toWire(const EventRecord &event) {
    proto::Event wire;
    wire.conv = event.conv;
    wire.seq = event.seq;
    wire.ts = static_cast<quint64>(event.tsMs);
    wire.sender = UserId{event.senderName};
    wire.device = event.device;
    wire.kind = event.kind;
    if (event.kind == proto::event_kind::kMessage) {
        wire.cmid = event.cmid;
        wire.body = event.body;
        return wire;
    }
    // Membership fields were written by the relay itself; copy them in.
    const auto stored = proto::decode<StoredMembership>(QCborValue::fromCbor(event.body).toMap());
    wire.action = stored.action;
    wire.user = stored.user;
    wire.role = stored.role;
    wire.convKind = stored.convKind;
    wire.title = stored.title;
    // The change as its author's device signed it; clients verify it themselves.
    if (!event.op.isEmpty())
        wire.op = event.op;
    return wire;
}

QByteArray encodeEventPush(const EventRecord &event) {
    return proto::Frame::push(proto::EventPush::kType,
                              proto::encode(proto::EventPush{toWire(event)}))
        .encode();
}

} // namespace hearth::relay
