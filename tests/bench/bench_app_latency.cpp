// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-bench-app-latency: how long the app takes to show a message. In one process, like the
// app: the composition root (App) of alice with the real views (Main.qml, Hearth.Ui) in a window,
// a real relay (its own process) and bob as a plain engine. bob fills a group with `--history`
// messages; alice opens it; then, `--samples` times each:
//   send → echo painted:    alice's ConversationController::send() to the first frame swapped
//                            after the local echo's row was inserted into the timeline model;
//   receive → painted:       bob's sendText() to the first frame swapped after the row was
//                            inserted in alice's timeline (bob's encryption, the relay, alice's
//                            engine, store, reader and model in between).
// Reports p50 / p90 / p99 (nearest rank) of each, and the part up to the model's insertion.
// Not a test: it reports figures (stdout).
//
//   hearth-bench-app-latency [--history 300] [--samples 100]
#include "app/app_controller.h"
#include "tests/engine/engine_harness.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>
#include <atomic>
#include <cmath>

Q_IMPORT_QML_PLUGIN(Hearth_AppPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)

using namespace Qt::StringLiterals;
using namespace hearth;

namespace {

constexpr int kWaitMs = 60'000;

QElapsedTimer s_clock;

double nowMs() {
    return double(s_clock.nsecsElapsed()) / 1e6;
}

double percentile(QList<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

QString summary(const QString &what, const QList<double> &values) {
    if (values.isEmpty())
        return what + u": no samples"_s;
    return u"%1: p50 %2 ms, p90 %3 ms, p99 %4 ms (n=%5)"_s.arg(what)
        .arg(percentile(values, 0.5), 0, 'f', 2)
        .arg(percentile(values, 0.9), 0, 'f', 2)
        .arg(percentile(values, 0.99), 0, 'f', 2)
        .arg(values.size());
}

//! Times from a start to the model's insertion of a row at the end and to the next frame.
class Probe final : public QObject {
public:
    Probe(QQuickWindow &window, QAbstractItemModel &model) {
        // why: with the threaded render loop frameSwapped comes from the render thread.
        connect(
            &window, &QQuickWindow::frameSwapped, this, [this] { m_swapped = nowMs(); },
            Qt::DirectConnection);
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [this, &model](const QModelIndex &, int, int last) {
                    if (last == model.rowCount() - 1 && m_inserted == 0)
                        m_inserted = nowMs();
                });
    }
    void start() {
        m_inserted = 0;
        m_started = nowMs();
    }
    //! Waits for the insertion and the frame after it: {to model, to painted}; nullopt on timeout.
    std::optional<std::pair<double, double>> wait() {
        if (!QTest::qWaitFor([this] { return m_inserted > 0 && m_swapped.load() > m_inserted; },
                             kWaitMs))
            return std::nullopt;
        return std::pair(m_inserted - m_started, m_swapped.load() - m_started);
    }

private:
    std::atomic<double> m_swapped{0};
    double m_inserted = 0;
    double m_started = 0;
};

} // namespace

int main(int argc, char **argv) {
    s_clock.start();
    QApplication application(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{u"history"_s, u"Messages in the group before it opens."_s, u"n"_s, u"300"_s},
         {u"samples"_s, u"Sends and receives measured."_s, u"n"_s, u"100"_s}});
    parser.process(application);
    const int history = parser.value(u"history"_s).toInt();
    const int samples = std::max(1, parser.value(u"samples"_s).toInt());
    QTextStream out(stdout);
    QStandardPaths::setTestModeEnabled(true);

    test::RelayProcess relay(
        {u"--limit"_s, u"rate_per_second=100000"_s, u"--limit"_s, u"rate_burst=100000"_s});
    if (!relay.start())
        qFatal("relay: %s", qPrintable(relay.errorString()));
    QTemporaryDir dir;
    app::AppOptions options;
    options.profileDirectory = dir.path() + u"/alice"_s;
    options.defaultRelay = relay.wsUrl();
    options.cost = crypto::PasswordHashCost::Minimum;
    app::AppController app(options);
    app::AppController::setInstance(&app);
    test::TestDevice bob;
    if (!bob.registerAccount(relay.wsUrl(), u"bob"_s).isEmpty())
        qFatal("bob could not register");
    app.createAccount(u"alice"_s, QString::fromLatin1(test::kTestPassword), u"passphrase"_s,
                      relay.wsUrl().toString(), false);
    if (!QTest::qWaitFor([&] { return app.connectionState() == u"online"_s; }, kWaitMs))
        qFatal("alice did not come online");

    QQuickStyle::setStyle(u"Basic"_s);
    QQuickWindow::setTextRenderType(QQuickWindow::NativeTextRendering);
    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/qt/qml"_s);
    engine.load(QUrl(u"qrc:/qt/qml/Hearth/Ui/Main.qml"_s));
    auto *window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        qFatal("the views did not load");

    const auto group =
        test::createConversation(bob.engine(), hearth::ConversationKind::Group, {u"alice"_s}, {});
    if (!group)
        qFatal("no group");
    for (int i = 0; i < history; ++i)
        (void)bob.engine().sendText(*group, u"history %1"_s.arg(i));
    const auto listed = [&] {
        const int row = app.conversations()->indexOf(int(group->value));
        return row >= 0 && app.conversations()
                                   ->data(app.conversations()->index(row),
                                          app::ConversationListModel::LastMessageTextRole)
                                   .toString() == u"history %1"_s.arg(history - 1);
    };
    if (history > 0 && !QTest::qWaitFor(listed, kWaitMs))
        qFatal("the history did not arrive");
    app.openConversation(int(group->value));
    app::ConversationController *current = app.current();
    app::TimelineModel &timeline = *current->timeline();
    if (!QTest::qWaitFor([&] { return current->canPost() && timeline.rowCount() > 0; }, kWaitMs))
        qFatal("the group did not open");
    QTest::qWait(500); // let the first page paint

    Probe probe(*window, timeline);
    QList<double> echoModel, echoPainted, receiveModel, receivePainted;
    const auto lastState = [&] {
        return timeline.data(timeline.index(timeline.rowCount() - 1), app::TimelineModel::StateRole)
            .toString();
    };
    for (int i = 0; i < samples; ++i) {
        probe.start();
        current->send(u"echo %1"_s.arg(i));
        if (const auto times = probe.wait()) {
            echoModel.append(times->first);
            echoPainted.append(times->second);
        }
        // Sent and settled before the next one.
        (void)QTest::qWaitFor([&] { return lastState() == u"sent"_s; }, kWaitMs);
        QTest::qWait(20);
    }
    for (int i = 0; i < samples; ++i) {
        probe.start();
        (void)bob.engine().sendText(*group, u"received %1"_s.arg(i));
        if (const auto times = probe.wait()) {
            receiveModel.append(times->first);
            receivePainted.append(times->second);
        }
        QTest::qWait(20);
    }
    out << "history " << history << ", samples " << samples << ", QT_QPA_PLATFORM "
        << qEnvironmentVariable("QT_QPA_PLATFORM") << Qt::endl;
    out << summary(u"send → echo painted"_s, echoPainted) << Qt::endl;
    out << summary(u"  of which send → echo row in the model"_s, echoModel) << Qt::endl;
    out << summary(u"receive → painted"_s, receivePainted) << Qt::endl;
    out << summary(u"  of which receive → row in the model"_s, receiveModel) << Qt::endl;
    return echoPainted.size() == samples && receivePainted.size() == samples ? 0 : 1;
}
