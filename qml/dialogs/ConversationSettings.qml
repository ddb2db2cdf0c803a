// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! Per-conversation notifications (all / mentions / none), mute and export, from the timeline
//! header.
AppDialog {
    id: root

    property string conversationTitle
    property bool muted: false
    //! "all", "mentions" or "none".
    property string notificationLevel: "all"

    signal exportRequested
    signal leaveRequested
    signal mutedChangeRequested(bool muted)
    signal notificationLevelChangeRequested(string level)

    title: conversationTitle
    width: Math.min(400, (parent ? parent.width : 400) - 2 * Theme.spacingXl)

    FieldLabel {
        text: qsTr("Notify me about")
    }
    Repeater {
        model: [{
                "value": "all",
                "label": qsTr("All messages")
            }, {
                "value": "mentions",
                "label": qsTr("Mentions only")
            }, {
                "value": "none",
                "label": qsTr("Nothing")
            }]

        AppRadioButton {
            required property var modelData

            checked: root.notificationLevel === modelData.value
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            objectName: "level_" + modelData.value
            text: modelData.label

            onClicked: {
                root.notificationLevelChangeRequested(modelData.value);
                checked = Qt.binding(() => root.notificationLevel === modelData.value);
            }
        }
    }
    SettingSwitch {
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingS
        checked: root.muted
        description: qsTr("Unread counts turn grey and nothing pops up.")
        label: qsTr("Mute")
        objectName: "muteSwitch"

        onToggled: value => root.mutedChangeRequested(value)
    }
    AppButton {
        Layout.topMargin: Theme.spacingS
        objectName: "exportButton"
        text: qsTr("Export conversation…")
        variant: "secondary"

        onClicked: root.exportRequested()
    }
}
