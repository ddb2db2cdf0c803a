// SPDX-License-Identifier: GPL-3.0-or-later
// hearth: the desktop app. Parses the command line, builds the composition root (App) and
// loads the views.
#include "app/app_controller.h"
#include "app/demo/demo_profiles.h"
#include "app/startup_trace.h"
#include "app/window_snapshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLockFile>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_AppPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)

using namespace Qt::StringLiterals;

int main(int argc, char *argv[]) {
    hearth::app::StartupTrace::markMain();
    // QApplication (not QGuiApplication): the tray fallback for notifications needs widgets.
    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"Hearth"_s);
    QApplication::setApplicationName(u"hearth"_s);
    QApplication::setApplicationDisplayName(u"Hearth"_s);
    QApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    QApplication::setDesktopFileName(u"org.hearth.Hearth"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Hearth: encrypted, local-first community messaging."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption relay(u"relay"_s, u"Relay offered on first run."_s, u"url"_s,
                                   u"ws://127.0.0.1:7300"_s);
    const QCommandLineOption profile(u"profile"_s, u"Profile directory."_s, u"dir"_s);
    const QCommandLineOption demo(u"demo"_s, u"Open a member of the demo community."_s);
    const QCommandLineOption as(u"as"_s, u"With --demo: the member to open as."_s, u"member"_s,
                                QString::fromLatin1(hearth::demo::kDemoUser));
    parser.addOptions({relay, profile, demo, as});
    parser.process(application);

    hearth::app::AppOptions options;
    options.defaultRelay = QUrl(parser.value(relay));
    options.profileDirectory =
        parser.isSet(profile)
            ? parser.value(profile)
            : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                  u"/hearth/profiles/default"_s;
    std::unique_ptr<QLockFile> demoLock;
    if (parser.isSet(demo)) {
        const QString member = parser.value(as);
        demoLock = hearth::demo::claimDemoProfile(member);
        if (!demoLock) {
            qCritical("The demo member %s is open in another window.", qPrintable(member));
            return 1;
        }
        options.profileDirectory = hearth::demo::demoProfileDirectory(member);
        options.autoUnlockPassphrase = QByteArray(hearth::demo::kDemoPassphrase);
    }

    hearth::app::AppController app(std::move(options));
    hearth::app::AppController::setInstance(&app);

    QQuickStyle::setStyle(u"Basic"_s);
    // why: native glyph rendering draws colour emoji (Noto Color Emoji is a bitmap font that
    // distance-field text renders small and grey).
    QQuickWindow::setTextRenderType(QQuickWindow::NativeTextRendering);
    QQmlApplicationEngine engine;
    // why: Qt 6.4 does not look in the resource root the QML modules use (6.5 does).
    engine.addImportPath(u"qrc:/qt/qml"_s);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &application,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/qt/qml/Hearth/Ui/Main.qml"_s));
    hearth::app::WindowSnapshot::installIfRequested(engine);
    hearth::app::StartupTrace::installIfRequested(engine, app);
    return QApplication::exec();
}
