// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/account_setup.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/relay_connection.h"
#include "sync/protocol/messages.h"

#include <QTimer>
#include <memory>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {

//! Owns the temporary connection; finishes exactly once.
struct SetupRun {
    DeviceSetupRequest request;
    std::function<void(const EngineResult<DeviceId> &)> done;
    RelayConnection *connection = nullptr;
    QTimer *timer = nullptr;
    bool finished = false;
};

// why: takes the run by value, so it outlives the disconnects that drop the lambdas holding it.
void finish(std::shared_ptr<SetupRun> run, const EngineResult<DeviceId> &result) {
    if (run->finished)
        return;
    run->finished = true;
    run->timer->stop();
    run->timer->disconnect();
    run->connection->disconnect();
    run->connection->socket().disconnect();
    run->connection->close();
    run->connection->deleteLater();
    run->timer->deleteLater();
    run->done(result);
}

void addDevice(const std::shared_ptr<SetupRun> &run) {
    const DeviceSetupRequest &r = run->request;
    const protocol::AddDeviceRequest request{UserId{r.user}, r.password, r.signKey, r.dhKey,
                                             r.deviceName};
    run->connection->request(request.kType, protocol::encode(request), [run](const auto &reply) {
        if (!reply)
            finish(run, relayError(reply.error()));
        else
            finish(run, protocol::decode<protocol::AddDeviceReply>(reply.value().map()).device);
    });
}

void registerAccount(const std::shared_ptr<SetupRun> &run) {
    const protocol::RegisterRequest request{UserId{run->request.user}, run->request.password,
                                            std::nullopt, run->request.accountKey};
    run->connection->request(request.kType, protocol::encode(request), [run](const auto &reply) {
        if (!reply)
            finish(run, relayError(reply.error()));
        else
            addDevice(run);
    });
}

} // namespace

void runDeviceSetup(const DeviceSetupRequest &request,
                    std::function<void(const EngineResult<DeviceId> &)> done) {
    auto run = std::make_shared<SetupRun>();
    run->request = request;
    run->done = std::move(done);
    run->connection = new RelayConnection();
    run->timer = new QTimer();
    run->timer->setSingleShot(true);
    QObject::connect(run->timer, &QTimer::timeout, [run] {
        finish(run, engineError(EngineErrorCode::NotOnline, u"the relay did not answer in time"_s));
    });
    QObject::connect(run->connection, &RelayConnection::closed, [run](int, const QString &) {
        finish(run, engineError(EngineErrorCode::NotOnline, u"cannot reach the relay"_s));
    });
    QObject::connect(
        &run->connection->socket(), QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error),
        [run](auto) {
            finish(run, engineError(EngineErrorCode::NotOnline, u"cannot reach the relay"_s));
        });
    QObject::connect(run->connection, &RelayConnection::ready, [run] {
        if (run->request.accountKey.isEmpty())
            addDevice(run);
        else
            registerAccount(run);
    });
    run->timer->start(request.timeoutMs);
    run->connection->open(request.relay);
}

} // namespace hearth::engine
