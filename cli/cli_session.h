// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/exit_codes.h"
#include "sync/engine/sync_engine.h"

#include <QString>
#include <functional>
#include <memory>

namespace hearth::cli {

//! A failure to report: the message for stderr and the exit code.
struct Failure final {
    int code = kFailed;
    QString message;
};

//! The profile and engine one command works with, plus the waiting it needs (the CLI runs the
//! event loop only while it waits).
class CliSession final {
public:
    CliSession(QString profileDir, int timeoutMs);
    ~CliSession();

    //! Unlocks the profile (passphrase from $HEARTH_PASSPHRASE or a prompt) and opens the
    //! engine; nullopt on success.
    [[nodiscard]] std::optional<Failure> open();
    //! open(), then connect and wait for the catch-up to finish.
    [[nodiscard]] std::optional<Failure> openOnline();
    [[nodiscard]] engine::SyncEngine &engine() { return *m_engine; }

    //! Runs the event loop until `done()` holds or the timeout passes; false on timeout.
    [[nodiscard]] bool waitUntil(const std::function<bool()> &done) const;
    //! Runs `operation` and waits for its completion.
    [[nodiscard]] std::optional<Failure>
    await(const std::function<void(engine::Completion)> &operation);

    //! A secret from the environment variable `name`, else a prompt on the terminal.
    [[nodiscard]] static QString secret(const char *name, const QString &prompt);
    [[nodiscard]] static Failure failureOf(const engine::EngineError &error);

private:
    QString m_profileDir;
    int m_timeoutMs;
    std::unique_ptr<engine::SyncEngine> m_engine;
};

} // namespace hearth::cli
