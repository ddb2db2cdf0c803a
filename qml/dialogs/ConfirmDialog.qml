// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! Asks before something that can't be undone.
AppDialog {
    id: root

    property string confirmText: qsTr("OK")
    property bool destructive: true
    property string text

    signal confirmed

    width: Math.min(400, (parent ? parent.width : 400) - 2 * Theme.spacingXl)

    Text {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        text: root.text
        wrapMode: Text.Wrap
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingS
        spacing: Theme.spacingS

        Item {
            Layout.fillWidth: true
        }
        AppButton {
            text: qsTr("Cancel")
            variant: "secondary"

            onClicked: root.close()
        }
        AppButton {
            objectName: "confirmButton"
            text: root.confirmText
            variant: root.destructive ? "danger" : "primary"

            onClicked: {
                root.close();
                root.confirmed();
            }
        }
    }
}
