// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_cast.h"

#include "app/demo/demo_profiles.h"
#include "sync/store/profile.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QHash>
#include <QTimer>

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kRetryMs = 300;
constexpr int kPollMs = 50;
} // namespace

DemoCast::DemoCast(QUrl relay, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_relay(std::move(relay))
    , m_timeoutMs(timeoutMs) {}

DemoCast::~DemoCast() {
    const QStringList open = members();
    for (const QString &member : open)
        release(member);
}

QStringList DemoCast::members() const {
    QStringList names;
    for (const auto &entry : m_engines)
        names.append(entry.first);
    return names;
}

std::optional<DemoFailure> DemoCast::claim(const QString &member, Claim how) {
    if (m_locks.contains(member))
        return std::nullopt;
    std::unique_ptr<QLockFile> lock;
    if (how == Claim::Ask) {
        lock = claimDemoProfile(member);
    } else {
        lock = std::make_unique<QLockFile>(demoLockPath(member));
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0))
            lock.reset();
    }
    if (!lock)
        return DemoFailure{kExitInUse, u"%1's demo profile is open in another process (a Hearth "
                                       "window or hearth-demo-seed): close it first"_s.arg(member)};
    m_locks[member] = std::move(lock);
    return std::nullopt;
}

std::optional<DemoFailure> DemoCast::recreate(const QString &member) {
    const QString directory = demoProfileDirectory(member);
    if (!QDir(directory).removeRecursively())
        return DemoFailure{kExitFailed, u"cannot remove %1"_s.arg(directory)};
    // why: the passphrase is public, so key stretching would only slow the demo down.
    auto profile =
        store::Profile::create(directory, kDemoPassphrase, crypto::PasswordHashCost::Minimum);
    if (!profile)
        return DemoFailure{kExitFailed,
                           u"cannot create %1: %2"_s.arg(directory, profile.error().message)};
    return std::nullopt;
}

std::optional<DemoFailure> DemoCast::open(const QString &member) {
    if (plays(member))
        return std::nullopt;
    auto profile = store::Profile::unlock(demoProfileDirectory(member), kDemoPassphrase);
    if (!profile)
        return DemoFailure{kExitFailed, u"cannot open %1's demo profile: %2"_s.arg(
                                            member, profile.error().message)};
    auto opened = engine::SyncEngine::open(*profile);
    if (!opened)
        return DemoFailure{kExitFailed,
                           u"cannot open %1's engine: %2"_s.arg(member, opened.error().message)};
    engine::SyncEngine *engine = opened.value().get();
    engine::ConnectionTiming timing;
    timing.initialBackoff = std::chrono::milliseconds(200);
    timing.maxBackoff = std::chrono::milliseconds(5000);
    engine->setConnectionTiming(timing);
    using Engine = engine::SyncEngine;
    QObject::connect(engine, &Engine::caughtUp, this, [this, member] {
        m_caughtUp.insert(member);
        Q_EMIT progressed();
    });
    QObject::connect(engine, &Engine::authenticationFailed, this, [this, member] {
        m_refused.insert(member);
        Q_EMIT progressed();
    });
    QObject::connect(engine, &Engine::eventsChanged, this, &DemoCast::progressed);
    QObject::connect(engine, &Engine::readMarkerChanged, this, &DemoCast::progressed);
    QObject::connect(engine, &Engine::outboxChanged, this, &DemoCast::progressed);
    QObject::connect(engine, &Engine::conversationsChanged, this, &DemoCast::progressed);
    m_engines[member] = std::move(opened.value());
    return std::nullopt;
}

//! One registerAll(): shared with the callbacks, which may outlive a timed-out wait.
struct DemoCast::RegisterRun final {
    QHash<QString, std::optional<engine::EngineError>> results;
    QDeadlineTimer deadline;
};

void DemoCast::attemptRegister(const QString &member, const std::shared_ptr<RegisterRun> &run) {
    if (!plays(member))
        return;
    engine(member).registerAccount(
        m_relay, member, demoAccountPassword(member), u"demo device"_s,
        [this, member, run](const std::optional<engine::EngineError> &error) {
            // why: the relay may still be starting; a refused connection is retried.
            if (error && error->code == engine::EngineErrorCode::NotOnline &&
                !run->deadline.hasExpired()) {
                QTimer::singleShot(kRetryMs, this,
                                   [this, member, run] { attemptRegister(member, run); });
                return;
            }
            run->results.insert(member, error);
            Q_EMIT progressed();
        });
}

std::optional<DemoFailure> DemoCast::registerAll(const QStringList &members) {
    auto run = std::make_shared<RegisterRun>();
    run->deadline = QDeadlineTimer(m_timeoutMs);
    for (const QString &member : members) {
        m_caughtUp.remove(member);
        attemptRegister(member, run);
    }
    const auto &results = run->results;
    const bool finished = waitUntil([&] { return results.size() == members.size(); });
    if (!finished)
        return DemoFailure{kExitUnreachable,
                           u"cannot reach the relay at %1"_s.arg(m_relay.toString())};
    for (auto it = results.cbegin(); it != results.cend(); ++it) {
        const std::optional<engine::EngineError> &error = it.value();
        if (!error)
            continue;
        if (error->relayCode == protocol::ErrorCode::UserExists)
            return DemoFailure{kExitRelayHasAccounts,
                               u"the relay already has a demo account \"%1\" that these demo "
                               "profiles do not hold; wipe the relay's data (or use another "
                               "relay) and run again"_s.arg(it.key())};
        if (error->code == engine::EngineErrorCode::NotOnline)
            return DemoFailure{kExitUnreachable,
                               u"cannot reach the relay at %1"_s.arg(m_relay.toString())};
        return DemoFailure{kExitFailed, u"cannot register %1: %2"_s.arg(it.key(), error->message)};
    }
    if (!waitUntil([&] {
            for (const QString &member : members) {
                if (!m_caughtUp.contains(member))
                    return false;
            }
            return true;
        }))
        return DemoFailure{kExitUnreachable, u"registered, but the relay stopped answering"_s};
    return std::nullopt;
}

Reach DemoCast::connect(const QStringList &members) {
    for (const QString &member : members) {
        m_caughtUp.remove(member);
        m_refused.remove(member);
        if (engine(member).start())
            m_refused.insert(member); // no account: as unknown as it gets
    }
    const bool settled = waitUntil([&] {
        for (const QString &member : members) {
            if (!m_caughtUp.contains(member) && !m_refused.contains(member))
                return false;
        }
        return true;
    });
    for (const QString &member : members) {
        if (m_refused.contains(member))
            return Reach::UnknownToRelay;
    }
    return settled ? Reach::Online : Reach::Unreachable;
}

void DemoCast::close(const QString &member) {
    if (auto engine = m_engines.find(member); engine != m_engines.end()) {
        engine->second->stop();
        m_engines.erase(engine);
    }
    m_caughtUp.remove(member);
    m_refused.remove(member);
}

void DemoCast::release(const QString &member) {
    close(member);
    m_locks.erase(member);
}

bool DemoCast::waitUntil(const std::function<bool()> &done) const {
    if (done())
        return true;
    QEventLoop loop;
    auto check = [&] {
        if (done())
            loop.quit();
    };
    const auto connection = QObject::connect(this, &DemoCast::progressed, &loop, check);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, check);
    poll.start(kPollMs);
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(m_timeoutMs);
    loop.exec();
    QObject::disconnect(connection);
    return done();
}

std::optional<DemoFailure>
DemoCast::await(const std::function<void(engine::Completion)> &operation) const {
    // why: shared, since the completion may come after a timed-out wait has returned.
    auto outcome = std::make_shared<std::optional<std::optional<engine::EngineError>>>();
    operation([outcome](const std::optional<engine::EngineError> &error) { *outcome = error; });
    if (!waitUntil([&] { return outcome->has_value(); }))
        return DemoFailure{kExitUnreachable, u"the relay did not answer in time"_s};
    if (const auto &error = **outcome)
        return DemoFailure{kExitFailed, error->message};
    return std::nullopt;
}

} // namespace hearth::demo
