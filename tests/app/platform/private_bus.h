// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test support: a D-Bus daemon of our own (dbus-daemon --nofork), so tests never touch the
// desktop's session bus and see no service they did not start.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace hearth::test {

//! A private session bus. Its configuration lists no service directories: nothing is ever
//! activated on it (no secret service, no notification daemon) unless a test registers it.
class PrivateBus final {
public:
    PrivateBus() = default;
    PrivateBus(const PrivateBus &) = delete;
    PrivateBus &operator=(const PrivateBus &) = delete;
    ~PrivateBus();

    //! Starts the daemon and waits for its address. False (with error()) when it cannot.
    [[nodiscard]] bool start();
    //! The address to connect to (QDBusConnection::connectToBus, DBUS_SESSION_BUS_ADDRESS).
    [[nodiscard]] const QString &address() const { return m_address; }
    [[nodiscard]] const QString &error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    QString m_error;
};

} // namespace hearth::test
