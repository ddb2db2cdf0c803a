// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/app/platform/private_bus.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace hearth::test {

//! A real Secret Service for tests: gnome-keyring-daemon on a private session bus, its login
//! keyring unlocked in a temporary home. start() points this process's
//! DBUS_SESSION_BUS_ADDRESS at that bus, so qtkeychain finds it.
class SecretService final {
public:
    SecretService() = default;
    ~SecretService();
    SecretService(const SecretService &) = delete;
    SecretService &operator=(const SecretService &) = delete;

    //! Starts the bus and the daemon and waits for org.freedesktop.secrets; false with error()
    //! (gnome-keyring missing, the daemon failing…).
    [[nodiscard]] bool start();
    [[nodiscard]] const QString &error() const { return m_error; }

private:
    PrivateBus m_bus;
    QTemporaryDir m_home;
    QProcess m_keyring;
    QString m_error;
};

} // namespace hearth::test
