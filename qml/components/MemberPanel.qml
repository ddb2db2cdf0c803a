// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! Members of the open conversation with role and presence; add / remove for owners and
//! admins; leave.
Rectangle {
    id: root

    property bool canLeave: true
    property bool canManageMembers: false
    readonly property int memberCount: list.count

    //! MemberListModel (or a ListModel with its roles).
    property var model: null

    signal addMemberRequested(string userName)
    signal closeRequested
    signal detailsRequested(string userName)
    signal directMessageRequested(string userName)
    signal leaveRequested
    signal removeMemberRequested(string userName)

    color: Theme.sidebar
    implicitWidth: Theme.memberPanelWidth

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

            Text {
                Layout.fillWidth: true
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.weight: Font.Bold
                text: qsTr("Members · %1").arg(list.count)
            }
            IconButton {
                iconName: "close"
                iconSize: 13
                toolTip: qsTr("Hide members")

                onClicked: root.closeRequested()
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            Layout.rightMargin: Theme.spacingM
            objectName: "addRow"
            spacing: Theme.spacingS
            visible: root.canManageMembers

            AppTextField {
                id: addField
                Layout.fillWidth: true
                objectName: "addMemberField"
                placeholderText: qsTr("Add by user name")

                onAccepted: addButton.clicked()
            }
            AppButton {
                id: addButton
                enabled: addField.text.trim() !== ""
                objectName: "addMemberButton"
                text: qsTr("Add")

                onClicked: {
                    root.addMemberRequested(addField.text.trim());
                    addField.clear();
                }
            }
        }
        ListView {
            id: list
            objectName: "memberList"
            Layout.fillHeight: true
            Layout.fillWidth: true
            boundsBehavior: Flickable.StopAtBounds
            clip: true
            model: root.model

            ScrollBar.vertical: ScrollBar {
            }
            delegate: MemberDelegate {
                required property var model

                avatarColor: model.avatarColor
                canManage: root.canManageMembers
                devicesChanged: model.devicesChanged === true
                initials: model.initials
                isSelf: model.isSelf
                presence: model.presence
                role: model.role
                userName: model.userName
                width: ListView.view.width

                onDetailsRequested: name => root.detailsRequested(name)
                onMessageRequested: name => root.directMessageRequested(name)
                onRemoveRequested: name => root.removeMemberRequested(name)
            }
        }
        AppButton {
            id: leaveButton

            Layout.fillWidth: true
            Layout.margins: Theme.spacingM
            objectName: "leaveButton"
            text: qsTr("Leave conversation")
            variant: "secondary"
            visible: root.canLeave

            contentItem: Text {
                color: Theme.danger
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                text: leaveButton.text
                verticalAlignment: Text.AlignVCenter
            }

            onClicked: root.leaveRequested()
        }
    }
}
