// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/relay_config.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <cstdio>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;

namespace {

struct ParseError {
    QString message;
};

const QString kDescription = uR"(Hearth relay: routes end-to-end encrypted messages for a community.

It stores ciphertext only, fans events out to every member device, queues them for
offline devices and enforces limits. Settings come from the config file (INI, the
keys below without dashes, limits under [limits]) and then from the command line.

Examples:
  hearth-relay                                   # 127.0.0.1:7300, data in $XDG_DATA_HOME/hearth-relay
  hearth-relay --listen 0.0.0.0 --tls-cert cert.pem --tls-key key.pem
  hearth-relay --registration invite --create-invite
  hearth-relay --limit max_members=500 --limit rate_per_second=20

Abuse limits (settings, not announced to clients): password_account_burst and
password_account_refill_ms, password_ip_burst and password_ip_refill_ms throttle failed
password checks; first_contact_burst and first_contact_refill_ms budget to_device messages
to accounts sharing no conversation with the sender; max_inbox_messages caps each device's
to-device queue.

Limits (--limit NAME=VALUE): max_frame_bytes, max_payload_bytes, max_to_device_bytes,
max_to_device_batch, max_members, max_devices_per_user, max_page_size, rate_per_second,
rate_burst, max_send_buffer_bytes. docs/protocol.md explains each one.)"_s;

qint64 toNumber(const QString &key, const QString &value) {
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < 0)
        throw ParseError{u"%1 must be a non-negative integer, not \"%2\""_s.arg(key, value)};
    return n;
}

qint64 toPositive(const QString &key, const QString &value) {
    const qint64 n = toNumber(key, value);
    if (n == 0)
        throw ParseError{u"%1 must be positive"_s.arg(key)};
    return n;
}

quint16 toPort(const QString &key, const QString &value) {
    const qint64 n = toNumber(key, value);
    if (n > 65535)
        throw ParseError{u"%1 must be at most 65535"_s.arg(key)};
    return static_cast<quint16>(n);
}

void setLimit(protocol::Limits &limits, const QString &name, const QString &value) {
    QCborMap map = limits.toCbor();
    if (!map.contains(name))
        throw ParseError{u"unknown limit \"%1\" (see --help)"_s.arg(name)};
    const qint64 n = toNumber(name, value);
    if (n == 0)
        throw ParseError{u"limit %1 must be positive"_s.arg(name)};
    map.insert(name, n);
    limits = protocol::Limits::fromCbor(map);
}

// Applies one setting by its config-file key name; the command line uses the same names.
void apply(RelayConfig &config, const QString &key, const QString &value) {
    if (key == "listen"_L1) {
        if (!config.listenAddress.setAddress(value))
            throw ParseError{u"listen: \"%1\" is not an IP address"_s.arg(value)};
    } else if (key == "port"_L1) {
        config.port = toPort(key, value);
    } else if (key == "http_port"_L1) {
        config.httpPort = toPort(key, value);
    } else if (key == "data_dir"_L1) {
        config.dataDir = value;
    } else if (key == "tls_cert"_L1) {
        config.tlsCertPath = value;
    } else if (key == "tls_key"_L1) {
        config.tlsKeyPath = value;
    } else if (key == "registration"_L1) {
        if (value == "open"_L1)
            config.registration = Registration::Open;
        else if (value == "invite"_L1)
            config.registration = Registration::Invite;
        else if (value == "closed"_L1)
            config.registration = Registration::Closed;
        else
            throw ParseError{u"registration must be open, invite or closed"_s};
    } else if (key == "password_cost"_L1) {
        if (value == "interactive"_L1)
            config.passwordCost = crypto::PasswordHashCost::Interactive;
        else if (value == "moderate"_L1)
            config.passwordCost = crypto::PasswordHashCost::Moderate;
        else if (value == "minimum"_L1)
            config.passwordCost = crypto::PasswordHashCost::Minimum;
        else
            throw ParseError{u"password_cost must be interactive, moderate or minimum"_s};
    } else if (key == "synchronous"_L1) {
        if (value == "full"_L1)
            config.durability = Durability::Full;
        else if (value == "normal"_L1)
            config.durability = Durability::Normal;
        else
            throw ParseError{u"synchronous must be full or normal"_s};
    } else if (key == "max_connections"_L1) {
        config.maxConnections = toNumber(key, value);
    } else if (key == "max_connections_per_ip"_L1) {
        config.maxConnectionsPerIp = toNumber(key, value);
    } else if (key == "max_db_bytes"_L1) {
        config.maxDatabaseBytes = toNumber(key, value);
    } else if (key == "auth_timeout_ms"_L1) {
        config.authTimeoutMs = toNumber(key, value);
    } else if (key == "password_account_burst"_L1) {
        config.passwordAccountBurst = toPositive(key, value);
    } else if (key == "password_account_refill_ms"_L1) {
        config.passwordAccountRefillMs = toPositive(key, value);
    } else if (key == "password_ip_burst"_L1) {
        config.passwordAddressBurst = toPositive(key, value);
    } else if (key == "password_ip_refill_ms"_L1) {
        config.passwordAddressRefillMs = toPositive(key, value);
    } else if (key == "first_contact_burst"_L1) {
        config.firstContactBurst = toNumber(key, value);
    } else if (key == "first_contact_refill_ms"_L1) {
        config.firstContactRefillMs = toPositive(key, value);
    } else if (key == "max_inbox_messages"_L1) {
        config.maxInboxMessages = toPositive(key, value);
    } else {
        throw ParseError{u"unknown setting \"%1\""_s.arg(key)};
    }
}

//! Every setting with a value: the config-file key, spelled with dashes on the command line.
struct Setting {
    QLatin1StringView key;
    QLatin1StringView help;
};
constexpr Setting kSettings[] = {
    {"listen"_L1, "Address to listen on (default 127.0.0.1)."_L1},
    {"port"_L1, "WebSocket port (default 7300; 0 = any free port)."_L1},
    {"http_port"_L1, "Port for /healthz and /metrics (default 7301; 0 = any free port)."_L1},
    {"data_dir"_L1, "Where the database lives (default $XDG_DATA_HOME/hearth-relay)."_L1},
    {"tls_cert"_L1, "PEM certificate: serve wss:// (needs --tls-key)."_L1},
    {"tls_key"_L1, "PEM private key for --tls-cert."_L1},
    {"registration"_L1, "open, invite (needs an invite code) or closed."_L1},
    {"password_cost"_L1,
     "Argon2id cost: interactive (default), moderate, or minimum (tests only)."_L1},
    {"synchronous"_L1,
     "full (default: fsync each commit) or normal (survives a crashed relay, not a power cut)."_L1},
    {"max_connections"_L1, "Most simultaneous connections (default 20000)."_L1},
    {"max_connections_per_ip"_L1, "Most connections from one address (default 1000)."_L1},
    {"auth_timeout_ms"_L1, "Close connections not authenticated by then (default 10000)."_L1},
    {"max_db_bytes"_L1,
     "Cap the database size (default 0: no cap); writes past it are refused."_L1},
    {"password_account_burst"_L1,
     "Failed password checks per account before they are refused (default 10)."_L1},
    {"password_account_refill_ms"_L1,
     "One more failed check per account allowed every this many ms (default 60000)."_L1},
    {"password_ip_burst"_L1,
     "Failed password checks per client address (IPv6: per /64) (default 30)."_L1},
    {"password_ip_refill_ms"_L1,
     "One more failed check per address allowed every this many ms (default 10000)."_L1},
    {"first_contact_burst"_L1,
     "to_device messages a user may send to users sharing no conversation (default 20)."_L1},
    {"first_contact_refill_ms"_L1,
     "One more first-contact message allowed every this many ms (default 180000)."_L1},
    {"max_inbox_messages"_L1, "Most to-device messages queued for one device (default 10000)."_L1},
};

QString optionName(const Setting &setting) {
    return QString(setting.key).replace(u'_', u'-');
}

} // namespace

QString RelayConfig::registrationName() const {
    switch (registration) {
    case Registration::Invite:
        return u"invite"_s;
    case Registration::Closed:
        return u"closed"_s;
    case Registration::Open:
        break;
    }
    return u"open"_s;
}

std::optional<RelayConfig> parseRelayConfig(const QStringList &arguments, int &exitCode) {
    QCommandLineParser parser;
    parser.setApplicationDescription(kDescription);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(u"config"_s, u"INI config file to read first."_s,
                                          u"file"_s);
    parser.addOption(configOption);
    for (const Setting &setting : kSettings)
        parser.addOption(QCommandLineOption(optionName(setting), setting.help, u"value"_s));
    const QCommandLineOption limitOption(u"limit"_s, u"Set a limit, NAME=VALUE (repeatable)."_s,
                                         u"name=value"_s);
    parser.addOption(limitOption);
    const QCommandLineOption inviteOption(
        u"create-invite"_s, u"Store a new single-use invite code, print it and exit."_s);
    parser.addOption(inviteOption);

    exitCode = 0;
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "hearth-relay: %s\n", qPrintable(parser.errorText()));
        exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return std::nullopt;
    }
    if (parser.isSet(u"version"_s)) {
        std::printf("hearth-relay %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return std::nullopt;
    }

    RelayConfig config;
    config.dataDir =
        QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/hearth-relay"_s;
    try {
        if (parser.isSet(configOption)) {
            QSettings file(parser.value(configOption), QSettings::IniFormat);
            if (file.status() != QSettings::NoError)
                throw ParseError{u"cannot read config file "_s + parser.value(configOption)};
            for (const QString &key : file.childKeys())
                apply(config, key, file.value(key).toString());
            file.beginGroup(u"limits"_s);
            for (const QString &key : file.childKeys())
                setLimit(config.limits, key, file.value(key).toString());
            file.endGroup();
        }
        for (const Setting &setting : kSettings)
            if (parser.isSet(optionName(setting)))
                apply(config, setting.key, parser.value(optionName(setting)));
        for (const QString &assignment : parser.values(limitOption)) {
            const qsizetype eq = assignment.indexOf(u'=');
            if (eq <= 0)
                throw ParseError{u"--limit expects NAME=VALUE, not \"%1\""_s.arg(assignment)};
            setLimit(config.limits, assignment.left(eq), assignment.mid(eq + 1));
        }
        if (config.tlsCertPath.isEmpty() != config.tlsKeyPath.isEmpty())
            throw ParseError{u"--tls-cert and --tls-key go together"_s};
    } catch (const ParseError &error) {
        std::fprintf(stderr, "hearth-relay: %s\n", qPrintable(error.message));
        exitCode = 2;
        return std::nullopt;
    }
    config.createInvite = parser.isSet(inviteOption);
    return config;
}

} // namespace hearth::relay
