// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! Message input: grows to about eight lines; Enter sends, Shift+Enter is a newline, Up in an
//! empty composer asks to edit the last own message, Esc cancels an edit. Reports typing with
//! a debounce. Read-only with an explanation when the member may not post.
FocusScope {
    id: root

    property bool canPost: true

    //! Used for the placeholder, "Message <title>".
    property string conversationTitle
    property string disabledText: qsTr("Only owners and admins can post in this channel.")
    property int editSeq: 0
    readonly property bool editing: editSeq > 0
    property int maximumLines: 8
    property bool restoring: false
    //! The text being written (restore drafts by setting it).
    property alias text: area.text
    readonly property alias textArea: area
    //! Milliseconds without a keystroke before typing(false).
    property int typingTimeout: 4000

    //! The text to keep as this conversation's draft (after a pause in typing, and on send).
    signal draftEdited(string text)
    signal editCancelled
    signal editLastRequested
    signal editSubmitted(int seq, string text)
    signal sendRequested(string text)
    //! The member started (true) or stopped (false) typing.
    signal typing(bool active)

    //! Put the composer in edit mode for message `seq`.
    function beginEdit(seq, text) {
        if (seq <= 0)
            return;
        editSeq = seq;
        area.text = text;
        area.cursorPosition = area.length;
        area.forceActiveFocus();
    }
    function cancelEdit() {
        if (!editing)
            return;
        editSeq = 0;
        area.text = "";
        root.editCancelled();
    }
    function handleReturn(event) {
        if (event.modifiers & Qt.ShiftModifier) {
            event.accepted = false;
            return;
        }
        event.accepted = true;
        root.submit();
    }
    //! Show a saved draft without reporting it as typing.
    function restoreDraft(text) {
        restoring = true;
        editSeq = 0;
        area.text = text;
        area.cursorPosition = area.length;
        restoring = false;
    }
    function stopTyping() {
        typingTimer.stop();
        if (typingTimer.active) {
            typingTimer.active = false;
            root.typing(false);
            if (!root.editing)
                root.draftEdited(area.text);
        }
    }
    function submit() {
        const body = area.text.trim();
        if (!root.canPost)
            return;
        if (root.editing) {
            if (body === "")
                return;
            const seq = root.editSeq;
            root.editSeq = 0;
            area.text = "";
            root.editSubmitted(seq, body);
        } else {
            if (body === "")
                return;
            area.text = "";
            root.sendRequested(body);
        }
        root.stopTyping();
    }

    implicitHeight: column.implicitHeight + 2 * Theme.spacingM

    Timer {
        id: typingTimer

        property bool active: false

        interval: root.typingTimeout

        onTriggered: root.stopTyping()
    }
    ColumnLayout {
        id: column
        anchors.bottomMargin: Theme.spacingM
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        anchors.topMargin: Theme.spacingS
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            color: Theme.accentSoft
            implicitHeight: 32
            objectName: "editBanner"
            radius: Theme.radiusM
            visible: root.editing

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacingM
                anchors.rightMargin: Theme.spacingXs

                Icon {
                    color: Theme.link
                    name: "edit"
                    size: 13
                }
                Text {
                    Layout.fillWidth: true
                    color: Theme.text
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("Editing message — Esc to cancel")
                }
                IconButton {
                    iconName: "close"
                    iconSize: 12
                    implicitHeight: 26
                    implicitWidth: 26
                    toolTip: qsTr("Cancel editing")

                    onClicked: root.cancelEdit()
                }
            }
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.topMargin: root.editing ? Theme.spacingXs : 0
            border.color: area.activeFocus ? Theme.accent : Theme.inputBorder
            border.width: area.activeFocus ? 2 : 1
            color: root.canPost ? Theme.inputBackground : Theme.sunken
            implicitHeight: Math.max(44, Math.min(area.implicitHeight, area.lineHeightPx * root.maximumLines + area.topPadding + area.bottomPadding) + 2)
            radius: Theme.radiusL

            ScrollView {
                id: scroll
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                anchors.margins: 1
                anchors.right: sendButton.left
                anchors.top: parent.top
                visible: root.canPost

                TextArea {
                    id: area

                    readonly property real lineHeightPx: fontMetrics.lineSpacing

                    Accessible.name: placeholderText
                    background: null
                    bottomPadding: 12
                    color: Theme.text
                    enabled: root.canPost
                    focus: true
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    leftPadding: Theme.spacingM
                    objectName: "composerInput"
                    placeholderText: qsTr("Message %1").arg(root.conversationTitle)
                    placeholderTextColor: Theme.placeholder
                    rightPadding: Theme.spacingS
                    selectByMouse: true
                    selectedTextColor: Theme.accentText
                    selectionColor: Theme.accent
                    textFormat: TextEdit.PlainText
                    topPadding: 12
                    wrapMode: TextEdit.Wrap

                    Keys.onEnterPressed: event => root.handleReturn(event)
                    Keys.onEscapePressed: event => {
                        event.accepted = root.editing;
                        root.cancelEdit();
                    }
                    Keys.onReturnPressed: event => root.handleReturn(event)
                    Keys.onUpPressed: event => {
                        if (area.length === 0 && !root.editing) {
                            root.editLastRequested();
                            event.accepted = true;
                        } else {
                            event.accepted = false;
                        }
                    }
                    onActiveFocusChanged: {
                        if (!activeFocus)
                            root.stopTyping();
                    }
                    onTextChanged: {
                        if (!activeFocus || root.restoring)
                            return;
                        if (length === 0) {
                            root.stopTyping();
                            return;
                        }
                        if (!typingTimer.active) {
                            typingTimer.active = true;
                            root.typing(true);
                        }
                        typingTimer.restart();
                    }

                    FontMetrics {
                        id: fontMetrics
                        font: area.font
                    }
                }
            }
            Text {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacingM
                color: Theme.textMuted
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                objectName: "disabledText"
                text: root.disabledText
                verticalAlignment: Text.AlignVCenter
                visible: !root.canPost
            }
            IconButton {
                id: sendButton
                anchors.bottom: parent.bottom
                anchors.margins: 6
                anchors.right: parent.right
                enabled: area.text.trim() !== ""
                iconColor: Theme.link
                iconName: root.editing ? "check" : "send"
                objectName: "sendButton"
                toolTip: root.editing ? qsTr("Save edit") : qsTr("Send (Enter)")
                visible: root.canPost

                onClicked: root.submit()
            }
        }
    }
}
