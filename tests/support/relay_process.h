// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace hearth::test {

//! The real hearth-relay binary, started as its own process on ephemeral loopback ports with
//! a temporary data dir. The data dir outlives restarts of the process (for kill -9 tests).
class RelayProcess final {
public:
    //! `extraArgs` are appended to the command line (e.g. limits for a test).
    explicit RelayProcess(QStringList extraArgs = {});
    ~RelayProcess();

    //! Starts the relay and waits for its "listening" line; false (with a message) on failure.
    [[nodiscard]] bool start();
    //! Arguments for the next start() (e.g. a restart with other limits).
    void setExtraArgs(QStringList extraArgs) { m_extraArgs = std::move(extraArgs); }
    //! SIGKILL, no chance to flush anything.
    void kill();
    //! SIGTERM and wait; returns the exit code (-1 if it did not exit cleanly).
    int terminate();

    [[nodiscard]] QUrl wsUrl() const { return m_wsUrl; }
    [[nodiscard]] QUrl httpUrl() const { return m_httpUrl; }
    [[nodiscard]] QString dataDir() const { return m_dataDir.path(); }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QByteArray stderrLog() const { return m_stderr; }
    [[nodiscard]] qint64 pid() const;

    //! Path of the hearth-relay binary (HEARTH_RELAY_BINARY at build time, or $HEARTH_RELAY).
    [[nodiscard]] static QString binaryPath();

private:
    QStringList m_extraArgs;
    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_wsUrl;
    QUrl m_httpUrl;
    QString m_error;
    QByteArray m_stderr;
};

} // namespace hearth::test
