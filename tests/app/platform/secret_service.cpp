// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/app/platform/secret_service.h"

#include "tests/app/platform/keychain_test_support.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace hearth::test {

SecretService::~SecretService() {
    if (m_keyring.state() == QProcess::NotRunning)
        return;
    m_keyring.terminate();
    if (!m_keyring.waitForFinished(5000))
        m_keyring.kill();
    m_keyring.waitForFinished(5000);
}

bool SecretService::start() {
    const QString daemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (daemon.isEmpty()) {
        m_error = u"gnome-keyring-daemon is not installed (Debian package gnome-keyring)"_s;
        return false;
    }
    if (!m_bus.start()) {
        m_error = m_bus.error();
        return false;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus.address().toUtf8());
    // why: qtkeychain picks KWallet on a KDE desktop; the Secret Service is what runs here.
    for (const char *name :
         {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION"})
        qunsetenv(name);
    QDir home(m_home.path());
    if (!m_home.isValid() || !home.mkpath(u"data"_s) || !home.mkpath(u"run"_s) ||
        !QFile::setPermissions(home.filePath(u"run"_s),
                               QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        m_error = u"cannot prepare the keyring's home"_s;
        return false;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, m_bus.address());
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    m_keyring.setProcessEnvironment(env);
    // --unlock: creates the login keyring with the password read from stdin, so no prompt.
    m_keyring.start(daemon, {u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    if (!m_keyring.waitForStarted()) {
        m_error = m_keyring.errorString();
        return false;
    }
    m_keyring.write("test keyring password");
    m_keyring.closeWriteChannel();
    if (!QTest::qWaitFor(
            [] {
                return QDBusConnection::sessionBus().interface()->isServiceRegistered(
                    u"org.freedesktop.secrets"_s);
            },
            kKeychainAnswerMs)) {
        m_error = u"gnome-keyring-daemon did not register org.freedesktop.secrets"_s;
        return false;
    }
    return true;
}

} // namespace hearth::test
