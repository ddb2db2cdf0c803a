// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! The main window's content: Sidebar | header, timeline, typing line, composer | members.
//! Pure view: the open conversation arrives as properties, every action leaves as a signal.
Page {
    id: root

    property bool atEnd: false
    property color avatarColor: Theme.accent
    property bool canManageMembers: false
    property bool canPost: true
    readonly property alias composer: composer
    property string connectionState: "online"
    property int conversationId: -1
    property string conversationTitle
    property var conversations: null
    //! Accounts whose signed device lists conflicted (DeviceConflictBanner).
    property var deviceConflicts: []
    property string draft
    // The conversation the composer's text belongs to (set on switching, not bound).
    property int draftOwner: -1

    // The open conversation (App.current); hasConversation false shows the welcome pane.
    property bool hasConversation: false
    property string initials
    property string kind: "group"
    property bool loadingOlder: false
    property bool memberPanelVisible: true
    property var members: null
    //! "", "refused" or "fork" (ConversationController.membershipAlert).
    property string membershipAlert: ""
    property bool muted: false
    property string notificationLevel: "all"
    property string presence
    // why: narrow windows keep the timeline readable.
    readonly property bool roomForMembers: width >= 980
    readonly property alias sidebar: sidebar
    property string subtitle
    property var timeline: null
    readonly property alias timelineView: timelineView
    property string typingText
    property color userColor: Theme.accent
    property string userInitials: userName.substring(0, 1)

    // Session
    property string userName

    signal addMemberRequested(string userName)
    //! Show `userName`'s devices (a member row was clicked).
    signal contactDetailsRequested(string userName)
    signal conversationActivated(int conversationId)
    signal conversationSettingsRequested
    signal deviceConflictDismissed(string userName)
    signal directMessageRequested(string userName)
    //! Save `text` as the draft of conversation `conversationId`.
    signal draftEdited(int conversationId, string text)
    signal editLastRequested
    signal editSubmitted(int seq, string text)
    signal filterEdited(string text)
    signal leaveRequested
    signal linkActivated(string url)
    signal loadOlderRequested
    signal membershipAlertDismissed
    signal newConversationRequested
    signal reactionToggled(int seq, string emoji)
    signal removeMemberRequested(string userName)
    signal removeRequested(int seq)
    signal retryRequested(int row)
    signal sendRequested(string text)
    signal settingsRequested
    signal typingChanged(bool active)

    //! Start editing message `seq` in the composer (Up, or the hover action).
    function beginEdit(seq, text) {
        composer.beginEdit(seq, text);
    }
    function cancelEdit() {
        composer.cancelEdit();
    }
    function focusComposer() {
        composer.forceActiveFocus();
    }
    function restoreDraft() {
        composer.restoreDraft(root.draft);
    }

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
    palette.toolTipBase: Theme.raised
    palette.toolTipText: Theme.text
    palette.window: Theme.window
    palette.windowText: Theme.text

    background: Rectangle {
        color: Theme.window
    }

    Component.onCompleted: draftOwner = conversationId
    onConversationIdChanged: {
        // why: keep what was typed for the conversation being left, then show the new one's
        // draft once every property of the new conversation has arrived.
        composer.stopTyping();
        composer.cancelEdit();
        draftOwner = conversationId;
        Qt.callLater(restoreDraft); // qmllint disable type
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ConnectionBanner {
            Layout.fillWidth: true
            connectionState: root.connectionState
            objectName: "connectionBanner"
        }
        DeviceConflictBanner {
            Layout.fillWidth: true
            objectName: "deviceConflictBanner"
            users: root.deviceConflicts

            onDismissRequested: name => root.deviceConflictDismissed(name)
        }
        // why: anchors, not a RowLayout: Qt 6.4's layouts miss a pane that reappears while the
        // window is being resized.
        Item {
            Layout.fillHeight: true
            Layout.fillWidth: true

            Sidebar {
                id: sidebar
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                anchors.top: parent.top
                currentConversationId: root.hasConversation ? root.conversationId : -1
                model: root.conversations
                userColor: root.userColor
                userInitials: root.userInitials
                userName: root.userName
                width: root.width < 1000 ? 260 : Theme.sidebarWidth

                onActivated: id => root.conversationActivated(id)
                onFilterEdited: text => root.filterEdited(text)
                onNewConversationRequested: root.newConversationRequested()
                onSettingsRequested: root.settingsRequested()
            }
            ColumnLayout {
                anchors.bottom: parent.bottom
                anchors.left: sidebar.right
                anchors.right: memberPanel.left
                anchors.top: parent.top
                objectName: "conversationPane"
                spacing: 0
                visible: root.hasConversation

                ConversationHeader {
                    Layout.fillWidth: true
                    avatarColor: root.avatarColor
                    initials: root.initials
                    kind: root.kind
                    membersShown: root.memberPanelVisible
                    muted: root.muted
                    presence: root.presence
                    subtitle: root.subtitle
                    title: root.conversationTitle

                    onMembersToggled: root.memberPanelVisible = !root.memberPanelVisible
                    onSettingsRequested: root.conversationSettingsRequested()
                }
                MembershipAlertBanner {
                    Layout.fillWidth: true
                    alert: root.membershipAlert

                    onDismissed: root.membershipAlertDismissed()
                }
                TimelineView {
                    id: timelineView
                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    atEnd: root.atEnd
                    loadingOlder: root.loadingOlder
                    model: root.timeline
                    showReadBy: root.kind !== "dm"

                    onDeleteRequested: seq => deleteConfirm.ask(seq)
                    onEditRequested: (seq, text) => composer.beginEdit(seq, text)
                    onLinkActivated: url => root.linkActivated(url)
                    onLoadOlderRequested: root.loadOlderRequested()
                    onReactionToggled: (seq, emoji) => root.reactionToggled(seq, emoji)
                    onRetryRequested: row => root.retryRequested(row)
                }
                TypingIndicator {
                    Layout.fillWidth: true
                    text: root.typingText
                }
                Composer {
                    id: composer
                    Layout.fillWidth: true
                    canPost: root.canPost
                    conversationTitle: root.conversationTitle

                    onDraftEdited: text => root.draftEdited(root.draftOwner, text)
                    onEditLastRequested: root.editLastRequested()
                    onEditSubmitted: (seq, text) => root.editSubmitted(seq, text)
                    onSendRequested: text => {
                        timelineView.jumpToLatest();
                        root.sendRequested(text);
                    }
                    onTyping: active => root.typingChanged(active)
                }
            }
            Item {
                anchors.bottom: parent.bottom
                anchors.left: sidebar.right
                anchors.right: memberPanel.left
                anchors.top: parent.top
                objectName: "emptyPane"
                visible: !root.hasConversation

                Column {
                    anchors.centerIn: parent
                    spacing: Theme.spacingM
                    width: Math.min(parent.width - 2 * Theme.spacingXl, 360)

                    Text {
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.Bold
                        horizontalAlignment: Text.AlignHCenter
                        text: qsTr("Pick a conversation")
                        width: parent.width
                    }
                    Text {
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: Text.AlignHCenter
                        text: qsTr("Choose one on the left, press Ctrl+K to jump to any, or start a new one.")
                        width: parent.width
                        wrapMode: Text.Wrap
                    }
                    AppButton {
                        anchors.horizontalCenter: parent.horizontalCenter
                        text: qsTr("New conversation")

                        onClicked: root.newConversationRequested()
                    }
                }
            }
            MemberPanel {
                id: memberPanel

                readonly property bool shown: root.hasConversation && root.memberPanelVisible && root.kind !== "dm" && root.roomForMembers

                anchors.bottom: parent.bottom
                anchors.right: parent.right
                anchors.top: parent.top
                canManageMembers: root.canManageMembers
                model: root.members
                objectName: "memberPanel"
                visible: shown
                width: shown ? Theme.memberPanelWidth : 0

                onAddMemberRequested: name => root.addMemberRequested(name)
                onDetailsRequested: name => root.contactDetailsRequested(name)
                onDirectMessageRequested: name => root.directMessageRequested(name)
                onCloseRequested: root.memberPanelVisible = false
                onLeaveRequested: root.leaveRequested()
                onRemoveMemberRequested: name => root.removeMemberRequested(name)
            }
        }
    }
    ConfirmDialog {
        id: deleteConfirm

        property int seq: 0

        function ask(s) {
            seq = s;
            open();
        }

        confirmText: qsTr("Delete")
        text: qsTr("It will be removed for everyone in this conversation.")
        title: qsTr("Delete message?")

        onConfirmed: root.removeRequested(seq)
    }
}
