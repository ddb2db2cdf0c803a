// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! One member row: avatar with presence, name ("you"), role (or "Devices changed" when the
//! member's signed devices changed since they were last looked at); a remove button on hover
//! for those who manage members. Clicking the row asks for the member's details.
ItemDelegate {
    id: root

    property color avatarColor: Theme.accent
    property bool canManage: false
    property bool devicesChanged: false
    property string initials
    property bool isSelf: false
    property string presence: "offline"
    property string role: "member"
    property string userName

    signal detailsRequested(string userName)
    signal messageRequested(string userName)
    signal removeRequested(string userName)

    focusPolicy: Qt.NoFocus
    hoverEnabled: true
    implicitHeight: 48

    background: Rectangle {
        color: root.hovered ? Theme.hover : "transparent"
        height: root.height
        radius: Theme.radiusM
        width: root.width - 2 * Theme.spacingS
        x: Theme.spacingS
    }
    contentItem: RowLayout {
        spacing: Theme.spacingM

        Avatar {
            Layout.leftMargin: Theme.spacingS
            color: root.avatarColor
            initials: root.initials
            presence: root.presence
            ringColor: root.hovered ? Theme.hover : Theme.sidebar
            size: 32
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 1

            Text {
                Layout.fillWidth: true
                color: Theme.text
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                text: root.isSelf ? qsTr("%1 (you)").arg(root.userName) : root.userName
            }
            Text {
                Layout.fillWidth: true
                color: Theme.warningText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTiny
                font.weight: Font.DemiBold
                objectName: "devicesChangedNote"
                text: qsTr("Devices changed")
                visible: root.devicesChanged
            }
            Text {
                Layout.fillWidth: true
                color: root.role === "member" ? Theme.textMuted : Theme.link
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTiny
                text: root.role === "owner" ? qsTr("Owner") : root.role === "admin" ? qsTr("Admin") : root.presence === "online" ? qsTr("Online") : root.presence === "away" ? qsTr("Away") : qsTr("Offline")
                visible: !root.devicesChanged
            }
        }
        IconButton {
            iconName: "message"
            iconSize: 13
            objectName: "messageButton"
            toolTip: qsTr("Message %1").arg(root.userName)
            visible: !root.isSelf && root.hovered

            onClicked: root.messageRequested(root.userName)
        }
        IconButton {
            Layout.rightMargin: Theme.spacingS
            iconName: "close"
            iconSize: 12
            objectName: "removeButton"
            toolTip: qsTr("Remove %1").arg(root.userName)
            visible: root.canManage && !root.isSelf && root.hovered

            onClicked: root.removeRequested(root.userName)
        }
    }

    onClicked: root.detailsRequested(root.userName)
}
