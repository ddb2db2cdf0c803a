// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/sync_engine.h"

#include <QLockFile>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace hearth::demo {

//! Exit codes of hearth-demo-seed (DemoFailure::exitCode).
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
//! The relay has the demo accounts but these profiles are not theirs: wipe the relay's data.
inline constexpr int kExitRelayHasAccounts = 3;
inline constexpr int kExitUnreachable = 4;
//! Another process has a demo profile open (a Hearth window, another hearth-demo-seed).
inline constexpr int kExitInUse = 5;

//! An expected failure of the demo tooling, with the exit code to leave with.
struct DemoFailure final {
    int exitCode = kExitFailed;
    QString message;
};

//! How a member's connection went.
enum class Reach { Online, UnknownToRelay, Unreachable };

//! The demo members this process plays: each one's profile lock, profile and sync engine, all
//! on the calling thread. Waiting runs the event loop (this is tooling, not the UI).
class DemoCast final : public QObject {
    Q_OBJECT

public:
    explicit DemoCast(QUrl relay, int timeoutMs, QObject *parent = nullptr);
    ~DemoCast() override;

    //! How claim() treats a lock another process holds.
    enum class Claim {
        Ask,    //!< ask the holder to let go (a live simulator does) and wait a few seconds
        IfFree, //!< give up at once, asking nothing
    };
    //! Takes the member's profile lock; kExitInUse if another process keeps it.
    [[nodiscard]] std::optional<DemoFailure> claim(const QString &member, Claim how = Claim::Ask);
    //! Deletes the member's profile (claimed, not open) and creates an empty one.
    [[nodiscard]] std::optional<DemoFailure> recreate(const QString &member);
    //! Unlocks the claimed member's profile and opens its engine (not connected yet).
    [[nodiscard]] std::optional<DemoFailure> open(const QString &member);
    //! Registers the opened member's account on the relay; connects once registered.
    [[nodiscard]] std::optional<DemoFailure> registerAll(const QStringList &members);
    //! Connects the opened members and waits until each caught up or was refused.
    [[nodiscard]] Reach connect(const QStringList &members);
    //! Closes the member's engine, keeping its lock.
    void close(const QString &member);
    //! Closes the member's engine and lets its lock go.
    void release(const QString &member);

    [[nodiscard]] bool plays(const QString &member) const { return m_engines.contains(member); }
    //! The members with an open engine.
    [[nodiscard]] QStringList members() const;
    //! The member's engine (the member must be open).
    [[nodiscard]] engine::SyncEngine &engine(const QString &member) {
        return *m_engines.at(member);
    }

    //! Runs the event loop until `done()` holds (checked as engines report progress); false on
    //! timeout.
    [[nodiscard]] bool waitUntil(const std::function<bool()> &done) const;
    //! Runs `operation` and waits for its completion; the error, or nullopt.
    [[nodiscard]] std::optional<DemoFailure>
    await(const std::function<void(engine::Completion)> &operation) const;

    [[nodiscard]] const QUrl &relay() const { return m_relay; }
    [[nodiscard]] int timeoutMs() const { return m_timeoutMs; }

Q_SIGNALS:
    //! Any engine made progress (events, outbox, connection): waiters look again.
    void progressed();

private:
    struct RegisterRun;
    void attemptRegister(const QString &member, const std::shared_ptr<RegisterRun> &run);

    QUrl m_relay;
    int m_timeoutMs;
    std::map<QString, std::unique_ptr<QLockFile>> m_locks;
    std::map<QString, std::unique_ptr<engine::SyncEngine>> m_engines;
    QSet<QString> m_caughtUp;
    QSet<QString> m_refused;
};

} // namespace hearth::demo
