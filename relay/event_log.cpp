// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/event_log.h"

#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"

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

EventRecord membershipEvent(const ConversationState &state, AccountId actor,
                            const QString &actorName, DeviceId actorDevice, qint64 nowMs,
                            const MembershipChange &change) {
    QCborMap body;
    body.insert("action"_L1, change.action);
    body.insert("user"_L1, change.user);
    if (!change.role.isEmpty())
        body.insert("role"_L1, change.role);
    if (change.action == proto::action::kCreate) {
        body.insert("conv_kind"_L1, change.convKind);
        body.insert("title"_L1, change.title);
    }
    EventRecord event;
    event.conv = state.info.id;
    event.tsMs = nowMs;
    event.sender = actor;
    event.senderName = actorName;
    event.device = actorDevice;
    event.kind = QString(proto::event_kind::kMembership);
    event.body = QCborValue(body).toCbor();
    event.op = change.op;
    return event;
}

QCborMap eventToCbor(const EventRecord &event) {
    QCborMap map;
    map.insert("conv"_L1, event.conv.value);
    map.insert("seq"_L1, static_cast<qint64>(event.seq));
    map.insert("ts"_L1, event.tsMs);
    map.insert("sender"_L1, event.senderName);
    map.insert("device"_L1, event.device.value);
    map.insert("kind"_L1, event.kind);
    if (event.kind == proto::event_kind::kMessage) {
        map.insert("cmid"_L1, event.cmid);
        map.insert("body"_L1, event.body);
    } else {
        // Membership fields were written by the relay itself; copy them in.
        const QCborMap fields = QCborValue::fromCbor(event.body).toMap();
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            map.insert(it.key(), it.value());
        // The change as its author's device signed it; clients verify it themselves.
        if (!event.op.isEmpty())
            map.insert("op"_L1, event.op);
    }
    return map;
}

QByteArray encodeEventPush(const EventRecord &event) {
    QCborMap fields;
    fields.insert("event"_L1, eventToCbor(event));
    return proto::Frame::push(proto::type::kEvent, fields).encode();
}

} // namespace hearth::relay
