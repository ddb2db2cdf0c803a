// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! A friendly inline message: "error" (red), "warning" (amber) or "info".
Rectangle {
    id: root

    property string text
    property string tone: "error"

    color: tone === "error" ? Theme.dangerSoft : tone === "warning" ? Theme.warningSoft : Theme.accentSoft
    implicitHeight: row.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radiusM
    visible: text !== ""

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingS

        Icon {
            Layout.alignment: Qt.AlignTop
            color: label.color
            name: root.tone === "info" ? "check" : "warning"
            size: 14
        }
        Text {
            id: label
            Layout.fillWidth: true
            color: root.tone === "error" ? Theme.danger : root.tone === "warning" ? Theme.warningText : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            objectName: "bannerText"
            text: root.text
            wrapMode: Text.Wrap
        }
    }
}
