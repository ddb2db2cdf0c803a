// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! A square, flat button showing one icon, with a tooltip.
AbstractButton {
    id: root

    property color iconColor: Theme.textSecondary
    property string iconName
    property int iconSize: 16
    property string toolTip

    Accessible.name: toolTip
    ToolTip.delay: 600
    ToolTip.text: toolTip
    ToolTip.visible: hovered && toolTip !== ""
    focusPolicy: Qt.TabFocus
    hoverEnabled: true
    implicitHeight: 32
    implicitWidth: 32

    background: Rectangle {
        border.color: Theme.accent
        border.width: root.visualFocus ? 2 : 0
        color: root.down ? Theme.selected : root.hovered || root.checked ? Theme.hover : "transparent"
        radius: Theme.radiusM
    }
    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            color: root.enabled ? (root.checked ? Theme.accent : root.iconColor) : Theme.placeholder
            name: root.iconName
            size: root.iconSize
        }
    }
}
