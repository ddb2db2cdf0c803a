// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Radio button in the Hearth style.
RadioButton {
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
    }
    indicator: Rectangle {
        border.color: root.checked ? Theme.accent : root.hovered ? Theme.textMuted : Theme.inputBorder
        border.width: root.checked ? 5 : 1.5
        color: root.checked ? "#ffffff" : Theme.inputBackground
        implicitHeight: 18
        implicitWidth: 18
        radius: 9
        x: root.leftPadding
        y: (root.height - height) / 2
    }
}
