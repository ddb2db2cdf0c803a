// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Reaction chips under a message: emoji and count, one's own highlighted; a click toggles.
Flow {
    id: root

    //! list of {emoji, count, mine}.
    property var reactions: []

    signal toggled(string emoji)

    bottomPadding: 2
    spacing: Theme.spacingXs
    topPadding: 4

    Repeater {
        model: root.reactions

        AbstractButton {
            id: chip

            required property var modelData

            Accessible.name: qsTr("%1, %n reactions", "", modelData.count).arg(modelData.emoji)
            checked: modelData.mine
            hoverEnabled: true
            implicitHeight: 24
            implicitWidth: chipRow.implicitWidth + 16
            objectName: "reaction_" + modelData.emoji

            background: Rectangle {
                border.color: chip.checked ? Theme.reactionMineBorder : chip.hovered ? Theme.inputBorder : "transparent"
                border.width: 1
                color: chip.checked ? Theme.reactionMine : chip.hovered ? Theme.hover : Theme.sunken
                radius: height / 2
            }
            contentItem: Item {
                Row {
                    id: chipRow
                    anchors.centerIn: parent
                    spacing: 4

                    Text {
                        color: Theme.text
                        font.family: Theme.emojiFamily
                        font.pixelSize: Theme.fontBody
                        text: chip.modelData.emoji
                    }
                    Text {
                        color: chip.checked ? Theme.link : Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        text: chip.modelData.count
                    }
                }
            }

            onClicked: root.toggled(modelData.emoji)
        }
    }
}
