// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! A setting row: label and description on the left, a switch on the right.
RowLayout {
    id: root

    property bool checked: false
    property string description
    property string label

    signal toggled(bool value)

    opacity: enabled ? 1 : 0.5
    spacing: Theme.spacingM

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 2

        Text {
            Layout.fillWidth: true
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
            text: root.label
        }
        Text {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            text: root.description
            visible: text !== ""
            wrapMode: Text.Wrap
        }
    }
    AppSwitch {
        Accessible.name: root.label
        checked: root.checked
        objectName: "switch"

        onToggled: {
            root.toggled(checked);
            // why: the view shows the controller's value; it changes when the controller does.
            checked = Qt.binding(() => root.checked);
        }
    }
}
