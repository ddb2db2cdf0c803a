// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Text button in the Hearth style: "primary" (filled accent), "secondary" (outlined),
//! "flat" or "danger".
Button {
    id: root

    readonly property bool filled: variant === "primary" || variant === "danger"
    property string variant: "primary"

    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    font.weight: Font.DemiBold
    hoverEnabled: true
    implicitHeight: Theme.controlHeight
    leftPadding: Theme.spacingL
    rightPadding: Theme.spacingL

    background: Rectangle {
        border.color: root.visualFocus ? Theme.accentHover : Theme.inputBorder
        border.width: root.variant === "secondary" ? 1 : root.visualFocus ? 2 : 0
        color: {
            if (!root.enabled)
                return root.filled ? Theme.hover : "transparent";
            if (root.variant === "primary")
                return root.hovered ? Theme.accentHover : Theme.accent;
            if (root.variant === "danger")
                return root.hovered ? Qt.darker(Theme.dangerFill, 1.1) : Theme.dangerFill;
            return root.down ? Theme.selected : root.hovered ? Theme.hover : "transparent";
        }
        radius: Theme.radiusM
    }
    contentItem: Text {
        color: !root.enabled ? Theme.placeholder : root.filled ? Theme.accentText : root.variant === "danger" ? Theme.danger : root.variant === "flat" ? Theme.link : Theme.text
        elide: Text.ElideRight
        font: root.font
        horizontalAlignment: Text.AlignHCenter
        text: root.text
        verticalAlignment: Text.AlignVCenter
    }
}
