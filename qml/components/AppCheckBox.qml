// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Check box in the Hearth style.
CheckBox {
    id: root
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    hoverEnabled: true
    leftPadding: 0
    spacing: Theme.spacingS

    contentItem: Text {
        color: Theme.text
        font: root.font
        leftPadding: root.indicator.width + root.spacing
        text: root.text
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
    }
    indicator: Rectangle {
        border.color: root.checked ? Theme.accent : root.hovered ? Theme.textMuted : Theme.inputBorder
        border.width: root.checked ? 0 : 1.5
        color: root.checked ? Theme.accent : Theme.inputBackground
        implicitHeight: 18
        implicitWidth: 18
        radius: Theme.radiusS
        x: root.leftPadding
        y: (root.height - height) / 2

        Text {
            anchors.centerIn: parent
            color: Theme.accentText
            font.family: Theme.fontFamily
            font.pixelSize: 13
            font.weight: Font.Bold
            text: "\u2713"
            visible: root.checked
        }
    }
}
