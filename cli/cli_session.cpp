// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_session.h"

#include "sync/store/profile.h"

#include <QEventLoop>
#include <QFile>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace hearth::cli {

using namespace Qt::Literals::StringLiterals;

CliSession::CliSession(QString profileDir, int timeoutMs)
    : m_profileDir(std::move(profileDir))
    , m_timeoutMs(timeoutMs) {}

CliSession::~CliSession() = default;

QString CliSession::secret(const char *name, const QString &prompt) {
    const QByteArray fromEnv = qgetenv(name);
    if (!fromEnv.isEmpty())
        return QString::fromUtf8(fromEnv);
    if (!isatty(STDIN_FILENO))
        return {};
    QTextStream(stderr) << prompt << Qt::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    const QString line = QTextStream(stdin).readLine();
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    QTextStream(stderr) << u"\n"_s;
    return line;
}

Failure CliSession::failureOf(const engine::EngineError &error) {
    switch (error.code) {
    case engine::EngineErrorCode::NotOnline:
        return {kUnreachable, u"relay unreachable: "_s + error.message};
    case engine::EngineErrorCode::Relay:
        return {kRefused, u"relay refused: "_s + error.message};
    case engine::EngineErrorCode::NoAccount:
        return {kProfile, error.message};
    case engine::EngineErrorCode::InvalidArgument:
        return {kUsage, error.message};
    default:
        return {kFailed, error.message};
    }
}

std::optional<Failure> CliSession::open() {
    if (!store::Profile::exists(m_profileDir))
        return Failure{kProfile, u"no profile in %1 (run init first)"_s.arg(m_profileDir)};
    const QString passphrase = secret("HEARTH_PASSPHRASE", u"Passphrase: "_s);
    auto profile = store::Profile::unlock(m_profileDir, passphrase.toUtf8());
    if (!profile) {
        if (profile.error().code == store::StoreError::WrongPassphrase)
            return Failure{kWrongPassphrase, u"wrong passphrase"_s};
        return Failure{kProfile, profile.error().message};
    }
    auto engine = engine::SyncEngine::open(*profile);
    if (!engine)
        return failureOf(engine.error());
    m_engine = std::move(engine.value());
    return std::nullopt;
}

std::optional<Failure> CliSession::openOnline() {
    if (auto failure = open())
        return failure;
    bool caughtUp = false;
    QObject::connect(m_engine.get(), &engine::SyncEngine::caughtUp, m_engine.get(),
                     [&caughtUp] { caughtUp = true; });
    if (auto error = m_engine->start())
        return failureOf(*error);
    if (!waitUntil([&] { return caughtUp; }))
        return Failure{kUnreachable, u"cannot reach the relay (or it did not answer in time)"_s};
    return std::nullopt;
}

bool CliSession::waitUntil(const std::function<bool()> &done) const {
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(10);
    deadline.start(m_timeoutMs);
    loop.exec();
    return done();
}

std::optional<Failure> CliSession::await(const std::function<void(engine::Completion)> &operation) {
    bool finished = false;
    std::optional<engine::EngineError> result;
    operation([&](const std::optional<engine::EngineError> &error) {
        finished = true;
        result = error;
    });
    if (!waitUntil([&] { return finished; }))
        return Failure{kUnreachable, u"the relay did not answer in time"_s};
    if (result)
        return failureOf(*result);
    return std::nullopt;
}

} // namespace hearth::cli
