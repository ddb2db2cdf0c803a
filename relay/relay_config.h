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
    //! Failed password checks (add_device, remove_device): a token bucket per account name
    //! and one per client address; a check with either empty is refused, rate_limited.
    qint64 passwordAccountBurst = 10;
    qint64 passwordAccountRefillMs = qint64{60} * 1000;
    qint64 passwordAddressBurst = 30;
    qint64 passwordAddressRefillMs = qint64{10} * 1000;
    //! to_device messages to accounts that never shared a conversation with the sender: a
    //! token bucket per sender account (0: none at all); past it, no_shared_conversation.
    qint64 firstContactBurst = 20;
    qint64 firstContactRefillMs = qint64{3} * 60 * 1000;
    //! Queued to-device messages per target device; past it, inbox_full.
    qint64 maxInboxMessages = 10000;
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
