// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! The bar over a hovered message: quick reactions, a reaction picker, and edit / delete for
//! one's own messages.
Rectangle {
    id: root

    //! The message is one's own: offer edit and delete.
    property bool own: false
    property var quickReactions: []

    signal deleteRequested
    signal editRequested
    signal react(string emoji)

    border.color: Theme.border
    color: Theme.raised
    implicitHeight: actions.implicitHeight + 8
    implicitWidth: actions.implicitWidth + 8
    radius: Theme.radiusM

    Row {
        id: actions
        anchors.centerIn: parent
        spacing: 2

        Repeater {
            model: root.quickReactions.slice(0, 3)

            IconButton {
                required property string modelData

                height: 28
                toolTip: qsTr("React with %1").arg(modelData)
                width: 28

                onClicked: root.react(modelData)

                Text {
                    anchors.centerIn: parent
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    text: parent.modelData
                }
            }
        }
        IconButton {
            id: reactButton
            height: 28
            iconName: "smile"
            objectName: "reactButton"
            toolTip: qsTr("Add reaction")
            width: 28

            onClicked: picker.open()

            Popup {
                id: picker
                padding: 4
                y: reactButton.height + 4

                background: Rectangle {
                    border.color: Theme.border
                    color: Theme.raised
                    radius: Theme.radiusM
                }
                contentItem: Row {
                    spacing: 2

                    Repeater {
                        model: root.quickReactions

                        IconButton {
                            required property string modelData

                            height: 30
                            width: 30

                            onClicked: {
                                picker.close();
                                root.react(modelData);
                            }

                            Text {
                                anchors.centerIn: parent
                                color: Theme.text
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.fontLarge
                                text: parent.modelData
                            }
                        }
                    }
                }
            }
        }
        IconButton {
            height: 28
            iconName: "edit"
            objectName: "editButton"
            toolTip: qsTr("Edit")
            visible: root.own
            width: 28

            onClicked: root.editRequested()
        }
        IconButton {
            height: 28
            iconColor: Theme.danger
            iconName: "delete"
            objectName: "deleteButton"
            toolTip: qsTr("Delete")
            visible: root.own
            width: 28

            onClicked: root.deleteRequested()
        }
    }
}
