// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import Hearth.Ui

//! "alice is typing…" with three pulsing dots; keeps its height so the timeline doesn't jump.
Item {
    id: root

    property string text

    implicitHeight: 20

    Row {
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingL + 4
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingS
        visible: root.text !== ""

        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 3

            Repeater {
                model: 3

                Rectangle {
                    id: dot

                    required property int index

                    color: Theme.textMuted
                    height: 5
                    radius: 2.5
                    width: 5

                    SequentialAnimation on opacity  {
                        loops: Animation.Infinite
                        running: root.visible && root.text !== ""

                        PauseAnimation {
                            duration: dot.index * 160
                        }
                        NumberAnimation {
                            duration: 320
                            from: 0.3
                            to: 1
                        }
                        NumberAnimation {
                            duration: 320
                            from: 1
                            to: 0.3
                        }
                        PauseAnimation {
                            duration: (2 - dot.index) * 160
                        }
                    }
                }
            }
        }
        Text {
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.italic: true
            font.pixelSize: Theme.fontSmall
            objectName: "typingText"
            text: root.text
        }
    }
}
