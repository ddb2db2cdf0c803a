// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/to_device_batches.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/protocol.h"

#include <QCborArray>
#include <algorithm>
#include <memory>

namespace hearth::sync {

using namespace Qt::Literals::StringLiterals;

namespace {

struct BatchRun {
    RelayLink &connection;
    QList<QCborMap> messages;
    qsizetype next = 0;
    Completion done;
};

void sendNext(const std::shared_ptr<BatchRun> &run) {
    if (run->next >= run->messages.size()) {
        run->done(std::nullopt);
        return;
    }
    const protocol::Limits &limits = run->connection.limits();
    // why: leave room for the envelope and CBOR overhead of the frame itself.
    const qint64 byteBudget = limits.maxFrameBytes / 2;
    const qint64 countBudget = std::max<qint64>(1, limits.maxToDeviceBatch);
    QCborArray batch;
    qint64 bytes = 0;
    while (run->next < run->messages.size() && batch.size() < countBudget) {
        const qint64 size = run->messages[run->next].value("body"_L1).toByteArray().size() + 96;
        if (!batch.isEmpty() && bytes + size > byteBudget)
            break;
        batch.append(run->messages[run->next++]);
        bytes += size;
    }
    QCborMap fields;
    fields.insert("messages"_L1, batch);
    run->connection.request(protocol::type::kToDevice, fields, [run](const auto &reply) {
        // why: a batch whose every target's inbox is full (a device lost and never removed)
        // must not hold back the batches for everyone else.
        if (!reply && reply.error().code != protocol::ErrorCode::InboxFull) {
            run->done(relayError(reply.error()));
            return;
        }
        sendNext(run);
    });
}

} // namespace

QCborMap toDeviceMessage(const DeviceAddress &to, const QByteArray &body) {
    QCborMap message;
    message.insert("user"_L1, to.user.name);
    message.insert("device"_L1, static_cast<qint64>(to.device.value));
    message.insert("body"_L1, body);
    return message;
}

void sendToDeviceBatches(RelayLink &connection, const QList<QCborMap> &messages, Completion done) {
    if (messages.isEmpty()) {
        done(std::nullopt);
        return;
    }
    sendNext(std::make_shared<BatchRun>(BatchRun{connection, messages, 0, std::move(done)}));
}

} // namespace hearth::sync
