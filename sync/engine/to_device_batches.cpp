// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/to_device_batches.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"

#include <algorithm>
#include <memory>

namespace hearth::engine {

namespace {

struct BatchRun {
    RelayLink &connection;
    QList<protocol::OutgoingToDevice> messages;
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
    protocol::ToDeviceRequest batch;
    qint64 bytes = 0;
    while (run->next < run->messages.size() && batch.messages.size() < countBudget) {
        const qint64 size = run->messages[run->next].body.size() + 96;
        if (!batch.messages.isEmpty() && bytes + size > byteBudget)
            break;
        batch.messages.append(run->messages[run->next++]);
        bytes += size;
    }
    run->connection.send(batch, [run](const auto &reply) {
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

protocol::OutgoingToDevice toDeviceMessage(const DeviceAddress &to, const QByteArray &body) {
    return {to.user, to.device, body};
}

void sendToDeviceBatches(RelayLink &connection, const QList<protocol::OutgoingToDevice> &messages,
                         Completion done) {
    if (messages.isEmpty()) {
        done(std::nullopt);
        return;
    }
    sendNext(std::make_shared<BatchRun>(BatchRun{connection, messages, 0, std::move(done)}));
}

} // namespace hearth::engine
