// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! The conversation's membership warning (ConversationController.membershipAlert): a change
//! the relay reported that no member signed ("refused"), or members shown different membership
//! histories ("fork", sending paused until the member has read it). Empty alert: hidden.
Rectangle {
    id: root

    //! "", "refused" or "fork".
    property string alert: ""

    signal dismissed

    color: Theme.warningSoft
    implicitHeight: visible ? row.implicitHeight + 2 * Theme.spacingM : 0
    objectName: "membershipAlertBanner"
    visible: alert !== ""

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.margins: Theme.spacingM
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingM

        Icon {
            Layout.alignment: Qt.AlignTop
            color: Theme.warningText
            name: "warning"
            size: 16
        }
        Column {
            Layout.fillWidth: true
            spacing: 2

            Text {
                color: Theme.warningText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.weight: Font.Bold
                text: root.alert === "fork" ? qsTr("Members were shown different histories") : qsTr("A membership change was refused")
                width: parent.width
                wrapMode: Text.Wrap
            }
            Text {
                color: Theme.warningText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                objectName: "membershipAlertText"
                text: root.alert === "fork" ? qsTr("Someone here wrote after a membership change your device never received: the relay may be hiding a removal. Hearth has paused sending keys from this device; compare the member list with the others before you go on.") : qsTr("The relay reported a change to this conversation's members that no member signed. It was not applied: keys go only to the members the signed history shows.")
                width: parent.width
                wrapMode: Text.Wrap
            }
        }
        AppButton {
            Layout.alignment: Qt.AlignVCenter
            objectName: "membershipAlertDismiss"
            text: root.alert === "fork" ? qsTr("I've checked") : qsTr("Dismiss")
            variant: "secondary"

            onClicked: root.dismissed()
        }
    }
}
