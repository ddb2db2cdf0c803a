// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! The conversation's messages over a TimelineModel (oldest first). Opens at the bottom and
//! follows new messages unless the member scrolled up; then "Jump to latest" counts what
//! arrived. Asks for older pages near the top. After a jump to a message (the model's
//! jumped(row)) it shows that message, highlighted, and asks for newer pages near the bottom
//! until the rows reach the newest again (`showsLatest`).
FocusScope {
    id: root

    //! The whole history is loaded (TimelineModel's `atStart`).
    property bool atEnd: false
    //! Shown when the conversation has no messages.
    property string emptyText: qsTr("No messages yet. Say hello!")

    //! The view follows new messages.
    readonly property bool following: list.follow
    readonly property alias listView: list
    //! An older page is being fetched.
    property bool loadingOlder: false
    //! A newer page is being fetched (after a jump).
    property bool loadingNewer: false

    //! TimelineModel (roles in app/README.md) or a ListModel with the same roles.
    property var model: null
    //! Own messages show "Read by N" (groups and channels).
    property bool showReadBy: false
    //! The rows reach the newest message (false after a jump into older history).
    property bool showsLatest: true
    //! The message a jump landed on last, highlighted for a moment.
    property int flashSeq: 0
    //! Messages that arrived while the member was scrolled up.
    readonly property int unseenCount: list.unseen

    signal deleteRequested(int seq)
    signal editRequested(int seq, string text)
    signal linkActivated(string url)
    //! The rows stop short of the newest: show the newest page (the model's showLatest()).
    signal latestRequested
    signal loadNewerRequested
    signal loadOlderRequested
    //! The newest message is on screen (for markRead()).
    signal reachedLatest
    signal reactionToggled(int seq, string emoji)
    signal retryRequested(int row)

    //! Scroll to the newest message and follow again.
    function jumpToLatest() {
        if (!root.showsLatest) {
            root.latestRequested();
            return;
        }
        list.follow = true;
        list.unseen = 0;
        list.positionViewAtEnd();
        root.reachedLatest();
    }

    ListView {
        id: list

        property bool follow: true
        property bool repositioning: false
        property int unseen: 0

        function stickToEnd() {
            if (!follow)
                return;
            repositioning = true;
            positionViewAtEnd();
            repositioning = false;
            // The newest message is on screen: it counts as read.
            if (count > 0)
                root.reachedLatest();
        }
        function verticalScrollBarActive() {
            return ScrollBar.vertical && ScrollBar.vertical.pressed;
        }

        activeFocusOnTab: true
        anchors.fill: parent
        boundsBehavior: Flickable.StopAtBounds
        cacheBuffer: 600
        clip: true
        focus: true
        keyNavigationEnabled: false
        model: root.model
        reuseItems: true

        ScrollBar.vertical: ScrollBar {
            policy: ScrollBar.AsNeeded
        }
        delegate: MessageDelegate {
            required property int index
            required property var model

            avatarColor: model.avatarColor
            daySeparator: model.daySeparator
            deleted: model.deleted
            deliveryState: model.state
            edited: model.edited
            highlighted: model.seq === root.flashSeq && root.flashSeq > 0 // qmllint disable unqualified
            eventKind: model.eventKind
            firstInGroup: model.firstInGroup
            firstUnread: model.firstUnread
            html: model.html
            initials: model.initials
            membershipTrust: model.membershipTrust ?? ""
            own: model.own
            reactions: model.reactions
            readByCount: model.readByCount
            senderName: model.senderName
            seq: model.seq
            showReadBy: root.showReadBy // qmllint disable unqualified
            text: model.text
            time: model.time
            width: ListView.view.width

            onDeleteRequested: seq => root.deleteRequested(seq)
            onEditRequested: (seq, text) => root.editRequested(seq, text)
            onLinkActivated: url => root.linkActivated(url)
            onReactionToggled: (seq, emoji) => root.reactionToggled(seq, emoji)
            onRetryRequested: root.retryRequested(index) // qmllint disable unqualified
        }
        footer: Item {
            height: Theme.spacingS
            width: list.width // qmllint disable unqualified
        }
        header: Item {
            height: root.atEnd || root.loadingOlder ? 48 : 8 // qmllint disable unqualified
            width: list.width // qmllint disable unqualified

            Text {
                anchors.centerIn: parent
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                text: root.loadingOlder ? qsTr("Loading earlier messages…") : qsTr("This is the beginning of the conversation. Messages are end-to-end encrypted.") // qmllint disable unqualified
                visible: root.atEnd || root.loadingOlder // qmllint disable unqualified
            }
        }

        Component.onCompleted: {
            positionViewAtEnd();
        }
        Keys.onPressed: event => {
            if (event.key === Qt.Key_PageUp) {
                follow = false;
                contentY = Math.max(originY, contentY - height * 0.9);
                event.accepted = true;
            } else if (event.key === Qt.Key_PageDown) {
                contentY = Math.min(originY + contentHeight - height, contentY + height * 0.9);
                event.accepted = true;
            } else if (event.key === Qt.Key_End && event.modifiers & Qt.ControlModifier) {
                root.jumpToLatest();
                event.accepted = true;
            }
        }
        onContentYChanged: {
            if (repositioning)
                return;
            const nearBottom = contentY + height >= originY + contentHeight - height;
            if (!root.showsLatest && !root.loadingNewer && count > 0 && nearBottom)
                root.loadNewerRequested();
            // why: the last row is not the newest after a jump: nothing to follow yet.
            const bottom = root.showsLatest && (atYEnd || contentY + height >= originY + contentHeight - 4);
            if (bottom !== follow && (moving || dragging || flicking || verticalScrollBarActive()))
                follow = bottom;
            else if (bottom && !follow)
                follow = true;
            if (follow && unseen > 0) {
                unseen = 0;
                root.reachedLatest();
            }
            if (!root.atEnd && !root.loadingOlder && count > 0 && contentY - originY < height)
                root.loadOlderRequested();
        }
        onCountChanged: {
            if (follow)
                Qt.callLater(stickToEnd); // qmllint disable type
        }
        // why: not on contentHeightChanged: the height of unseen rows is an estimate that moves
        // as delegates are created, and repositioning on it loops and cancels flicks.
        onHeightChanged: stickToEnd()
        onMovementEnded: follow = atYEnd && root.showsLatest

        // why: rows added at the end are new messages; rows added at 0 are an older page.
        Connections {
            function onJumped(row) {
                list.follow = false;
                root.flashSeq = 0;
                root.flashSeq = root.model.highlightSeq;
                // why: later: the rows of a reset are not laid out yet.
                Qt.callLater(() => { // qmllint disable type
                    list.repositioning = true;
                    list.positionViewAtIndex(row, ListView.Center);
                    list.repositioning = false;
                    // The message is on screen; if the newest is too, follow new ones again.
                    list.follow = root.showsLatest && list.atYEnd;
                });
            }
            function onModelReset() {
                list.unseen = 0;
                list.follow = root.showsLatest;
                Qt.callLater(list.stickToEnd); // qmllint disable type
            }
            function onRowsInserted(parent, first, last) {
                // Rows added at the end are new messages (also into an empty view); an older
                // page comes in at row 0 in front of the rows already shown.
                const rows = root.model.rowCount();
                const appended = last === rows - 1 && (first > 0 || rows === last + 1) && !root.loadingNewer;
                if (appended && !list.follow)
                    list.unseen += last - first + 1;
                if (appended && list.follow)
                    Qt.callLater(list.stickToEnd); // qmllint disable type
            }

            ignoreUnknownSignals: true
            target: root.model
        }
    }
    Text {
        anchors.centerIn: parent
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        text: root.emptyText
        visible: list.count === 0 && !root.loadingOlder
    }
    AbstractButton {
        id: jump
        Accessible.name: jumpLabel.text
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingL
        anchors.right: parent.right
        hoverEnabled: true
        implicitHeight: 36
        implicitWidth: jumpRow.implicitWidth + 2 * Theme.spacingM
        objectName: "jumpToLatest"
        visible: !list.follow && list.count > 0

        background: Rectangle {
            border.color: Theme.border
            color: jump.hovered ? Theme.hover : Theme.raised
            radius: height / 2
        }
        contentItem: Item {
            Row {
                id: jumpRow
                anchors.centerIn: parent
                spacing: Theme.spacingS

                Icon {
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.text
                    name: "down"
                    size: 14
                }
                Text {
                    id: jumpLabel
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                    text: list.unseen === 1 ? qsTr("1 new message") : list.unseen > 1 ? qsTr("%1 new messages").arg(list.unseen) : qsTr("Jump to latest")
                }
            }
        }

        onClicked: root.jumpToLatest()
    }
}
