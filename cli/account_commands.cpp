// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-cli: profile, account and device commands.
#include "cli/cli_session.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "sync/store/profile.h"
#include "sync/store/store.h"

#include <QHostInfo>
#include <QTextStream>
#include <QUrl>

namespace hearth::cli::command {

using namespace Qt::Literals::StringLiterals;

int init(const CommandLine &line) {
    const QString dir = line.options.value(u"profile"_s);
    const QString costName = line.options.value(u"kdf-cost"_s, u"interactive"_s);
    crypto::PasswordHashCost cost = crypto::PasswordHashCost::Interactive;
    if (costName == u"moderate"_s)
        cost = crypto::PasswordHashCost::Moderate;
    else if (costName == u"minimum"_s)
        cost = crypto::PasswordHashCost::Minimum;
    else if (costName != u"interactive"_s)
        return fail({kUsage, u"unknown --kdf-cost %1"_s.arg(costName)});
    const QString passphrase = CliSession::secret("HEARTH_PASSPHRASE", u"New passphrase: "_s);
    if (passphrase.isEmpty())
        return fail({kUsage, u"a passphrase is required ($HEARTH_PASSPHRASE)"_s});
    auto profile = store::Profile::create(dir, passphrase.toUtf8(), cost);
    if (!profile) {
        return fail({profile.error().code == store::StoreError::AlreadyExists ? kProfile : kFailed,
                     profile.error().message});
    }
    QTextStream(stdout) << "created profile " << dir << Qt::endl;
    return kOk;
}

static int setUpDevice(const CommandLine &line, bool newAccount) {
    if (line.words.size() != 2 || !line.options.contains(u"relay"_s))
        return fail({kUsage, u"usage: %1 USER --relay URL"_s.arg(line.words.first())});
    CliSession session = sessionFor(line);
    if (auto failure = session.open())
        return fail(*failure);
    const QString password = CliSession::secret("HEARTH_PASSWORD", u"Account password: "_s);
    const QString name = line.options.value(u"name"_s, QHostInfo::localHostName());
    const QUrl relay(line.options.value(u"relay"_s));
    bool caughtUp = false;
    QObject::connect(&session.engine(), &engine::SyncEngine::caughtUp, &session.engine(),
                     [&caughtUp] { caughtUp = true; });
    auto failure = session.await([&](engine::Completion done) {
        if (newAccount)
            session.engine().registerAccount(relay, line.words[1], password, name, done);
        else
            session.engine().addDevice(relay, line.words[1], password, name, done);
    });
    if (failure)
        return fail(*failure);
    if (!session.waitUntil([&] { return caughtUp; }))
        return fail({kUnreachable, u"registered, but the relay stopped answering"_s});
    QTextStream(stdout) << (newAccount ? "registered " : "added device ") << line.words[1]
                        << " device " << session.engine().device().value << Qt::endl;
    if (!newAccount) {
        // The code goes to stdout (scripts read it); the hint to stderr.
        QTextStream(stdout) << "approval code " << session.engine().approvalCode() << Qt::endl;
        QTextStream(stderr) << "approve it from a device of the account: hearth-cli approve "
                            << session.engine().device().value << " --code "
                            << session.engine().approvalCode() << Qt::endl;
    }
    return kOk;
}

int registerAccount(const CommandLine &line) {
    return setUpDevice(line, true);
}

int login(const CommandLine &line) {
    return setUpDevice(line, false);
}

int devices(const CommandLine &line) {
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    engine::SyncEngine &engine = session.engine();
    auto known = engine.store().contacts().devices(engine.user());
    if (!known)
        return fail({kFailed, known.error().message});
    QTextStream out(stdout);
    for (const store::KnownDevice &device : *known) {
        out << device.keys.id.value << (device.onSignedList ? " signed" : " unsigned")
            << (device.keys.id == engine.device() ? " (this device)" : "") << Qt::endl;
    }
    if (const QString code = engine.approvalCode(); !code.isEmpty())
        QTextStream(stderr) << "this device waits for approval: code " << code << Qt::endl;
    for (const hearth::DeviceId pending : engine.pendingApprovals())
        QTextStream(stderr) << "device " << pending.value
                            << " asks for approval: hearth-cli approve " << pending.value
                            << " --code CODE" << Qt::endl;
    return kOk;
}

int approveDevice(const CommandLine &line) {
    bool ok = false;
    const quint64 id = line.words.value(1).toULongLong(&ok);
    const QString code = line.options.value(u"code"_s);
    if (line.words.size() != 2 || !ok || code.isEmpty())
        return fail({kUsage, u"usage: approve ID --code CODE (the code the new device shows)"_s});
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    if (auto failure = session.await([&](engine::Completion done) {
            session.engine().approveDevice(hearth::DeviceId{id}, code, done);
        }))
        return fail(*failure);
    QTextStream(stdout) << "approved device " << id << Qt::endl;
    return kOk;
}

int removeDevice(const CommandLine &line) {
    bool ok = false;
    const quint64 id = line.words.value(1).toULongLong(&ok);
    if (line.words.size() != 2 || !ok)
        return fail({kUsage, u"usage: remove-device ID"_s});
    CliSession session = sessionFor(line);
    if (auto failure = session.openOnline())
        return fail(*failure);
    const QString password = CliSession::secret("HEARTH_PASSWORD", u"Account password: "_s);
    if (auto failure = session.await([&](engine::Completion done) {
            session.engine().removeDevice(hearth::DeviceId{id}, password, done);
        }))
        return fail(*failure);
    QTextStream(stdout) << "removed device " << id << Qt::endl;
    return kOk;
}

} // namespace hearth::cli::command
