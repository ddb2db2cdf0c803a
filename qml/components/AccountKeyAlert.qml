// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! A lasting alert: the relay served another account key for `user` than the one pinned, and
//! Hearth refused it. Stays until the member dismisses it (and comes back if it happens again).
Rectangle {
    id: root

    //! The alert is about this member's own account.
    property bool own: false
    property string user

    signal dismissed

    border.color: Theme.danger
    color: Theme.dangerSoft
    implicitHeight: row.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radiusM

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingS

        Icon {
            Layout.alignment: Qt.AlignTop
            color: Theme.danger
            name: "warning"
            size: 16
        }
        Text {
            Layout.fillWidth: true
            color: Theme.danger
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            objectName: "accountKeyAlertText"
            text: root.own ? qsTr("<b>The relay served a different key for your own account.</b> Hearth refused it: devices it would vouch for get nothing. Your account key was made on your devices, so the relay (or someone controlling it) is trying to slip in a device of its own.") : qsTr("<b>The relay served a different account key for %1.</b> Hearth refused it: nothing is shared with devices it would vouch for, and the devices you trusted before stay as they were. If %1 did not reset their account, the relay may be attacking you; compare safety numbers with them in person.").arg(root.user)
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
        }
        IconButton {
            Layout.alignment: Qt.AlignTop
            iconName: "close"
            iconSize: 12
            toolTip: qsTr("Dismiss")

            onClicked: root.dismissed()
        }
    }
}
