// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! A small rounded label: an active search filter with a remove button (`removable`), or a
//! suggestion to click. `problem` draws it in the danger colour (a filter not understood).
AbstractButton {
    id: root

    property bool problem: false
    property bool removable: false

    signal removeRequested

    Accessible.name: removable ? qsTr("Remove filter %1").arg(text) : text
    hoverEnabled: true
    implicitHeight: 26
    implicitWidth: row.implicitWidth + 2 * Theme.spacingS

    background: Rectangle {
        border.color: root.problem ? Theme.danger : root.removable ? Theme.reactionMineBorder : Theme.border
        color: root.problem ? Theme.dangerSoft : root.removable ? Theme.reactionMine : root.hovered ? Theme.hover : Theme.raised
        radius: height / 2
    }
    contentItem: Item {
        Row {
            id: row
            anchors.centerIn: parent
            spacing: Theme.spacingXs

            Text {
                anchors.verticalCenter: parent.verticalCenter
                color: root.problem ? Theme.danger : Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                text: root.text
            }
            Icon {
                anchors.verticalCenter: parent.verticalCenter
                color: Theme.textSecondary
                name: "close"
                size: 9
                visible: root.removable
            }
        }
    }

    onClicked: {
        if (removable)
            removeRequested();
    }
}
