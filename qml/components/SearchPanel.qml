// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! Message search beside the timeline: a field for words, "phrases" and operators (from:,
//! in:, before:, after:, on:, has:link, mentions:, in:thread), the operators as removable
//! chips, suggestions, newest/relevant order, and the hits (grouped by conversation when
//! searching everywhere). Up/Down pick a hit, Enter opens it at that message.
Rectangle {
    id: root

    property bool busy: false
    property bool canLoadMore: false
    //! The query's operators: [{text, understood}].
    property var chips: []
    readonly property alias field: field
    readonly property alias listView: list
    //! The text in the field (SearchModel.query).
    property string query: ""
    property bool relevance: false
    //! SearchModel (or a ListModel with its roles).
    property var results: null
    //! The conversation searched, "" when searching everywhere.
    property string scopeTitle: ""
    property string statusText: ""

    signal chipRemoved(int index)
    signal closeRequested
    signal filterAdded(string filter)
    //! "Jump to date" in the conversation searched.
    signal jumpToDateRequested
    signal loadMoreRequested
    signal queryEdited(string text)
    signal relevanceToggled(bool relevance)
    signal resultActivated(int conversationId, int seq)
    signal scopeCleared

    function focusField() {
        field.forceActiveFocus();
        field.selectAll();
    }
    function activate(row) {
        const hit = root.results && row >= 0 && row < list.count ? root.results.hitAt(row) : null;
        if (hit)
            root.resultActivated(hit.conversationId, hit.seq);
    }

    color: Theme.sidebar
    implicitWidth: 380

    onQueryChanged: {
        if (field.text !== query)
            field.text = query;
    }

    Rectangle {
        color: Theme.border
        height: parent.height
        width: 1
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: 1
        spacing: Theme.spacingS

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingL
            Layout.preferredHeight: Theme.headerHeight
            Layout.rightMargin: Theme.spacingS
            spacing: Theme.spacingS

            Text {
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.weight: Font.Bold
                text: qsTr("Search")
            }
            FilterChip {
                Layout.fillWidth: false
                Layout.maximumWidth: 200
                objectName: "scopeChip"
                removable: true
                text: root.scopeTitle !== "" ? qsTr("in %1").arg(root.scopeTitle) : ""
                visible: root.scopeTitle !== ""

                onRemoveRequested: root.scopeCleared()
            }
            Text {
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                text: qsTr("everywhere")
                visible: root.scopeTitle === ""
            }
            Item {
                Layout.fillWidth: true
            }
            IconButton {
                iconName: "calendar"
                iconSize: 16
                objectName: "jumpToDate"
                toolTip: qsTr("Jump to date")
                visible: root.scopeTitle !== ""

                onClicked: root.jumpToDateRequested()
            }
            IconButton {
                iconName: "close"
                iconSize: 13
                objectName: "closeSearch"
                toolTip: qsTr("Close search (Esc)")

                onClicked: root.closeRequested()
            }
        }
        AppTextField {
            id: field
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM
            Accessible.name: qsTr("Search messages")
            objectName: "searchField"
            placeholderText: qsTr("Search messages, or from:name has:link …")

            Keys.onDownPressed: list.currentIndex = Math.min(list.currentIndex + 1, list.count - 1)
            Keys.onEscapePressed: root.closeRequested()
            Keys.onUpPressed: list.currentIndex = Math.max(list.currentIndex - 1, 0)
            onAccepted: root.activate(Math.max(list.currentIndex, 0))
            onTextEdited: root.queryEdited(text)
        }
        Flow {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM
            objectName: "chips"
            spacing: Theme.spacingXs
            visible: root.chips.length > 0

            Repeater {
                model: root.chips

                FilterChip {
                    required property int index
                    required property var modelData

                    problem: !modelData.understood
                    removable: true
                    text: modelData.text

                    onRemoveRequested: root.chipRemoved(index)
                }
            }
        }
        Flow {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM
            objectName: "suggestions"
            spacing: Theme.spacingXs

            Repeater {
                model: [
                    {
                        label: qsTr("From…"),
                        filter: "from:"
                    },
                    {
                        label: qsTr("Has link"),
                        filter: "has:link"
                    },
                    {
                        label: qsTr("Mentions me"),
                        filter: "mentions:me"
                    },
                    {
                        label: qsTr("In threads"),
                        filter: "in:thread"
                    },
                    {
                        label: qsTr("Today"),
                        filter: "on:today"
                    }
                ]

                FilterChip {
                    required property var modelData

                    text: modelData.label
                    visible: root.query.indexOf(modelData.filter) < 0

                    onClicked: {
                        root.filterAdded(modelData.filter);
                        field.forceActiveFocus();
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM

            Text {
                Layout.fillWidth: true
                color: root.statusText !== "" && root.results && root.results.count === 0 && root.chips.some(c => !c.understood) ? Theme.danger : Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                objectName: "searchStatus"
                text: root.busy ? qsTr("Searching…") : root.statusText
                wrapMode: Text.Wrap
            }
            SegmentedControl {
                Layout.preferredWidth: 168
                currentIndex: root.relevance ? 1 : 0
                implicitHeight: 30
                objectName: "searchOrder"
                options: [qsTr("Newest"), qsTr("Relevant")]

                onActivated: index => root.relevanceToggled(index === 1)
            }
        }
        ListView {
            id: list
            Layout.fillHeight: true
            Layout.fillWidth: true
            clip: true
            currentIndex: -1
            model: root.results
            objectName: "searchResults"

            ScrollBar.vertical: ScrollBar {
            }
            delegate: AbstractButton {
                id: hit

                required property string conversationTitle
                required property int conversationId
                //! Searching everywhere: the conversation's title above its first hit.
                required property string groupTitle
                required property color avatarColor
                required property int index
                required property string initials
                required property string senderName
                required property int seq
                required property string snippet
                required property var time

                Accessible.name: qsTr("%1 in %2: %3").arg(senderName).arg(conversationTitle).arg(snippetText.text)
                height: heading.height + Math.max(avatar.height, content.height) + 2 * Theme.spacingS
                hoverEnabled: true
                width: ListView.view.width

                background: Rectangle {
                    color: hit.ListView.isCurrentItem ? Theme.selected : hit.hovered ? Theme.hover : "transparent"
                }
                contentItem: Item {
                }

                onClicked: root.resultActivated(conversationId, seq)

                Text {
                    id: heading
                    bottomPadding: Theme.spacingXs
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.letterSpacing: 0.5
                    font.pixelSize: Theme.fontTiny
                    font.weight: Font.Bold
                    height: visible ? implicitHeight : 0
                    objectName: "groupHeading"
                    text: hit.groupTitle.toUpperCase()
                    topPadding: hit.index > 0 ? Theme.spacingM : Theme.spacingXs
                    visible: hit.groupTitle !== ""
                    x: Theme.spacingM
                }
                Avatar {
                    id: avatar
                    anchors.top: heading.bottom
                    anchors.topMargin: Theme.spacingS
                    color: hit.avatarColor
                    initials: hit.initials
                    ringColor: Theme.sidebar
                    size: 28
                    x: Theme.spacingM
                }
                // why: a Column, not a layout: the wrapped rich text's height is known at once.
                Column {
                    id: content
                    anchors.left: avatar.right
                    anchors.leftMargin: Theme.spacingS
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.spacingM
                    anchors.top: heading.bottom
                    anchors.topMargin: Theme.spacingS
                    spacing: 2

                    Item {
                        height: sender.implicitHeight
                        width: parent.width

                        Text {
                            id: sender
                            anchors.left: parent.left
                            anchors.right: when.left
                            anchors.rightMargin: Theme.spacingS
                            color: Theme.text
                            elide: Text.ElideRight
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            font.weight: Font.DemiBold
                            text: root.scopeTitle === "" || hit.conversationTitle === root.scopeTitle ? hit.senderName : qsTr("%1 in %2").arg(hit.senderName).arg(hit.conversationTitle)
                        }
                        Text {
                            id: when
                            anchors.right: parent.right
                            anchors.verticalCenter: sender.verticalCenter
                            color: Theme.textMuted
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontTiny
                            text: Format.shortTime(hit.time, new Date())
                        }
                    }
                    Text {
                        id: snippetText
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        text: hit.snippet
                        textFormat: Text.RichText
                        width: parent.width
                        wrapMode: Text.Wrap
                    }
                }
            }
            footer: AppButton {
                text: qsTr("Show more")
                visible: root.canLoadMore
                width: visible ? implicitWidth : 0
                x: Theme.spacingM
                height: visible ? implicitHeight : 0

                onClicked: root.loadMoreRequested()
            }
        }
    }
}
