// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! On/off switch in the Hearth style: a pill with a sliding knob.
Switch {
    id: root
    hoverEnabled: true
    implicitHeight: 28
    implicitWidth: 44
    padding: 0
    spacing: Theme.spacingS

    contentItem: Item {
    }
    indicator: Rectangle {
        border.color: root.checked ? Theme.accent : Theme.inputBorder
        border.width: 1
        color: root.checked ? Theme.accent : Theme.sunken
        implicitHeight: 22
        implicitWidth: 40
        opacity: root.enabled ? 1 : 0.5
        radius: height / 2
        x: (root.width - width) / 2
        y: (root.height - height) / 2

        Rectangle {
            border.color: Theme.inputBorder
            border.width: root.checked ? 0 : 1
            color: "#ffffff"
            height: 16
            radius: 8
            width: 16
            x: root.checked ? parent.width - width - 3 : 3
            y: 3

            Behavior on x  {
                NumberAnimation {
                    duration: 120
                }
            }
        }
    }
}
