// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! Start a direct message by user name, or create a group or channel with a title and members.
AppDialog {
    id: root

    property bool attempted: false
    readonly property string kind: ["dm", "group", "channel"][mode]
    property var members: []

    //! 0: direct message, 1: group, 2: channel.
    property int mode: 0
    //! The member's own name (a DM with oneself is refused).
    property string selfName
    readonly property string validationText: {
        if (mode === 0) {
            const name = dmField.text.trim();
            if (name === "")
                return qsTr("Enter the user name of the person to message.");
            if (/\s/.test(name))
                return qsTr("User names have no spaces.");
            if (name === selfName)
                return qsTr("That's you. Enter someone else's user name.");
            return "";
        }
        if (titleField.text.trim() === "")
            return mode === 1 ? qsTr("Give the group a name.") : qsTr("Give the channel a name.");
        if (mode === 1 && members.length === 0)
            return qsTr("Add at least one member.");
        return "";
    }

    signal createRequested(string kind, string title, var members)
    signal directMessageRequested(string userName)

    function addMember() {
        const names = memberField.text.split(/[\s,]+/).filter(n => n !== "" && n !== selfName && members.indexOf(n) < 0);
        if (names.length > 0)
            members = members.concat(names);
        memberField.text = "";
    }
    function removeMember(name) {
        members = members.filter(n => n !== name);
    }
    function reset() {
        attempted = false;
        dmField.text = "";
        titleField.text = "";
        memberField.text = "";
        members = [];
    }
    function submit() {
        if (mode !== 0 && memberField.text.trim() !== "")
            addMember();
        attempted = true;
        if (validationText !== "")
            return;
        if (mode === 0)
            root.directMessageRequested(dmField.text.trim());
        else
            root.createRequested(kind, titleField.text.trim(), members.slice());
        close();
    }

    title: qsTr("New conversation")

    onAboutToShow: reset()
    onOpened: (mode === 0 ? dmField : titleField).field.forceActiveFocus()

    SegmentedControl {
        Layout.fillWidth: true
        currentIndex: root.mode
        objectName: "kindSwitch"
        options: [qsTr("Direct message"), qsTr("Group"), qsTr("Channel")]

        onActivated: index => {
            root.mode = index;
            root.attempted = false;
        }
    }
    Text {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        text: root.mode === 0 ? qsTr("A private conversation between the two of you.") : root.mode === 1 ? qsTr("Everyone in a group can post.") : qsTr("In a channel, only owners and admins post; members read and react.")
        wrapMode: Text.Wrap
    }
    FormField {
        id: dmField
        Layout.fillWidth: true
        error: root.attempted && root.mode === 0 ? root.validationText : ""
        label: qsTr("User name")
        objectName: "dmField"
        placeholderText: qsTr("e.g. bob")
        visible: root.mode === 0

        onAccepted: root.submit()
    }
    FormField {
        id: titleField
        Layout.fillWidth: true
        error: root.attempted && root.mode !== 0 && text.trim() === "" ? root.validationText : ""
        label: qsTr("Name")
        objectName: "titleField"
        placeholderText: root.mode === 1 ? qsTr("e.g. Garden club") : qsTr("e.g. announcements")
        visible: root.mode !== 0

        onAccepted: memberField.field.forceActiveFocus()
    }
    FormField {
        id: memberField
        Layout.fillWidth: true
        error: root.attempted && root.mode === 1 && root.members.length === 0 ? root.validationText : ""
        hint: qsTr("You can add more people later.")
        label: qsTr("Members")
        objectName: "memberField"
        placeholderText: qsTr("User name, then Enter")
        visible: root.mode !== 0

        onAccepted: root.addMember()
    }
    Flow {
        Layout.fillWidth: true
        objectName: "memberChips"
        spacing: Theme.spacingXs
        visible: root.mode !== 0 && root.members.length > 0

        Repeater {
            model: root.members

            Rectangle {
                id: chip

                required property string modelData

                color: Theme.accentSoft
                implicitHeight: 28
                implicitWidth: chipRow.implicitWidth + 14
                radius: 14

                Row {
                    id: chipRow
                    anchors.centerIn: parent
                    spacing: 2

                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        text: chip.modelData
                    }
                    IconButton {
                        anchors.verticalCenter: parent.verticalCenter
                        iconName: "close"
                        iconSize: 10
                        implicitHeight: 20
                        implicitWidth: 20
                        toolTip: qsTr("Remove %1").arg(chip.modelData)

                        onClicked: root.removeMember(chip.modelData)
                    }
                }
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingS
        spacing: Theme.spacingS

        Item {
            Layout.fillWidth: true
        }
        AppButton {
            text: qsTr("Cancel")
            variant: "secondary"

            onClicked: root.close()
        }
        AppButton {
            objectName: "createButton"
            text: root.mode === 0 ? qsTr("Start conversation") : root.mode === 1 ? qsTr("Create group") : qsTr("Create channel")

            onClicked: root.submit()
        }
    }
}
