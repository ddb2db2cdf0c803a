// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! The centred card of the first-run and unlock pages: brand mark, title, subtitle, content.
Page {
    id: root

    property int cardWidth: 480
    default property alias content: body.data
    property string heading
    property string subheading

    palette.base: Theme.inputBackground
    palette.button: Theme.raised
    palette.buttonText: Theme.text
    palette.dark: Theme.textSecondary
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.light: Theme.raised
    palette.mid: Theme.inputBorder
    palette.midlight: Theme.hover
    palette.text: Theme.text
    palette.window: Theme.window
    palette.windowText: Theme.text

    background: Rectangle {
        color: Theme.sidebar
    }

    Flickable {
        anchors.fill: parent
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        contentHeight: Math.max(height, card.height + 2 * Theme.spacingXl)
        contentWidth: width

        Rectangle {
            id: card
            anchors.centerIn: parent
            border.color: Theme.border
            color: Theme.raised
            height: cardColumn.implicitHeight + 2 * Theme.spacingXl + 8
            radius: Theme.radiusL
            width: Math.min(root.cardWidth, parent.width - 2 * Theme.spacingXl)

            Column {
                id: cardColumn
                spacing: Theme.spacingS
                width: parent.width - 2 * (Theme.spacingXl + 8)
                x: Theme.spacingXl + 8
                y: Theme.spacingXl + 4

                Row {
                    spacing: Theme.spacingM
                    width: parent.width

                    Rectangle {
                        color: Theme.accent
                        height: 36
                        radius: 10
                        width: 36

                        Text {
                            anchors.centerIn: parent
                            color: Theme.accentText
                            font.family: Theme.fontFamily
                            font.pixelSize: 20
                            font.weight: Font.Bold
                            text: "H"
                        }
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        color: Theme.text
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontDisplay - 4
                        font.weight: Font.Bold
                        text: root.heading
                        width: parent.width - 36 - parent.spacing
                    }
                }
                Text {
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    lineHeight: 1.2
                    text: root.subheading
                    visible: text !== ""
                    width: parent.width
                    wrapMode: Text.Wrap
                }
                Item {
                    height: Theme.spacingS
                    width: 1
                }
                Column {
                    id: body
                    spacing: Theme.spacingM
                    width: parent.width
                }
            }
        }
    }
}
