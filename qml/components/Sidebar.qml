// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! The conversation list: the member at the top with settings and "new conversation", a
//! filter field, then conversations by activity. Up/Down in the filter move the cursor,
//! Enter opens.
Rectangle {
    id: root

    //! The open conversation.
    property int currentConversationId: -1
    //! The filter as typed (bind to ConversationListModel.filterText).
    property alias filterText: filter.text
    readonly property alias listView: list

    //! ConversationListModel (or a ListModel with its roles), already filtered and sorted.
    property var model: null
    property color userColor: Theme.accent
    property string userInitials: userName.substring(0, 1)
    property string userName

    signal activated(int conversationId)
    signal filterEdited(string text)
    signal newConversationRequested
    signal settingsRequested

    function focusFilter() {
        filter.forceActiveFocus();
        filter.selectAll();
    }

    color: Theme.sidebar
    implicitWidth: Theme.sidebarWidth

    Timer {
        id: clock

        property date now: new Date()

        interval: 60000
        repeat: true
        running: true

        onTriggered: now = new Date()
    }
    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingL
            Layout.preferredHeight: Theme.headerHeight
            Layout.rightMargin: Theme.spacingS
            spacing: Theme.spacingS

            Avatar {
                color: root.userColor
                initials: root.userInitials
                size: 30
            }
            Text {
                Layout.fillWidth: true
                color: Theme.text
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.weight: Font.Bold
                objectName: "userName"
                text: root.userName
            }
            IconButton {
                iconName: "plus"
                objectName: "newConversationButton"
                toolTip: qsTr("New conversation")

                onClicked: root.newConversationRequested()
            }
            IconButton {
                iconName: "settings"
                iconSize: 17
                objectName: "settingsButton"
                toolTip: qsTr("Settings (Ctrl+,)")

                onClicked: root.settingsRequested()
            }
        }
        AppTextField {
            id: filter
            Accessible.name: qsTr("Filter conversations")
            Layout.bottomMargin: Theme.spacingS
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM
            leftPadding: 34
            objectName: "filterField"
            placeholderText: qsTr("Search conversations")

            Keys.onDownPressed: list.moveCursor(1)
            Keys.onEnterPressed: list.activateCurrent()
            Keys.onEscapePressed: event => {
                event.accepted = text !== "";
                if (text !== "") {
                    text = "";
                    root.filterEdited("");
                }
            }
            Keys.onReturnPressed: list.activateCurrent()
            Keys.onUpPressed: list.moveCursor(-1)
            onTextEdited: {
                root.filterEdited(text);
                list.currentIndex = list.count > 0 ? 0 : -1;
            }

            Icon {
                anchors.left: parent.left
                anchors.leftMargin: 11
                anchors.verticalCenter: parent.verticalCenter
                color: Theme.placeholder
                name: "search"
                size: 15
            }
        }
        ListView {
            id: list
            function activateCurrent() {
                if (currentItem)
                    root.activated((currentItem as ConversationDelegate).conversationId);
            }
            function moveCursor(delta) {
                if (count === 0)
                    return;
                currentIndex = Math.max(0, Math.min(count - 1, currentIndex + delta));
                positionViewAtIndex(currentIndex, ListView.Contain);
            }

            Layout.fillHeight: true
            Layout.fillWidth: true
            activeFocusOnTab: true
            boundsBehavior: Flickable.StopAtBounds
            clip: true
            currentIndex: -1
            keyNavigationEnabled: true
            model: root.model
            objectName: "conversationList"
            reuseItems: true
            spacing: 2

            ScrollBar.vertical: ScrollBar {
            }
            delegate: ConversationDelegate {
                required property int index
                required property var model

                avatarColor: model.avatarColor
                conversationId: model.conversationId
                current: ListView.isCurrentItem && (filter.activeFocus || ListView.view.activeFocus)
                draft: model.draft
                initials: model.initials
                kind: model.kind
                lastMessageSender: model.lastMessageSender
                lastMessageText: model.lastMessageText
                lastMessageTime: model.lastMessageTime
                membershipAlert: model.membershipAlert ?? ""
                muted: model.muted
                now: clock.now
                presence: model.presence
                selected: model.conversationId === root.currentConversationId
                selfName: root.userName
                title: model.title
                unreadCount: model.unreadCount
                width: ListView.view.width

                onClicked: {
                    ListView.view.currentIndex = index;
                    root.activated(conversationId);
                }
            }

            Keys.onEnterPressed: activateCurrent()
            Keys.onReturnPressed: activateCurrent()

            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.topMargin: Theme.spacingXl
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignHCenter
                text: filter.text !== "" ? qsTr("No conversation matches “%1”.").arg(filter.text) : qsTr("No conversations yet. Start one with +.")
                visible: list.count === 0
                width: parent.width - 2 * Theme.spacingXl
                wrapMode: Text.Wrap
            }
        }
    }
    Rectangle {
        anchors.right: parent.right
        color: Theme.border
        height: parent.height
        width: 1
    }
}
