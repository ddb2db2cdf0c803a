// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Mutually exclusive options side by side; `currentIndex` is the chosen one.
Rectangle {
    id: root

    property int currentIndex: 0
    property var options: []

    signal activated(int index)

    color: Theme.sunken
    implicitHeight: Theme.controlHeight
    implicitWidth: row.implicitWidth + 8
    radius: Theme.radiusM

    Row {
        id: row
        anchors.fill: parent
        anchors.margins: 4
        spacing: 4

        Repeater {
            model: root.options

            AbstractButton {
                id: segment

                required property int index
                required property string modelData

                Accessible.name: modelData
                checkable: true
                checked: root.currentIndex === index
                height: row.height
                hoverEnabled: true
                objectName: "segment" + index
                width: (row.width - (root.options.length - 1) * row.spacing) / root.options.length

                background: Rectangle {
                    border.color: Theme.border
                    border.width: segment.checked ? 1 : 0
                    color: segment.checked ? Theme.raised : segment.hovered ? Theme.hover : "transparent"
                    radius: Theme.radiusS + 2
                }
                contentItem: Text {
                    color: segment.checked ? Theme.text : Theme.textSecondary
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    font.weight: segment.checked ? Font.DemiBold : Font.Normal
                    horizontalAlignment: Text.AlignHCenter
                    text: segment.modelData
                    verticalAlignment: Text.AlignVCenter
                }

                onClicked: {
                    root.currentIndex = index;
                    root.activated(index);
                }
            }
        }
    }
}
