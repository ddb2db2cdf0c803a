// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-relay: a thin executable over hearth_relay_core.
#include "crypto/sodium.h"
#include "relay/relay_config.h"
#include "relay/relay_server.h"
#include "relay/shutdown_signals.h"

#include <QCoreApplication>
#include <QDir>
#include <QTimer>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace hearth::relay;

namespace {

int createInvite(const RelayConfig &config) {
    SqlStorage storage;
    QDir().mkpath(config.dataDir);
    if (auto error = storage.open(config.dataDir + u"/relay.sqlite3"_s, config.durability)) {
        std::fprintf(stderr, "hearth-relay: %s\n", qPrintable(*error));
        return 1;
    }
    const QString code = QString::fromLatin1(hearth::crypto::randomBytes(12).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    if (!storage.createInvite(code, QDateTime::currentMSecsSinceEpoch())) {
        std::fprintf(stderr, "hearth-relay: could not store the invite\n");
        return 1;
    }
    std::printf("%s\n", qPrintable(code));
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    // why: the glib event dispatcher searches its socket list linearly on every change, which
    // makes a storm of thousands of (re)connections quadratic; the Unix one does not.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"hearth-relay"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));

    int exitCode = 0;
    const std::optional<RelayConfig> config = parseRelayConfig(app.arguments(), exitCode);
    if (!config)
        return exitCode;
    if (config->createInvite)
        return createInvite(*config);

    RelayServer server(*config);
    if (auto error = server.start()) {
        std::fprintf(stderr, "hearth-relay: %s\n", qPrintable(*error));
        return 1;
    }
    // Tests and scripts read this line to find the ports; keep its format stable.
    std::printf("hearth-relay listening ws=%s http=%s\n", qPrintable(server.wsUrl()),
                qPrintable(server.httpUrl()));
    std::fflush(stdout);
    std::fprintf(stderr, "hearth-relay: data in %s, registration %s\n", qPrintable(config->dataDir),
                 qPrintable(config->registrationName()));

    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::requested, &app, [&server] {
        server.shutdown();
        // why: give close frames a moment to leave before the process goes.
        QTimer::singleShot(300, qApp, &QCoreApplication::quit);
    });
    return app.exec();
}
