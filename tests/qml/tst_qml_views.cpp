// SPDX-License-Identifier: GPL-3.0-or-later
// QuickTest runner for the Hearth.Ui views: links the static module and imports it from the
// build's QML output directory.
#include <QtQml/QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)

namespace hearth::ui::test {

//! Gives every test engine the import path of Hearth.Ui.
class Setup final : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine) {
        engine->addImportPath(QString::fromUtf8(HEARTH_QML_IMPORT_DIR));
    }
};

} // namespace hearth::ui::test

QUICK_TEST_MAIN_WITH_SETUP(hearth_qml_views, hearth::ui::test::Setup)

#include "tst_qml_views.moc"
