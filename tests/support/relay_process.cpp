// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/relay_process.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;

RelayProcess::RelayProcess(QStringList extraArgs)
    : m_extraArgs(std::move(extraArgs)) {}

RelayProcess::~RelayProcess() {
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

QString RelayProcess::binaryPath() {
    const QString fromEnv = qEnvironmentVariable("HEARTH_RELAY");
    return fromEnv.isEmpty() ? QStringLiteral(HEARTH_RELAY_BINARY) : fromEnv;
}

qint64 RelayProcess::pid() const {
    return m_process ? m_process->processId() : 0;
}

bool RelayProcess::start() {
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binaryPath());
    // why: the minimum Argon2id cost keeps registration fast in tests; the relay's default
    // cost is exercised by the crypto tests.
    QStringList args = {u"--listen"_s,        u"127.0.0.1"_s, u"--port"_s,     u"0"_s,
                        u"--http-port"_s,     u"0"_s,         u"--data-dir"_s, m_dataDir.path(),
                        u"--password-cost"_s, u"minimum"_s};
    args += m_extraArgs;
    m_process->setArguments(args);
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                     [this] { m_stderr += m_process->readAllStandardError(); });
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = u"could not start "_s + binaryPath() + u": "_s + m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(uR"(^hearth-relay listening ws=(\S+) http=(\S+))"_s,
                                              QRegularExpression::MultilineOption);
    QByteArray out;
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(
                static_cast<int>(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_wsUrl = QUrl(match.captured(1));
            m_httpUrl = QUrl(match.captured(2));
            return true;
        }
    }
    m_stderr += m_process->readAllStandardError();
    m_error = u"relay did not report listening; stdout: "_s + QString::fromUtf8(out) +
              u" stderr: "_s + QString::fromUtf8(m_stderr);
    return false;
}

void RelayProcess::kill() {
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

int RelayProcess::terminate() {
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(20000)) {
        kill();
        return -1;
    }
    m_stderr += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

} // namespace hearth::test
