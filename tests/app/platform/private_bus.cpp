// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/app/platform/private_bus.h"

#include <QFile>
#include <QStandardPaths>

namespace hearth::test {

using namespace Qt::StringLiterals;

namespace {

//! A session bus that anyone may use and where any name may be owned, with no <servicedir>.
QByteArray configFor(const QString &socketDir) {
    return "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
           "<busconfig>\n"
           "  <type>session</type>\n"
           "  <listen>unix:dir=" +
           socketDir.toUtf8() +
           "</listen>\n"
           "  <auth>EXTERNAL</auth>\n"
           "  <policy context=\"default\">\n"
           "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
           "    <allow eavesdrop=\"true\"/>\n"
           "    <allow own=\"*\"/>\n"
           "  </policy>\n"
           "</busconfig>\n";
}

} // namespace

PrivateBus::~PrivateBus() {
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(5000))
            m_daemon.kill();
        m_daemon.waitForFinished(5000);
    }
}

bool PrivateBus::start() {
    const QString program = QStandardPaths::findExecutable(u"dbus-daemon"_s);
    if (program.isEmpty()) {
        m_error = u"dbus-daemon is not installed (Debian package dbus-daemon)"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = u"cannot create a temporary directory"_s;
        return false;
    }
    const QString configPath = m_dir.filePath(u"bus.conf"_s);
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly) || config.write(configFor(m_dir.path())) < 0) {
        m_error = u"cannot write the bus configuration"_s;
        return false;
    }
    config.close();

    m_daemon.setProgram(program);
    m_daemon.setArguments(
        {u"--config-file=%1"_s.arg(configPath), u"--print-address=1"_s, u"--nofork"_s});
    m_daemon.setProcessChannelMode(QProcess::SeparateChannels);
    m_daemon.start();
    if (!m_daemon.waitForStarted()) {
        m_error = u"dbus-daemon did not start: %1"_s.arg(m_daemon.errorString());
        return false;
    }
    // The daemon prints its address (one line) once it listens.
    while (!m_daemon.canReadLine()) {
        if (!m_daemon.waitForReadyRead(10000)) {
            m_error = u"dbus-daemon printed no address: %1"_s.arg(
                QString::fromLocal8Bit(m_daemon.readAllStandardError()));
            return false;
        }
    }
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    return !m_address.isEmpty();
}

} // namespace hearth::test
