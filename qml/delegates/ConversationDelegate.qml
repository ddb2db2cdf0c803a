// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! One sidebar row: avatar (presence dot for DMs), title, time, one-line preview, unread badge
//! and muted icon. Roles of ConversationListModel arrive as properties.
AbstractButton {
    id: root

    property color avatarColor: Theme.accent
    property int conversationId: 0
    //! The keyboard cursor is on this row.
    property bool current: false
    property string draft
    property string initials
    property string kind: "group"
    property string lastMessageSender
    property string lastMessageText
    property var lastMessageTime
    //! "", "refused" or "fork": the conversation's membership warning.
    property string membershipAlert: ""
    property bool muted: false
    //! Reference time for the time label (the sidebar ticks it each minute).
    property date now: new Date()
    property string presence
    //! The open conversation.
    property bool selected: false
    //! For "You: " in previews.
    property string selfName
    property string title
    property int unreadCount: 0

    function escapeHtml(s) {
        return String(s).replace(/\s+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }

    Accessible.name: title + (unreadCount > 0 ? qsTr(", %n unread", "", unreadCount) : "")
    Accessible.role: Accessible.ListItem
    focusPolicy: Qt.NoFocus
    hoverEnabled: true
    implicitHeight: 64

    background: Rectangle {
        border.color: Theme.inputBorder
        border.width: root.current && !root.selected ? 1 : 0
        color: root.selected ? Theme.selected : root.hovered || root.current ? Theme.hover : "transparent"
        height: root.height
        radius: Theme.radiusM
        width: root.width - 2 * Theme.spacingS
        x: Theme.spacingS
    }
    contentItem: RowLayout {
        spacing: Theme.spacingM

        Avatar {
            Layout.leftMargin: Theme.spacingS + Theme.spacingS
            color: root.avatarColor
            initials: root.initials
            presence: root.kind === "dm" ? root.presence : ""
            ringColor: root.selected ? Theme.selected : root.hovered || root.current ? Theme.hover : Theme.sidebar
            size: 40
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.rightMargin: Theme.spacingL
            spacing: 3

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingXs

                Text {
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLarge
                    font.weight: Font.DemiBold
                    objectName: "kindMark"
                    text: "#"
                    visible: root.kind === "channel"
                }
                Text {
                    Layout.fillWidth: true
                    color: Theme.text
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLarge - 1
                    font.weight: root.unreadCount > 0 && !root.muted ? Font.Bold : Font.DemiBold
                    objectName: "title"
                    text: root.title
                }
                Icon {
                    color: Theme.warningText
                    name: "warning"
                    objectName: "membershipAlertIcon"
                    size: 13
                    visible: root.membershipAlert !== ""
                }
                Icon {
                    color: Theme.textMuted
                    name: "muted"
                    objectName: "mutedIcon"
                    size: 13
                    visible: root.muted
                }
                Text {
                    color: root.unreadCount > 0 && !root.muted ? Theme.link : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTiny
                    objectName: "time"
                    text: Format.shortTime(root.lastMessageTime, root.now)
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS

                Text {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    maximumLineCount: 1
                    objectName: "preview"
                    text: root.draft !== "" ? "<font color=\"" + Theme.danger + "\">" + qsTr("Draft:") + "</font> " + root.escapeHtml(root.draft) : root.escapeHtml(Format.preview(root.kind, root.lastMessageSender, root.lastMessageText, root.selfName))
                    textFormat: Text.StyledText
                }
                Badge {
                    count: root.unreadCount
                    muted: root.muted
                    objectName: "badge"
                }
            }
        }
    }
}
