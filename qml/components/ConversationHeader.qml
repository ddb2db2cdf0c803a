// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! Above the timeline: avatar, title, subtitle, and buttons for conversation settings and the
//! member panel.
Rectangle {
    id: root

    property color avatarColor: Theme.accent
    property string initials
    property string kind: "group"
    property bool membersShown: false
    property bool muted: false
    property string presence
    //! The search panel is open: the search button shows checked.
    property bool searchShown: false
    property string subtitle
    property string title

    signal membersToggled
    signal searchRequested
    signal settingsRequested

    color: Theme.window
    implicitHeight: Theme.headerHeight

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingM
        spacing: Theme.spacingM

        Avatar {
            color: root.avatarColor
            initials: root.initials
            presence: root.kind === "dm" ? root.presence : ""
            size: 32
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 1

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingXs

                Text {
                    Layout.fillWidth: true
                    color: Theme.text
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLarge
                    font.weight: Font.Bold
                    objectName: "headerTitle"
                    text: (root.kind === "channel" ? "# " : "") + root.title
                }
                Icon {
                    color: Theme.textMuted
                    name: "muted"
                    size: 13
                    visible: root.muted
                }
            }
            Text {
                Layout.fillWidth: true
                color: Theme.textMuted
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                objectName: "headerSubtitle"
                text: root.subtitle
                visible: root.subtitle !== ""
            }
        }
        IconButton {
            checked: root.searchShown
            iconName: "search"
            iconSize: 18
            objectName: "searchButton"
            toolTip: qsTr("Search in this conversation (Ctrl+F)")

            onClicked: root.searchRequested()
        }
        IconButton {
            iconName: "more"
            iconSize: 18
            objectName: "conversationSettingsButton"
            toolTip: qsTr("Conversation settings")

            onClicked: root.settingsRequested()
        }
        IconButton {
            checked: root.membersShown
            iconName: "members"
            iconSize: 18
            objectName: "membersButton"
            toolTip: root.membersShown ? qsTr("Hide members") : qsTr("Show members")
            visible: root.kind !== "dm"

            onClicked: root.membersToggled()
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        color: Theme.border
        height: 1
        width: parent.width
    }
}
