// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/password_hash.h"
#include "relay/storage/sql_storage.h"
#include "sync/protocol/limits.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

namespace hearth::relay {

enum class Registration { Open, Invite, Closed };

//! Everything a self-hoster can set, from the config file and then the command line.
struct RelayConfig {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 7300;     //!< WebSocket port; 0 picks a free one
    quint16 httpPort = 7301; //!< /healthz and /metrics; 0 picks a free one
    QString dataDir;
    QString tlsCertPath;
    QString tlsKeyPath;
    Registration registration = Registration::Open;
    crypto::PasswordHashCost passwordCost = crypto::PasswordHashCost::Interactive;
    Durability durability = Durability::Full;
    qint64 maxConnections = 20000;
    qint64 maxConnectionsPerIp = 1000;
    qint64 authTimeoutMs = 10000;
    qint64 maxBadFrames = 20;
    qint64 maxDatabaseBytes = 0; //!< 0: no cap; beyond it writes fail as on a full disk
    protocol::Limits limits;
    bool createInvite = false; //!< print a new invite code and exit

    [[nodiscard]] bool usesTls() const { return !tlsCertPath.isEmpty(); }
    [[nodiscard]] QString registrationName() const;
};

//! Parses `arguments` (argv as strings). On `--help`/`--version` or an error, returns
//! nullopt after printing to stdout/stderr; `exitCode` says how to exit.
[[nodiscard]] std::optional<RelayConfig> parseRelayConfig(const QStringList &arguments,
                                                          int &exitCode);

} // namespace hearth::relay
