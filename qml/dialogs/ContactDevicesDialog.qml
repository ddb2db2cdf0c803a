// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! A contact's details: the devices its account signed, with fingerprints to compare, and a
//! clear notice when they changed since the member last looked (acknowledge to dismiss it).
AppDialog {
    id: root

    //! The account's fingerprint ("" when unknown).
    property string accountFingerprint
    //! list of {deviceId, fingerprint, blocked}: the devices on the account's signed list.
    property var devices: []
    //! The signed list changed its devices since the member last acknowledged it.
    property bool devicesChanged: false
    //! When the account signed its list (an invalid date for an old list without one).
    property var signedAt: null
    property string userName

    signal acknowledgeRequested

    title: qsTr("%1's devices").arg(root.userName)

    ColumnLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingM

        Rectangle {
            Layout.fillWidth: true
            color: Theme.warningSoft
            implicitHeight: notice.implicitHeight + 2 * Theme.spacingM
            objectName: "devicesChangedNotice"
            radius: Theme.radiusM
            visible: root.devicesChanged

            ColumnLayout {
                id: notice
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingS

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS

                    Icon {
                        Layout.alignment: Qt.AlignTop
                        color: Theme.warningText
                        name: "warning"
                        size: 14
                    }
                    Text {
                        Layout.fillWidth: true
                        color: Theme.warningText
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        objectName: "devicesChangedText"
                        text: qsTr("%1's devices changed").arg(root.userName)
                        wrapMode: Text.Wrap
                    }
                }
                Text {
                    Layout.fillWidth: true
                    color: Theme.warningText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("%1 added or removed a device since you last looked. If you did not expect it, ask %1 (in person or by phone) whether these fingerprints are theirs.").arg(root.userName)
                    wrapMode: Text.Wrap
                }
                AppButton {
                    Layout.alignment: Qt.AlignRight
                    objectName: "acknowledgeButton"
                    text: qsTr("I've checked")
                    variant: "secondary"

                    onClicked: root.acknowledgeRequested()
                }
            }
        }
        Text {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            objectName: "signedAtText"
            text: root.signedAt && !isNaN(root.signedAt.getTime()) ? qsTr("Device list signed by %1's account on %2.").arg(root.userName).arg(root.signedAt.toLocaleString(Qt.locale(), Locale.ShortFormat)) : qsTr("Device list signed by %1's account.").arg(root.userName)
            wrapMode: Text.Wrap
        }
        Text {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSmall
            objectName: "accountFingerprint"
            text: qsTr("Account: %1").arg(Format.groupFingerprint(root.accountFingerprint))
            visible: root.accountFingerprint !== ""
            wrapMode: Text.Wrap
        }
        Repeater {
            model: root.devices

            delegate: Rectangle {
                id: device

                required property var modelData

                Layout.fillWidth: true
                color: Theme.sunken
                implicitHeight: deviceColumn.implicitHeight + 2 * Theme.spacingM
                objectName: "contactDevice"
                radius: Theme.radiusM

                ColumnLayout {
                    id: deviceColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: 4

                    Text {
                        Layout.fillWidth: true
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        text: device.modelData.blocked ? qsTr("Device %1 (blocked)").arg(device.modelData.deviceId) : qsTr("Device %1").arg(device.modelData.deviceId)
                    }
                    Text {
                        Layout.fillWidth: true
                        color: Theme.textSecondary
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.fontSmall
                        objectName: "fingerprint"
                        text: Format.groupFingerprint(device.modelData.fingerprint)
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
        Text {
            Layout.fillWidth: true
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            text: qsTr("No signed devices yet.")
            visible: root.devices.length === 0
        }
    }
}
