// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! Shown on a device waiting for approval: the code the member types on a device already
//! approved. Large, grouped and selectable, so it can be read out or copied.
Rectangle {
    id: root

    property string code

    border.color: Theme.warningText
    color: Theme.warningSoft
    implicitHeight: column.implicitHeight + 2 * Theme.spacingL
    implicitWidth: 520
    radius: Theme.radiusL
    visible: code !== ""

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingS

        Text {
            Layout.fillWidth: true
            color: Theme.warningText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.weight: Font.Bold
            text: qsTr("This device is waiting for approval")
            wrapMode: Text.Wrap
        }
        Text {
            Layout.fillWidth: true
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            text: qsTr("On a device already signed in to your account, approve this one and type this code. Until then, new messages can't be read here.")
            wrapMode: Text.Wrap
        }
        TextEdit {
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.spacingS
            color: Theme.text
            font.family: "DejaVu Sans Mono"
            font.letterSpacing: 2
            font.pixelSize: Theme.fontDisplay
            font.weight: Font.Bold
            objectName: "approvalCode"
            readOnly: true
            selectByMouse: true
            selectedTextColor: Theme.accentText
            selectionColor: Theme.accent
            // Groups of four with wide gaps: easier to read out than the dashed form.
            text: root.code.split("-").join("  ")
        }
    }
}
