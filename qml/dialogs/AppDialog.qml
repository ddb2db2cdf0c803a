// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! Modal card with a title and close button, centred over the window; content goes in
//! `default`.
Popup {
    id: root

    default property alias content: body.data
    property string title

    anchors.centerIn: Overlay.overlay
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    focus: true
    modal: true
    padding: Theme.spacingXl
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
    palette.window: Theme.raised
    palette.windowText: Theme.text
    width: Math.min(480, (parent ? parent.width : 480) - 2 * Theme.spacingXl)

    Overlay.modal: Rectangle {
        color: Theme.overlay
    }
    background: Rectangle {
        border.color: Theme.border
        color: Theme.raised
        radius: Theme.radiusL
    }
    contentItem: ColumnLayout {
        spacing: Theme.spacingL

        RowLayout {
            Layout.fillWidth: true

            Text {
                Layout.fillWidth: true
                color: Theme.text
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.weight: Font.Bold
                text: root.title
            }
            IconButton {
                iconName: "close"
                iconSize: 13
                toolTip: qsTr("Close")

                onClicked: root.close()
            }
        }
        ColumnLayout {
            id: body
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingM
        }
    }
    enter: Transition {
        NumberAnimation {
            duration: 120
            from: 0
            property: "opacity"
            to: 1
        }
    }
}
