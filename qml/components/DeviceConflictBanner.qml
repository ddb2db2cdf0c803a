// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! The persistent warning that the relay served two different signed device lists for one
//! account: one row per account, each dismissed by the member only.
Rectangle {
    id: root

    //! User names whose device lists conflicted.
    property var users: []

    signal dismissRequested(string userName)

    color: Theme.dangerSoft
    implicitHeight: rows.implicitHeight + 2 * Theme.spacingM
    visible: users.length > 0

    ColumnLayout {
        id: rows
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.margins: Theme.spacingM
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingS

        Repeater {
            model: root.users

            delegate: RowLayout {
                id: row

                required property string modelData

                Layout.fillWidth: true
                spacing: Theme.spacingS

                Icon {
                    Layout.alignment: Qt.AlignTop
                    color: Theme.danger
                    name: "warning"
                    size: 14
                }
                Text {
                    Layout.fillWidth: true
                    color: Theme.danger
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    objectName: "conflictText"
                    text: qsTr("The relay showed two different device lists for %1. Someone may be trying to read what you send %1: compare fingerprints with %1 before you trust a new device.").arg(row.modelData)
                    wrapMode: Text.Wrap
                }
                AppButton {
                    objectName: "dismissConflictButton"
                    text: qsTr("Dismiss")
                    variant: "secondary"

                    onClicked: root.dismissRequested(row.modelData)
                }
            }
        }
    }
}
