// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/accounts.h"

#include "crypto/sodium.h"
#include "sync/engine/relay_connection.h"
#include "sync/protocol/protocol.h"
#include "tests/bench/bench_util.h"

#include <QTextStream>
#include <memory>

namespace hearth::bench {

using namespace Qt::Literals::StringLiterals;

engine::DeviceCredentials Account::credentials() const {
    engine::DeviceCredentials credentials;
    credentials.user = user;
    credentials.device = device;
    credentials.signingKey = std::make_shared<const crypto::SigningKeyPair>(
        *crypto::SigningKeyPair::fromSeed(signingSeed));
    return credentials;
}

namespace {
const QString kPassword = u"bench-password-0123"_s;
} // namespace

bool registerAccounts(const QUrl &relay, int firstIndex, int count, int connections, int window,
                      qint64 timeoutMs, std::vector<Account> &out, QString &error) {
    const std::size_t base = out.size();
    out.resize(base + static_cast<std::size_t>(count));
    std::vector<std::unique_ptr<engine::RelayConnection>> conns;
    int readyCount = 0;
    int closedCount = 0;
    QString closeInfo;
    for (int i = 0; i < connections; ++i) {
        auto conn = std::make_unique<engine::RelayConnection>();
        QObject::connect(conn.get(), &engine::RelayConnection::ready, conn.get(),
                         [&readyCount] { ++readyCount; });
        QObject::connect(conn.get(), &engine::RelayConnection::closed, conn.get(),
                         [&closedCount, &closeInfo](int code, const QString &reason) {
                             ++closedCount;
                             closeInfo =
                                 u" (setup connection closed: %1 %2)"_s.arg(code).arg(reason);
                         });
        conn->open(relay);
        conns.push_back(std::move(conn));
    }
    if (!waitFor([&] { return readyCount + closedCount >= connections; }, 20000) ||
        closedCount > 0) {
        error = u"setup connections did not open"_s;
        return false;
    }

    int next = 0;
    int done = 0;
    bool failed = false;
    std::function<void(engine::RelayConnection *)> startOne;
    startOne = [&](engine::RelayConnection *conn) {
        if (failed || next >= count)
            return;
        const int index = next++;
        Account &account = out[base + static_cast<std::size_t>(index)];
        account.user = u"u%1"_s.arg(firstIndex + index, 6, 10, QChar(u'0'));
        account.signingSeed = crypto::randomBytes(32);
        QCborMap reg;
        reg.insert("user"_L1, account.user);
        reg.insert("password"_L1, kPassword);
        conn->request(
            protocol::type::kRegister, reg,
            [&, conn, index](const protocol::ProtocolResult<protocol::Frame> &reply) {
                Account &acc = out[base + static_cast<std::size_t>(index)];
                if (!reply) {
                    failed = true;
                    error = u"register %1: %2"_s.arg(acc.user, reply.error().message);
                    return;
                }
                const auto key = crypto::SigningKeyPair::fromSeed(acc.signingSeed);
                QCborMap add;
                add.insert("user"_L1, acc.user);
                add.insert("password"_L1, kPassword);
                add.insert("sign_key"_L1, key->publicKey());
                // the relay stores the X25519 public key opaquely; the benchmark never
                // uses it
                add.insert("dh_key"_L1, crypto::randomBytes(32));
                add.insert("name"_L1, u"bench"_s);
                conn->request(
                    protocol::type::kAddDevice, add,
                    [&, conn, index](const protocol::ProtocolResult<protocol::Frame> &added) {
                        Account &a = out[base + static_cast<std::size_t>(index)];
                        if (!added) {
                            failed = true;
                            error = u"add_device %1: %2"_s.arg(a.user, added.error().message);
                            return;
                        }
                        a.device = added.value().uint("device"_L1);
                        ++done;

                        startOne(conn);
                    });
            });
    };
    for (auto &conn : conns)
        for (int w = 0; w < window; ++w)
            startOne(conn.get());
    const bool finished = waitFor([&] { return failed || done >= count; }, timeoutMs);
    if (!finished && !failed)
        error = u"registration timed out after %1 of %2 accounts"_s.arg(done).arg(count);
    error += closeInfo;
    // why: handlers capture locals by reference; the connections must die before they do.
    conns.clear();
    return finished && !failed;
}

} // namespace hearth::bench
