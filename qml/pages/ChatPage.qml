// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! The main window's content: Sidebar | header, timeline, typing line, composer | members or
//! search.
//! A view over two objects (app/README.md): `conversation`, the open one (App.current: its
//! properties are shown and its functions called for every action in it), and `session`, the
//! signed-in account (App). Tests pass plain QtObjects with the same names. Signals leave only
//! for what the window owns: its dialogs.
Page {
    id: root

    readonly property alias composer: composer
    //! The open conversation, or null (the welcome pane).
    property var conversation: null
    readonly property int conversationId: conversation ? conversation.conversationId : -1
    readonly property string conversationTitle: conversation ? conversation.title : ""
    // The conversation the composer's text belongs to (set on switching, not bound).
    property var draftOwner: null
    readonly property bool hasConversation: conversation !== null
    readonly property string kind: conversation ? conversation.kind : "group"
    property bool memberPanelVisible: true
    //! The search panel is open (in place of the members).
    property bool searchVisible: false
    readonly property alias searchPanel: searchPanel
    // why: narrow windows keep the timeline readable.
    readonly property bool roomForMembers: width >= 980
    //! The signed-in account: userName, userColor, userInitials, connectionState,
    //! conversations (the sidebar's model), deviceTrust.conflicts; openConversation(),
    //! startDirectMessage(), deviceTrust.dismissConflict().
    property var session: null
    readonly property alias sidebar: sidebar
    readonly property var timeline: conversation ? conversation.timeline : null
    readonly property alias timelineView: timelineView

    //! Show `userName`'s devices (a member row was clicked).
    signal contactDetailsRequested(string userName)
    signal conversationSettingsRequested
    signal newConversationRequested
    signal settingsRequested

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
        composer.restoreDraft(conversation ? conversation.draft : "");
    }
    //! Opens the search panel over this conversation, or `everywhere`.
    function openSearch(everywhere) {
        if (!session)
            return;
        session.search.scope = everywhere || !hasConversation ? 0 : conversationId;
        searchVisible = true;
        searchPanel.focusField();
    }
    function closeSearch() {
        searchVisible = false;
        if (hasConversation)
            composer.forceActiveFocus();
    }
    //! Up in an empty composer: edit this account's last message.
    function editLast() {
        const last = conversation ? conversation.lastOwnMessage() : null;
        if (last && last.seq > 0)
            beginEdit(last.seq, last.text);
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

    Component.onCompleted: draftOwner = conversation
    onConversationChanged: {
        // why: keep what was typed for the conversation being left (its object outlives the
        // switch), then show the new one's draft once all of it has arrived.
        composer.stopTyping();
        composer.cancelEdit();
        draftOwner = conversation;
        Qt.callLater(restoreDraft); // qmllint disable type
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ConnectionBanner {
            Layout.fillWidth: true
            connectionState: root.session ? root.session.connectionState : "online"
            objectName: "connectionBanner"
        }
        DeviceConflictBanner {
            Layout.fillWidth: true
            objectName: "deviceConflictBanner"
            users: root.session ? root.session.deviceTrust.conflicts : []

            onDismissRequested: name => root.session.deviceTrust.dismissConflict(name)
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
                model: root.session ? root.session.conversations : null
                userColor: root.session ? root.session.userColor : Theme.accent
                userInitials: root.session ? root.session.userInitials : ""
                userName: root.session ? root.session.userName : ""
                width: root.width < 1000 ? 260 : Theme.sidebarWidth

                onActivated: id => root.session.openConversation(id)
                onFilterEdited: text => root.session.conversations.filterText = text
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
                    avatarColor: root.conversation ? root.conversation.avatarColor : Theme.accent
                    initials: root.conversation ? root.conversation.initials : ""
                    kind: root.kind
                    membersShown: root.memberPanelVisible && !root.searchVisible
                    searchShown: root.searchVisible
                    muted: root.conversation ? root.conversation.muted : false
                    presence: root.conversation ? root.conversation.presence : ""
                    subtitle: root.conversation ? root.conversation.subtitle : ""
                    title: root.conversationTitle

                    onMembersToggled: {
                        root.searchVisible = false;
                        root.memberPanelVisible = !root.memberPanelVisible;
                    }
                    onSearchRequested: root.openSearch(false)
                    onSettingsRequested: root.conversationSettingsRequested()
                }
                MembershipAlertBanner {
                    Layout.fillWidth: true
                    alert: root.conversation ? root.conversation.membershipAlert : ""

                    onDismissed: root.conversation.dismissMembershipAlert()
                }
                TimelineView {
                    id: timelineView
                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    atEnd: root.timeline ? root.timeline.atStart === true : false
                    loadingNewer: root.timeline ? root.timeline.loadingNewer === true : false
                    loadingOlder: root.timeline ? root.timeline.loadingOlder === true : false
                    model: root.timeline
                    showReadBy: root.kind !== "dm"
                    showsLatest: root.timeline ? root.timeline.showsLatest !== false : true

                    onDeleteRequested: seq => deleteConfirm.ask(seq)
                    onEditRequested: (seq, text) => composer.beginEdit(seq, text)
                    onLinkActivated: url => {
                        if (Theme.isWebLink(url))
                            Qt.openUrlExternally(url);
                    }
                    onLatestRequested: root.conversation.showLatest()
                    onLoadNewerRequested: root.conversation.loadNewer()
                    onLoadOlderRequested: root.conversation.loadOlder()
                    onReactionToggled: (seq, emoji) => root.conversation.react(seq, emoji)
                    onRetryRequested: row => root.conversation.retry(row)
                }
                TypingIndicator {
                    Layout.fillWidth: true
                    text: root.conversation ? root.conversation.typingText : ""
                }
                Composer {
                    id: composer
                    Layout.fillWidth: true
                    canPost: root.conversation ? root.conversation.canPost : false
                    conversationTitle: root.conversationTitle

                    onDraftEdited: text => {
                        if (root.draftOwner)
                            root.draftOwner.draft = text;
                    }
                    onEditLastRequested: root.editLast()
                    onEditSubmitted: (seq, text) => root.conversation.edit(seq, text)
                    onSendRequested: text => {
                        timelineView.jumpToLatest();
                        root.conversation.send(text);
                    }
                    onTyping: active => {
                        if (root.draftOwner)
                            root.draftOwner.setTyping(active);
                    }
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

                readonly property bool shown: root.hasConversation && root.memberPanelVisible && root.kind !== "dm" && root.roomForMembers && !root.searchVisible

                anchors.bottom: parent.bottom
                anchors.right: searchPanel.left
                anchors.top: parent.top
                canManageMembers: root.conversation ? root.conversation.canManageMembers : false
                model: root.conversation ? root.conversation.members : null
                objectName: "memberPanel"
                visible: shown
                width: shown ? Theme.memberPanelWidth : 0

                onAddMemberRequested: name => root.conversation.addMember(name)
                onDetailsRequested: name => root.contactDetailsRequested(name)
                onDirectMessageRequested: name => root.session.startDirectMessage(name)
                onCloseRequested: root.memberPanelVisible = false
                onLeaveRequested: root.conversation.leave()
                onRemoveMemberRequested: name => root.conversation.removeMember(name)
            }
            SearchPanel {
                id: searchPanel

                readonly property var search: root.session ? root.session.search : null

                anchors.bottom: parent.bottom
                anchors.right: parent.right
                anchors.top: parent.top
                busy: search ? search.busy : false
                canLoadMore: search ? search.canLoadMore : false
                chips: search ? search.chips : []
                objectName: "searchPanel"
                query: search ? search.query : ""
                relevance: search ? search.relevance : false
                results: search
                scopeTitle: search ? search.scopeTitle : ""
                statusText: search ? search.statusText : ""
                visible: root.searchVisible
                width: visible ? Math.min(implicitWidth, root.width * 0.4) : 0

                onChipRemoved: index => search.removeChip(index)
                onCloseRequested: root.closeSearch()
                onFilterAdded: filter => search.addFilter(filter)
                onJumpToDateRequested: jumpToDate.open()
                onLoadMoreRequested: search.loadMore()
                onQueryEdited: text => search.query = text
                onRelevanceToggled: on => search.relevance = on
                onResultActivated: (conversationId, seq) => root.session.openConversationAt(conversationId, seq)
                onScopeCleared: search.scope = 0
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

        onConfirmed: root.conversation.remove(seq)
    }
    JumpToDateDialog {
        id: jumpToDate

        onDateChosen: day => root.conversation.jumpToDate(day)
    }
}
