// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQml.Models
import Hearth.Ui

//! Ctrl+K: type part of a title, arrows to choose, Enter to open.
Popup {
    id: root

    readonly property int matchCount: matches.count

    //! ConversationListModel (or a ListModel with its roles).
    property var model: null
    property alias query: field.text
    //! For "You: " in previews.
    property string selfName

    signal activated(int conversationId)

    function activateCurrent() {
        if (list.currentIndex < 0 || list.currentIndex >= matches.count)
            return;
        const id = matches.get(list.currentIndex).model.conversationId;
        close();
        root.activated(id);
    }
    function refilter() {
        const q = field.text.trim().toLowerCase();
        for (let i = 0; i < visual.items.count; ++i) {
            const item = visual.items.get(i);
            item.inMatches = q === "" || String(item.model.title).toLowerCase().indexOf(q) >= 0;
        }
        list.currentIndex = matches.count > 0 ? Math.min(Math.max(0, list.currentIndex), matches.count - 1) : -1;
    }

    focus: true
    modal: true
    padding: Theme.spacingS
    palette.base: Theme.inputBackground
    palette.highlight: Theme.accent
    palette.text: Theme.text
    palette.window: Theme.raised
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacingXl)
    x: ((parent ? parent.width : width) - width) / 2
    y: Math.round((parent ? parent.height : height) * 0.14)

    Overlay.modal: Rectangle {
        color: Theme.overlay
    }
    background: Rectangle {
        border.color: Theme.border
        color: Theme.raised
        radius: Theme.radiusL
    }
    contentItem: Column {
        spacing: Theme.spacingS

        AppTextField {
            id: field
            leftPadding: 34
            objectName: "switcherField"
            placeholderText: qsTr("Jump to a conversation…")
            width: parent.width

            Keys.onDownPressed: list.currentIndex = Math.min(matches.count - 1, list.currentIndex + 1)
            Keys.onEnterPressed: root.activateCurrent()
            Keys.onReturnPressed: root.activateCurrent()
            Keys.onUpPressed: list.currentIndex = Math.max(0, list.currentIndex - 1)
            onTextChanged: {
                root.refilter();
                list.currentIndex = matches.count > 0 ? 0 : -1;
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
            boundsBehavior: Flickable.StopAtBounds
            clip: true
            currentIndex: 0
            height: Math.min(contentHeight, 52 * 7)
            highlightMoveDuration: 0
            model: visual
            objectName: "switcherList"
            width: parent.width
        }
        Text {
            bottomPadding: Theme.spacingM
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("No conversation matches.")
            topPadding: Theme.spacingM
            visible: matches.count === 0
            width: parent.width
        }
    }

    onAboutToShow: {
        field.text = "";
        refilter();
        list.currentIndex = matches.count > 0 ? 0 : -1;
    }
    onOpened: field.forceActiveFocus()

    DelegateModel {
        id: visual
        filterOnGroup: "matches"
        model: root.model

        delegate: ConversationDelegate {
            required property int index
            required property var model

            avatarColor: model.avatarColor
            conversationId: model.conversationId
            current: ListView.isCurrentItem
            draft: model.draft
            implicitHeight: 52
            initials: model.initials
            kind: model.kind
            lastMessageSender: model.lastMessageSender
            lastMessageText: model.lastMessageText
            lastMessageTime: model.lastMessageTime
            muted: model.muted
            presence: model.presence
            selfName: root.selfName
            title: model.title
            unreadCount: model.unreadCount
            width: ListView.view.width

            onClicked: {
                list.currentIndex = index;
                root.activateCurrent();
            }
        }
        groups: [
            DelegateModelGroup {
                id: matches
                includeByDefault: true
                name: "matches"
            }
        ]

        items.onChanged: Qt.callLater(root.refilter) // qmllint disable type
    }
}
