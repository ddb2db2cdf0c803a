// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! One timeline row (roles of TimelineModel as properties): optional day separator and
//! "New messages" divider, then a membership line or a message with avatar and name on the
//! first of a group, rich text, edited / deleted / undecryptable states, own message state,
//! reactions and hover actions. Kept light: rare parts are Loaders.
Item {
    id: root

    property color avatarColor: Theme.accent
    readonly property string bodyHtml: {
        if (deleted)
            return "<i>" + qsTr("This message was deleted") + "</i>";
        if (isUndecryptable)
            return "<i>" + qsTr("Waiting for this message's key…") + "</i>";
        const marker = edited ? " <span style=\"font-size:small; color:" + Theme.textMuted + "\">" + qsTr("(edited)") + "</span>" : "";
        const body = html !== "" ? html : "<p>" + escapeHtml(text).replace(/\n/g, "<br>") + "</p>";
        const end = body.lastIndexOf("</p>");
        return root.richStyle + (end >= 0 && end === body.length - 4 ? body.substring(0, end) + marker + "</p>" : body + marker);
    }
    readonly property bool canAct: !isMembership && !isUndecryptable && !deleted && seq > 0
    property string daySeparator
    property bool deleted: false
    //! Own messages: "pending", "sending", "failed", "sent", "read" (the model's `state` role).
    property string deliveryState: ""
    property bool edited: false
    property string eventKind: "message"
    property bool firstInGroup: true
    property bool firstUnread: false
    //! The message a jump landed on: flashes its background for a moment.
    property bool highlighted: false
    readonly property bool hovered: hover.hovered
    property string html
    property string initials
    readonly property bool isMembership: eventKind === "membership"
    readonly property bool isUndecryptable: eventKind === "undecryptable"
    //! Membership lines: "signed", "relay", "refused" or "" (the model's `membershipTrust`).
    property string membershipTrust: ""
    property bool own: false
    //! Emoji offered by the react button.
    property var quickReactions: ["\u2764", "\u263A", "\uD83D\uDE02", "\uD83D\uDE2E", "\uD83D\uDE22", "\u2714"]
    readonly property var reactionList: toArray(reactions)
    property var reactions: []
    property int readByCount: 0
    // why: Text.linkColor does not apply to RichText; links and code are styled with CSS.
    readonly property string richStyle: "<style>a { color: " + Theme.link + "; } code, pre { font-family: '" + Theme.monoFamily + "'; background-color: " + Theme.codeBackground + "; }</style>"
    property string senderName
    property int seq: 0
    //! The conversation is a group or channel: own messages say "Read by N".
    property bool showReadBy: false
    property string text
    property var time

    signal deleteRequested(int seq)
    signal editRequested(int seq, string text)
    signal linkActivated(string url)
    signal reactionToggled(int seq, string emoji)
    signal retryRequested

    function escapeHtml(s) {
        return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }

    // why: C++ gives a list of maps, a ListModel fixture gives a nested model; use one shape.
    function toArray(r) {
        if (!r)
            return [];
        if (r.count !== undefined && typeof r.get === "function") {
            const out = [];
            for (let i = 0; i < r.count; ++i)
                out.push(r.get(i));
            return out;
        }
        return r;
    }

    height: implicitHeight
    implicitHeight: column.implicitHeight

    onHighlightedChanged: {
        if (highlighted)
            flash.restart();
    }
    Component.onCompleted: {
        if (highlighted)
            flash.restart();
    }

    HoverHandler {
        id: hover
    }
    Rectangle {
        id: highlight
        anchors.fill: parent
        color: Theme.warningSoft
        objectName: "jumpHighlight"
        opacity: 0

        SequentialAnimation {
            id: flash
            PropertyAction {
                property: "opacity"
                target: highlight
                value: 1
            }
            PauseAnimation {
                duration: 1600
            }
            NumberAnimation {
                duration: 1200
                property: "opacity"
                target: highlight
                to: 0
            }
        }
    }
    Column {
        id: column
        width: parent.width

        Loader {
            active: root.daySeparator !== ""
            objectName: "daySeparator"
            visible: active
            width: parent.width

            sourceComponent: Item {
                implicitHeight: 44

                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.divider
                    height: 1
                    width: parent.width - 2 * Theme.spacingL
                    x: Theme.spacingL
                }
                Rectangle {
                    anchors.centerIn: parent
                    border.color: Theme.border
                    color: Theme.window
                    height: dayLabel.implicitHeight + 8
                    radius: height / 2
                    width: dayLabel.implicitWidth + 2 * Theme.spacingM

                    Text {
                        id: dayLabel
                        anchors.centerIn: parent
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        text: root.daySeparator // qmllint disable unqualified
                    }
                }
            }
        }
        Loader {
            active: root.firstUnread
            objectName: "unreadDivider"
            visible: active
            width: parent.width

            sourceComponent: Item {
                implicitHeight: 28

                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.newMessages
                    height: 1
                    width: parent.width - 2 * Theme.spacingL - newLabel.width - Theme.spacingS
                    x: Theme.spacingL
                }
                Text {
                    id: newLabel
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.spacingL
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.newMessages
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTiny
                    font.weight: Font.Bold
                    text: qsTr("New messages")
                }
            }
        }
        Loader {
            active: root.isMembership
            objectName: "membershipLine"
            visible: active
            width: parent.width

            sourceComponent: Item {
                readonly property bool refused: root.membershipTrust === "refused" // qmllint disable unqualified

                implicitHeight: line.implicitHeight + (refused ? 2 * Theme.spacingS : 0)

                Rectangle {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacingXl
                    anchors.rightMargin: Theme.spacingXl
                    color: Theme.warningSoft
                    radius: Theme.radiusS
                    visible: parent.refused
                }
                Text {
                    id: line
                    anchors.verticalCenter: parent.verticalCenter
                    bottomPadding: Theme.spacingS
                    color: parent.refused ? Theme.warningText : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.italic: root.membershipTrust === "relay" // qmllint disable unqualified
                    font.pixelSize: Theme.fontSmall
                    horizontalAlignment: Text.AlignHCenter
                    leftPadding: Theme.spacingXl + (parent.refused ? Theme.spacingM : 0)
                    objectName: "membershipText"
                    rightPadding: leftPadding
                    text: (parent.refused ? "\u26A0 " : "") + root.text // qmllint disable unqualified
                    topPadding: Theme.spacingS
                    width: parent.width
                    wrapMode: Text.Wrap
                }
            }
        }
        Item {
            id: message
            height: visible ? Math.max(content.y + content.height, root.firstInGroup ? 44 : 0) + 3 : 0
            visible: !root.isMembership
            width: parent.width

            Rectangle {
                anchors.fill: parent
                color: root.hovered ? Theme.hover : "transparent"
                opacity: 0.55
            }
            Avatar {
                color: root.avatarColor
                initials: root.initials
                objectName: "avatar"
                visible: root.firstInGroup
                x: Theme.spacingL
                y: 8
            }
            Text {
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTiny
                horizontalAlignment: Text.AlignHCenter
                objectName: "hoverTime"
                text: Format.clock(root.time)
                visible: !root.firstInGroup && root.hovered
                width: 68
                x: 0
                y: content.y + 3
            }
            Column {
                id: content
                spacing: 2
                width: parent.width - x - statusBox.width - Theme.spacingL
                x: 68
                y: root.firstInGroup ? 6 : 2

                Row {
                    objectName: "header"
                    spacing: Theme.spacingS
                    visible: root.firstInGroup

                    Text {
                        color: root.own ? Theme.link : Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.Bold
                        objectName: "senderName"
                        text: root.senderName
                    }
                    Text {
                        anchors.baseline: parent.children[0].baseline
                        color: Theme.textMuted
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontTiny
                        text: Format.clock(root.time)
                    }
                }
                Text {
                    color: root.deleted || root.isUndecryptable ? Theme.textMuted : root.deliveryState === "pending" || root.deliveryState === "sending" ? Theme.textSecondary : Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    lineHeight: 1.1
                    linkColor: Theme.link
                    objectName: "body"
                    text: root.bodyHtml
                    textFormat: Text.RichText
                    width: parent.width
                    wrapMode: Text.Wrap

                    onLinkActivated: url => root.linkActivated(url)

                    HoverHandler {
                        cursorShape: Qt.PointingHandCursor
                        enabled: parent.hoveredLink !== ""
                    }
                }
                Loader {
                    active: root.own && root.deliveryState === "failed"
                    objectName: "failedNotice"
                    visible: active

                    sourceComponent: Row {
                        spacing: Theme.spacingS

                        Text {
                            color: Theme.danger
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            text: qsTr("Not sent.")
                        }
                        Text {
                            color: Theme.link
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            font.underline: retryArea.containsMouse
                            font.weight: Font.DemiBold
                            objectName: "retryButton"
                            text: qsTr("Retry")

                            MouseArea {
                                id: retryArea
                                anchors.fill: parent
                                cursorShape: Qt.PointingHandCursor
                                hoverEnabled: true

                                onClicked: root.retryRequested() // qmllint disable unqualified
                            }
                        }
                    }
                }
                Loader {
                    active: root.reactionList.length > 0 && !root.deleted
                    objectName: "reactions"
                    visible: active
                    width: parent.width

                    sourceComponent: ReactionRow {
                        reactions: root.reactionList // qmllint disable unqualified

                        onToggled: emoji => root.reactionToggled(root.seq, emoji)
                    }
                }
            }
            Row {
                id: statusBox
                anchors.right: parent.right
                anchors.rightMargin: Theme.spacingL
                objectName: "status"
                spacing: 4
                visible: root.own && !root.deleted
                width: root.own ? Math.max(24, implicitWidth) : 0
                y: content.y + content.height - height - (root.reactionList.length > 0 ? 28 : 0)

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTiny
                    objectName: "readBy"
                    text: qsTr("Read by %1").arg(root.readByCount)
                    visible: root.showReadBy && root.deliveryState === "read" && root.readByCount > 0
                }
                Text {
                    readonly property string shown: root.deliveryState

                    Accessible.name: root.deliveryState === "pending" || root.deliveryState === "sending" ? qsTr("Sending") : root.deliveryState === "sent" ? qsTr("Sent") : root.deliveryState === "read" ? qsTr("Read") : root.deliveryState === "failed" ? qsTr("Not sent") : ""
                    color: root.deliveryState === "failed" ? Theme.danger : root.deliveryState === "read" ? Theme.link : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.letterSpacing: root.deliveryState === "read" ? -4 : 0
                    font.pixelSize: Theme.fontSmall
                    font.weight: root.deliveryState === "failed" ? Font.Bold : Font.Normal
                    objectName: "stateIcon"
                    text: root.deliveryState === "pending" || root.deliveryState === "sending" ? "\u25F7" : root.deliveryState === "sent" ? "\u2713" : root.deliveryState === "read" ? "\u2713\u2713" : root.deliveryState === "failed" ? "!" : ""
                }
            }
            Loader {
                active: root.hovered && root.canAct
                anchors.right: parent.right
                anchors.rightMargin: Theme.spacingXl
                objectName: "hoverActions"
                y: -Math.min(12, message.y + 4)
                z: 2

                sourceComponent: MessageActions {
                    own: root.own // qmllint disable unqualified
                    quickReactions: root.quickReactions // qmllint disable unqualified

                    onDeleteRequested: root.deleteRequested(root.seq) // qmllint disable unqualified
                    onEditRequested: root.editRequested(root.seq, root.text) // qmllint disable unqualified
                    onReact: emoji => root.reactionToggled(root.seq, emoji)
                }
            }
        }
    }
}
